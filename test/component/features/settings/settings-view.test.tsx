import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

import { SettingsView } from '../../../../src/renderer/features/settings/settings-view';
import { ERROR_MESSAGES } from '../../../../src/renderer/messages/errors';
import { useSettings } from '../../../../src/renderer/state/settings';
import { AppError } from '../../../../src/shared/errors/app-error';
import type { DataLocations } from '../../../../src/shared/ipc/schemas';
import { DEFAULT_SETTINGS, type Settings, applySettingsPatch } from '../../../../src/shared/settings/schema';
import { installFakeBroker } from '../../support/fake-broker';

const CLIENT_ID = '3f2b8c1d-4e5a-4b6c-9d7e-0a1b2c3d4e5f';
const locations: DataLocations = {
  dataDir: '/home/ada/.config/rdp-broker',
  favoritesFile: '/home/ada/.config/rdp-broker/favorites.json',
  settingsFile: '/home/ada/.config/rdp-broker/config.json',
  logsDir: '/home/ada/.config/rdp-broker/logs',
};

/** Main's settings service in miniature: validates (through the real dispatcher and schema), applies, answers. */
function settingsBroker(overrides: Parameters<typeof installFakeBroker>[0] = {}) {
  let stored: Settings = DEFAULT_SETTINGS;
  return installFakeBroker({
    'settings:set': (patch) => {
      stored = applySettingsPatch(stored, patch);
      return Promise.resolve(stored);
    },
    ...overrides,
  });
}

async function renderSettings() {
  useSettings.setState({ load: { status: 'ready' }, settings: DEFAULT_SETTINGS, locations });
  const screen = await render(<SettingsView />);
  return { screen, view: screen.getByRole('region', { name: 'Settings' }) };
}

describe('SettingsView', () => {
  it('waits for the settings before showing a form', async () => {
    const screen = await render(<SettingsView />);
    await expect.element(screen.getByRole('status')).toHaveTextContent('Loading settings…');
    expect(screen.getByRole('textbox').elements()).toHaveLength(0);
  });

  it('saves a client ID only when it changed, and says it saved', async () => {
    const broker = settingsBroker();
    const { view } = await renderSettings();
    const signIn = view.getByRole('region', { name: 'Sign-in' });
    const field = signIn.getByRole('textbox', { name: 'Client ID (app registration)' });
    const save = signIn.getByRole('button', { name: 'Save' });
    await expect.element(save).toBeDisabled();
    await field.fill(`  ${CLIENT_ID} `);
    await expect.element(save).toBeEnabled();
    await save.click();
    await vi.waitFor(() => expect(broker.inputsOf('settings:set')).toEqual([{ clientId: CLIENT_ID }]));
    await expect.element(signIn.getByRole('status')).toHaveTextContent('Saved');
    await expect.element(field).toHaveValue(CLIENT_ID);
    await expect.element(save).toBeDisabled();
  });

  it('shows why main refused a client ID, field by field, and keeps the old value', async () => {
    const broker = settingsBroker();
    const { view } = await renderSettings();
    const signIn = view.getByRole('region', { name: 'Sign-in' });
    const field = signIn.getByRole('textbox', { name: 'Client ID (app registration)' });
    await field.fill('not-a-guid');
    // Enter submits, as the Save button does.
    await userEvent.keyboard('{Enter}');
    const alert = signIn.getByRole('alert');
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.VALIDATION_FAILED.title);
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.VALIDATION_FAILED.nextStep);
    await expect.element(alert.getByText('clientId: must be a GUID')).toBeVisible();
    expect(broker.inputsOf('settings:set')).toEqual([{ clientId: 'not-a-guid' }]);
    await expect.element(field).toHaveValue(DEFAULT_SETTINGS.clientId);
    expect(useSettings.getState().settings.clientId).toBe(DEFAULT_SETTINGS.clientId);
  });

  it('saves the default sign-in method at once and marks the choice', async () => {
    const broker = settingsBroker();
    const { view } = await renderSettings();
    const method = view.getByRole('group', { name: 'Default sign-in method for connections' });
    await expect.element(method.getByRole('radio', { name: /^Web account/ })).toBeChecked();
    await method.getByRole('radio', { name: /^Password/ }).click();
    await expect.element(method.getByRole('radio', { name: /^Password/ })).toBeChecked();
    await expect.element(method.getByRole('status')).toHaveTextContent('Saved');
    expect(broker.inputsOf('settings:set')).toEqual([{ signInMethod: 'password' }]);
  });

  it('puts a setting back when main cannot store it', async () => {
    settingsBroker({ 'settings:set': () => Promise.reject(new AppError('SETTINGS_INVALID', 'config.json is read-only')) });
    const { view } = await renderSettings();
    const checkbox = view.getByRole('checkbox', { name: 'Use all my monitors' });
    await checkbox.click();
    await expect.element(view.getByRole('alert')).toHaveTextContent(ERROR_MESSAGES.SETTINGS_INVALID.title);
    await expect.element(checkbox).not.toBeChecked();
  });

  it('shows where data lives, and the outcome of the data actions', async () => {
    const broker = settingsBroker({
      'app:open-logs': () => Promise.resolve({ path: null, opened: false }),
      'app:clear-cache': () => Promise.resolve({ removed: ['the machine list', '2 connection files'] }),
      'machines:refresh': () => Promise.resolve({ runId: 'run-2' }),
    });
    const { view } = await renderSettings();
    const data = view.getByRole('region', { name: 'Data' });
    await expect.element(data.getByTestId('data-locations')).toHaveTextContent(`Favorites file${locations.favoritesFile!}`);
    await data.getByRole('button', { name: 'Open the log folder' }).click();
    await expect.element(data.getByTestId('data-action-result')).toHaveTextContent('This copy of RDP Broker writes no log files');
    await data.getByRole('button', { name: 'Clear cache' }).click();
    await expect.element(data.getByTestId('data-action-result')).toHaveTextContent(
      'Cleared: the machine list; 2 connection files. The machine list is read again.',
    );
    // Clearing the cache reads the machine list again.
    await vi.waitFor(() => expect(broker.inputsOf('machines:refresh')).toHaveLength(1));
  });
});
