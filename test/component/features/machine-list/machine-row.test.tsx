import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { MachineRow, ROW_HEIGHT } from '../../../../src/renderer/features/machine-list/machine-row';
import type { ListedMachine } from '../../../../src/shared/ipc/schemas';
import { finding, makeMachine } from '../../../unit/renderer/machine-fixtures';

function renderRow(machine: ListedMachine, options: { selected?: boolean; starred?: boolean } = {}) {
  const onSelect = vi.fn<(machine: ListedMachine) => void>();
  const onActivate = vi.fn<(machine: ListedMachine) => void>();
  const onToggleStar = vi.fn<(machine: ListedMachine) => void>();
  const rendered = render(
    <div role="listbox" aria-label="Machine list" className="list-scroller" style={{ height: ROW_HEIGHT * 2, width: 900 }}>
      <MachineRow
        machine={machine}
        id="list-row-3"
        top={0}
        selected={options.selected ?? false}
        starred={options.starred ?? false}
        position={4}
        setSize={120}
        onSelect={onSelect}
        onActivate={onActivate}
        onToggleStar={onToggleStar}
      />
    </div>,
  );
  return { rendered, onSelect, onActivate, onToggleStar };
}

describe('MachineRow', () => {
  it('shows name, computer name, where it lives, state, verdict and right', async () => {
    const { rendered } = renderRow(makeMachine('vm-web-01', { computerName: 'WEB01', resourceGroup: 'rg-web', location: 'northeurope' }));
    const screen = await rendered;
    const row = screen.getByRole('option');
    await expect.element(row).toHaveTextContent('vm-web-01');
    await expect.element(row).toHaveTextContent('· WEB01');
    await expect.element(row).toHaveTextContent('Contoso Production · rg-web · northeurope');
    await expect.element(row).toHaveTextContent('Azure VM');
    await expect.element(row).toHaveTextContent('Running');
    await expect.element(row.getByText('Ready', { exact: true })).toBeVisible();
    await expect.element(row.getByText('User', { exact: true })).toBeVisible();
    await expect.element(row).toHaveAttribute('aria-posinset', '4');
    await expect.element(row).toHaveAttribute('aria-setsize', '120');
    await expect.element(row).toHaveAttribute('id', 'list-row-3');
  });

  it('leaves out a computer name that only differs in case from the resource name', async () => {
    const { rendered } = renderRow(makeMachine('vm-web-01', { computerName: 'VM-WEB-01' }));
    const screen = await rendered;
    // Text matching is case-insensitive, so look for the separator the computer name would follow.
    await expect.element(screen.getByRole('option')).toHaveTextContent('vm-web-01');
    await expect.element(screen.getByRole('option')).not.toHaveTextContent(/vm-web-01 · /i);
  });

  it.each([
    ['ready', 'Ready'],
    ['warnings', 'Warnings'],
    ['blocked', 'Blocked'],
  ] as const)('says the %s verdict in words', async (status, text) => {
    const findings = status === 'blocked' ? [finding('EXTENSION_MISSING', 'block')] : status === 'warnings' ? [finding('DIAL_NAME_IS_IP', 'warn')] : [];
    const { rendered } = renderRow(makeMachine('vm-a', { verdict: { status, findings } }));
    const screen = await rendered;
    const badge = screen.getByText(text, { exact: true });
    await expect.element(badge).toBeVisible();
    await expect.element(badge).toHaveClass(`verdict-${status}`);
  });

  it.each([
    ['admin', 'Admin', 'local administrator'],
    ['user', 'User', 'standard user'],
    ['none', 'No access', 'no sign-in role'],
    ['unknown', 'Unconfirmed', 'could not be confirmed'],
  ] as const)('shows the %s sign-in right with what it means', async (right, label, meaning) => {
    const { rendered } = renderRow(makeMachine('vm-a', { access: { right } }));
    const screen = await rendered;
    const badge = screen.getByText(label, { exact: true });
    await expect.element(badge).toBeVisible();
    await expect.element(badge).toHaveAttribute('title', expect.stringContaining(meaning) as string);
  });

  it('names the Arc agent status for an Arc server', async () => {
    const { rendered } = renderRow(makeMachine('arc-01', { kind: 'arc-server', arcStatus: 'Disconnected' }));
    const screen = await rendered;
    await expect.element(screen.getByRole('option')).toHaveTextContent('Arc server');
    await expect.element(screen.getByText('Agent disconnected')).toHaveClass('tone-warn');
  });

  it('reflects selection in aria-selected and its look', async () => {
    const unselected = await renderRow(makeMachine('vm-a')).rendered;
    await expect.element(unselected.getByRole('option')).toHaveAttribute('aria-selected', 'false');
    await unselected.unmount();
    const selected = await renderRow(makeMachine('vm-a'), { selected: true }).rendered;
    const option = selected.getByRole('option', { selected: true });
    await expect.element(option).toHaveClass('selected');
    // The stylesheet marks the selected row with an accent bar, not colour alone.
    expect(getComputedStyle(option.element()).boxShadow).toContain('inset');
  });

  it('selects on click and activates on double-click', async () => {
    const machine = makeMachine('vm-a');
    const { rendered, onSelect, onActivate, onToggleStar } = renderRow(machine);
    const screen = await rendered;
    await screen.getByRole('option').click();
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(machine);
    expect(onActivate).not.toHaveBeenCalled();
    await screen.getByRole('option').dblClick();
    expect(onActivate).toHaveBeenCalledExactlyOnceWith(machine);
    expect(onToggleStar).not.toHaveBeenCalled();
  });

  it('toggles the star without selecting the row', async () => {
    const machine = makeMachine('vm-a');
    const { rendered, onSelect, onToggleStar } = renderRow(machine);
    const screen = await rendered;
    await screen.getByTitle('Add to favorites').click();
    expect(onToggleStar).toHaveBeenCalledExactlyOnceWith(machine);
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('marks a starred machine for screen readers, and offers to remove it', async () => {
    const { rendered, onToggleStar } = renderRow(makeMachine('vm-a'), { starred: true });
    const screen = await rendered;
    await expect.element(screen.getByRole('option')).toHaveAccessibleName(expect.stringMatching(/^Favorite\. vm-a/) as string);
    await screen.getByTitle('Remove from favorites').click();
    expect(onToggleStar).toHaveBeenCalledOnce();
  });
});
