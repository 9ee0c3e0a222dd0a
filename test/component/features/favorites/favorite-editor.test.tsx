import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { FavoriteEditor } from '../../../../src/renderer/features/favorites/favorite-editor';
import { ERROR_MESSAGES } from '../../../../src/renderer/messages/errors';
import { useFavorites } from '../../../../src/renderer/state/favorites';
import { useUi } from '../../../../src/renderer/state/ui';
import { AppError } from '../../../../src/shared/errors/app-error';
import { type Favorite, type FavoriteInput, favoriteSchema } from '../../../../src/shared/favorites/schema';
import { makeMachine } from '../../../unit/renderer/machine-fixtures';
import { installFakeBroker } from '../../support/fake-broker';

const machine = makeMachine('vm-web-01');
const favorite: Favorite = favoriteSchema.parse({
  id: 'fav-1',
  machineId: machine.id,
  machineName: 'vm-web-01',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
});

/** Main's favorites:save: stores the input as the one favorite and answers with the whole list. */
function savingBroker() {
  return installFakeBroker({
    'favorites:save': ({ favorite: input }) =>
      Promise.resolve({
        favorites: [favoriteSchema.parse({ ...input, id: input.id ?? 'fav-new', createdAt: favorite.createdAt, updatedAt: '2026-11-30T09:00:00.000Z' })],
        recents: [],
        notice: null,
      }),
  });
}

async function renderEditor(missing = false) {
  useFavorites.setState({ favorites: [favorite], load: { status: 'ready' } });
  useUi.getState().editFavorite(favorite.id);
  const screen = await render(<FavoriteEditor favorite={favorite} missing={missing} />);
  return { screen, form: screen.getByRole('form', { name: 'Edit “vm-web-01”' }) };
}

function savedInputs(broker: ReturnType<typeof installFakeBroker>): FavoriteInput[] {
  return broker.inputsOf('favorites:save').map((input) => input.favorite);
}

describe('FavoriteEditor', () => {
  it('opens with the keyboard in its first field and nothing shared', async () => {
    savingBroker();
    const { form } = await renderEditor();
    await expect.element(form.getByRole('textbox', { name: 'Name shown' })).toHaveFocus();
    await expect.element(form.getByRole('radio', { name: 'The default from Settings' })).toBeChecked();
    await expect.element(form.getByRole('checkbox', { name: 'Clipboard' })).not.toBeChecked();
    await expect.element(form.getByRole('checkbox', { name: 'Drives' })).not.toBeChecked();
    await expect.element(form.getByText('Uses the display settings from Settings.')).toBeVisible();
    expect(form.getByRole('note').elements()).toHaveLength(0);
  });

  it('saves alias, folder, sign-in method and sharing through main', async () => {
    const broker = savingBroker();
    const { form } = await renderEditor();
    await form.getByRole('textbox', { name: 'Name shown' }).fill('  Web front end  ');
    await form.getByRole('combobox', { name: 'Folder' }).fill('Production');
    await form.getByRole('radio', { name: /^Password/ }).click();
    await form.getByRole('checkbox', { name: 'Clipboard' }).click();
    await form.getByRole('checkbox', { name: 'Smart cards' }).click();
    // Every resource shared is spelled out before saving.
    await expect.element(form.getByRole('note')).toHaveTextContent('Shares: clipboard, smart cards.');
    await form.getByRole('button', { name: 'Save favorite' }).click();

    await expect.element(form.getByRole('status')).toHaveTextContent('Saved');
    const [saved] = savedInputs(broker);
    expect(saved).toMatchObject({
      id: 'fav-1',
      machineId: machine.id,
      alias: 'Web front end',
      group: 'Production',
      signInMethod: 'password',
      display: null,
      redirections: expect.objectContaining({ clipboard: true, smartCards: true, drives: false, printers: false }) as unknown,
    });
    expect(useUi.getState().announcement).toBe('Saved Web front end.');
  });

  it('marks a half-set display size, says what is wrong, and sends nothing to main', async () => {
    const broker = savingBroker();
    const { form } = await renderEditor();
    await form.getByRole('checkbox', { name: 'Use display settings just for this favorite' }).click();
    const width = form.getByRole('spinbutton', { name: 'Width (pixels)' });
    await width.fill('1920');
    // Errors wait for the first save, so typing is not interrupted.
    await expect.element(width).toHaveAttribute('aria-invalid', 'false');
    await form.getByRole('button', { name: 'Save favorite' }).click();

    await expect.element(form.getByRole('alert')).toHaveTextContent('Correct the marked fields, then save.');
    await expect.element(width).toHaveAttribute('aria-invalid', 'true');
    await expect.element(width).toHaveAccessibleDescription('Set both width and height, or neither.');
    expect(useUi.getState().announcement).toBe('The favorite was not saved: correct the marked fields.');
    expect(savedInputs(broker)).toHaveLength(0);
  });

  it('refuses sizes the RDP client cannot use, then saves once they are fixed', async () => {
    const broker = savingBroker();
    const { form } = await renderEditor();
    await form.getByRole('checkbox', { name: 'Use display settings just for this favorite' }).click();
    const width = form.getByRole('spinbutton', { name: 'Width (pixels)' });
    const height = form.getByRole('spinbutton', { name: 'Height (pixels)' });
    await width.fill('120');
    await height.fill('1080');
    await form.getByRole('button', { name: 'Save favorite' }).click();
    await expect.element(width).toHaveAttribute('aria-invalid', 'true');
    await expect.element(width).toHaveAccessibleDescription(/200/);
    await expect.element(height).toHaveAttribute('aria-invalid', 'false');
    expect(savedInputs(broker)).toHaveLength(0);

    await width.fill('1920');
    await expect.element(form.getByRole('alert')).not.toBeInTheDocument();
    await form.getByRole('button', { name: 'Save favorite' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Saved');
    expect(savedInputs(broker)[0]?.display).toMatchObject({ width: 1920, height: 1080 });
  });

  it('says when the machine is gone from discovery, and keeps the favorite', async () => {
    savingBroker();
    const { form } = await renderEditor(true);
    await expect.element(form).toHaveTextContent('This machine is not in the latest discovery. The favorite stays;');
  });

  it("shows main's refusal as an error that can be dismissed", async () => {
    installFakeBroker({ 'favorites:save': () => Promise.reject(new AppError('FAVORITES_WRITE_FAILED', 'EACCES: favorites.json')) });
    const { form } = await renderEditor();
    await form.getByRole('button', { name: 'Save favorite' }).click();
    const alert = form.getByRole('alert');
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.FAVORITES_WRITE_FAILED.title);
    await expect.element(alert).toHaveTextContent('Code FAVORITES_WRITE_FAILED — EACCES: favorites.json');
    expect(form.getByRole('status').elements()).toHaveLength(0);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect.element(alert).not.toBeInTheDocument();
  });

  it('closes from the header and from the Close button', async () => {
    savingBroker();
    const { form } = await renderEditor();
    await form.getByRole('button', { name: 'Close the editor' }).click();
    expect(useUi.getState().editingFavoriteId).toBeNull();
    useUi.getState().editFavorite(favorite.id);
    await form.getByRole('button', { name: 'Close', exact: true }).click();
    await vi.waitFor(() => expect(useUi.getState().editingFavoriteId).toBeNull());
  });
});
