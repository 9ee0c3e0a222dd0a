import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

import { HelpOverlay } from '../../../../src/renderer/features/help/help-overlay';
import { shortcutHelp } from '../../../../src/renderer/model/shortcuts';
import { useUi } from '../../../../src/renderer/state/ui';

describe('HelpOverlay', () => {
  it('stays closed until asked for', async () => {
    const screen = await render(<HelpOverlay isMac={false} />);
    await expect.element(screen.getByRole('dialog', { includeHidden: true })).not.toBeVisible();
  });

  it('lists every shortcut of the key table, section by section', async () => {
    useUi.getState().setHelpOpen(true);
    const screen = await render(<HelpOverlay isMac={false} />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.element(dialog).toBeVisible();
    for (const section of shortcutHelp(false)) {
      const region = dialog.getByRole('region', { name: section.section });
      await expect.element(region.getByRole('heading', { name: section.section })).toBeVisible();
      expect(region.getByRole('definition').elements().map((each) => each.textContent)).toEqual(section.items.map((item) => item.description));
    }
    const search = dialog.getByRole('region', { name: 'Finding machines' });
    await expect.element(search).toHaveTextContent('Ctrl+F or /Focus the search box');
    await expect.element(dialog.getByText('Ctrl+S', { exact: true })).toBeVisible();
  });

  it('uses the Command key on macOS', async () => {
    useUi.getState().setHelpOpen(true);
    const screen = await render(<HelpOverlay isMac />);
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.element(dialog.getByText('⌘+F', { exact: true })).toBeVisible();
    expect(dialog.getByText('Ctrl+F', { exact: true }).elements()).toHaveLength(0);
  });

  it('is modal: it holds the focus, and Esc closes it', async () => {
    useUi.getState().setHelpOpen(true);
    const screen = await render(
      <>
        <button type="button">Behind the dialog</button>
        <HelpOverlay isMac={false} />
      </>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.element(dialog.getByRole('button', { name: 'Close' })).toHaveFocus();
    // Opened with showModal(): the browser makes everything behind it inert and traps focus inside.
    expect(dialog.element().matches(':modal')).toBe(true);
    await expect.element(screen.getByRole('button', { name: 'Behind the dialog' })).not.toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(screen.getByRole('dialog', { includeHidden: true })).not.toBeVisible();
    expect(useUi.getState().helpOpen).toBe(false);
  });

  it('closes from its Close button and when the store closes it', async () => {
    useUi.getState().setHelpOpen(true);
    const screen = await render(<HelpOverlay isMac={false} />);
    await screen.getByRole('button', { name: 'Close' }).click();
    expect(useUi.getState().helpOpen).toBe(false);
    await expect.element(screen.getByRole('dialog', { includeHidden: true })).not.toBeVisible();
    useUi.getState().setHelpOpen(true);
    await expect.element(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    useUi.getState().setView('settings');
    await expect.element(screen.getByRole('dialog', { includeHidden: true })).not.toBeVisible();
  });
});
