import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

import { DetailsPane } from '../../../../src/renderer/features/machine-details/details-pane';
import { ERROR_MESSAGES } from '../../../../src/renderer/messages/errors';
import { useListView } from '../../../../src/renderer/state/list-view';
import { AppError } from '../../../../src/shared/errors/app-error';
import type { ConnectResult, ListedMachine, ReadinessResult } from '../../../../src/shared/ipc/schemas';
import { CATALOGUE } from '../../../../src/shared/readiness/catalogue';
import { finding, makeMachine } from '../../../unit/renderer/machine-fixtures';
import { installFakeBroker } from '../../support/fake-broker';
import { loadMachines } from '../../support/stores';

const launched: ConnectResult = {
  outcome: 'launched',
  filePath: '/tmp/rdp-broker/vm-web-01.rdp',
  rdpText: 'full address:s:VM-WEB-01\r\nenablerdsaadauth:i:1\r\n',
  client: 'FreeRDP',
  notes: [],
  warnings: ['DIAL_NAME_IS_IP'],
};

function fullCheck(machine: ListedMachine, verdict: Partial<ListedMachine['verdict']> = {}): ReadinessResult {
  return { verdict: { ...machine.verdict, ...verdict }, report: `Readiness report for ${machine.name}`, signInMethod: 'web-account' };
}

/** A promise the test settles when it chooses, to see the UI while main is still working. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function renderSelected(machine: ListedMachine) {
  loadMachines([machine, makeMachine('vm-other')]);
  useListView.getState().select(machine.id);
  const screen = await render(<DetailsPane />);
  return { screen, pane: screen.getByRole('complementary', { name: 'Machine details' }) };
}

describe('DetailsPane', () => {
  it('asks the user to select a machine while none is', async () => {
    installFakeBroker();
    loadMachines([makeMachine('vm-a')]);
    const screen = await render(<DetailsPane />);
    await expect.element(screen.getByRole('complementary', { name: 'Machine details' })).toHaveTextContent('Select a machine to see its details.');
  });

  it('says when the selected machine has left the list', async () => {
    installFakeBroker();
    loadMachines([makeMachine('vm-a')]);
    useListView.getState().select('/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/gone');
    const screen = await render(<DetailsPane />);
    await expect.element(screen.getByRole('complementary')).toHaveTextContent('The selected machine is not in the current list.');
  });

  it('shows the machine and runs the full readiness check once it opens', async () => {
    const machine = makeMachine('vm-web-01', { computerName: 'WEB01', access: { right: 'admin' } });
    const check = deferred<ReadinessResult>();
    const broker = installFakeBroker({ 'readiness:check': () => check.promise });
    const { pane } = await renderSelected(machine);
    await expect.element(pane.getByRole('heading', { name: 'vm-web-01', level: 2 })).toBeVisible();
    await expect.element(pane).toHaveTextContent('Azure VM · Running · Contoso Production');
    await expect.element(pane.getByText('Admin', { exact: true })).toBeVisible();
    await expect.element(pane.getByRole('definition').filter({ hasText: 'WEB01' }).first()).toBeVisible();
    await vi.waitFor(() => expect(broker.inputsOf('readiness:check')).toEqual([{ machineId: machine.id, signInMethod: 'web-account' }]));
    await expect.element(pane.getByTestId('readiness-scope')).toHaveTextContent('checking name resolution and this PC…');

    check.resolve(fullCheck(machine, { status: 'warnings', findings: [finding('DIAL_NAME_IS_IP', 'warn', { ip: '10.0.0.4' })] }));
    await expect.element(pane.getByTestId('readiness-scope')).toHaveTextContent('1 warning. For web account sign-in; includes name resolution and this PC.');
    await expect.element(pane.getByText('Warnings', { exact: true })).toBeVisible();
  });

  it('disables Connect for a blocked machine and says why', async () => {
    const machine = makeMachine('vm-blocked', { verdict: { status: 'blocked', findings: [finding('EXTENSION_MISSING', 'block')] } });
    installFakeBroker({ 'readiness:check': () => Promise.resolve(fullCheck(machine)) });
    const { pane } = await renderSelected(machine);
    const connect = pane.getByRole('button', { name: 'Connect', exact: true });
    await expect.element(connect).toBeDisabled();
    await expect.element(connect).toHaveAccessibleDescription(
      `Connect is not available: ${CATALOGUE.EXTENSION_MISSING.title}. See the findings below.`,
    );
  });

  it('does not check readiness for a machine without a sign-in role, and refuses to connect', async () => {
    const machine = makeMachine('vm-locked', { access: { right: 'none' } });
    const broker = installFakeBroker();
    const { pane } = await renderSelected(machine);
    await expect.element(pane.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();
    await expect.element(pane).toHaveTextContent('Connect is not available: You hold no sign-in role on this machine.');
    expect(broker.inputsOf('readiness:check')).toHaveLength(0);
  });

  it('asks before connecting despite warnings, then connects with them acknowledged', async () => {
    const machine = makeMachine('vm-web-01', { verdict: { status: 'warnings', findings: [finding('DIAL_NAME_IS_IP', 'warn')] } });
    const broker = installFakeBroker({
      'readiness:check': () => Promise.resolve(fullCheck(machine)),
      'connect:start': () => Promise.resolve(launched),
    });
    const { pane } = await renderSelected(machine);
    await pane.getByRole('button', { name: 'Connect', exact: true }).click();
    const confirm = pane.getByRole('group', { name: 'vm-web-01 has readiness warnings' });
    await expect.element(confirm).toHaveTextContent(CATALOGUE.DIAL_NAME_IS_IP.title);
    // Focus goes to the confirmation, so Enter confirms.
    await expect.element(confirm.getByRole('button', { name: 'Connect anyway' })).toHaveFocus();
    expect(broker.inputsOf('connect:start')).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() =>
      expect(broker.inputsOf('connect:start')).toEqual([{ machineId: machine.id, signInMethod: 'web-account', acknowledgeWarnings: true }]),
    );
    const result = pane.getByRole('status').filter({ hasText: 'Started FreeRDP.' });
    await expect.element(result).toBeVisible();
    await expect.element(result.getByTestId('rdp-path')).toHaveTextContent('/tmp/rdp-broker/vm-web-01.rdp');
    await expect.element(result).toHaveTextContent(`You went ahead despite: ${CATALOGUE.DIAL_NAME_IS_IP.title}.`);
    await expect.element(confirm).not.toBeInTheDocument();
  });

  it('goes back from the warning question with Escape, connecting nothing', async () => {
    const machine = makeMachine('vm-web-01', { verdict: { status: 'warnings', findings: [finding('DIAL_NAME_IS_IP', 'warn')] } });
    const broker = installFakeBroker({ 'readiness:check': () => Promise.resolve(fullCheck(machine)) });
    const { pane } = await renderSelected(machine);
    await pane.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.element(pane.getByRole('button', { name: 'Connect anyway' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(pane.getByTestId('connect-confirm')).not.toBeInTheDocument();
    expect(broker.inputsOf('connect:start')).toHaveLength(0);
  });

  it("shows main's refusal to connect as what happened and what to do", async () => {
    const machine = makeMachine('vm-web-01');
    installFakeBroker({
      'readiness:check': () => Promise.resolve(fullCheck(machine)),
      'connect:start': () => Promise.reject(new AppError('RDP_CLIENT_NOT_FOUND', 'mstsc.exe not found')),
    });
    const { pane } = await renderSelected(machine);
    await pane.getByRole('button', { name: 'Connect', exact: true }).click();
    const alert = pane.getByRole('alert');
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.RDP_CLIENT_NOT_FOUND.title);
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.RDP_CLIENT_NOT_FOUND.nextStep);
    await expect.element(alert).toHaveTextContent('Code RDP_CLIENT_NOT_FOUND — mstsc.exe not found');
  });

  it('offers to start a stopped VM only to those allowed to', async () => {
    const allowed = makeMachine('vm-stopped', { powerState: 'deallocated', access: { right: 'user', canStart: true } });
    installFakeBroker({ 'readiness:check': () => Promise.resolve(fullCheck(allowed)) });
    const { screen, pane } = await renderSelected(allowed);
    await expect.element(pane.getByRole('button', { name: 'Start VM' })).toBeEnabled();
    await expect.element(pane).toHaveTextContent('The VM is deallocated: start it before you connect.');
    await screen.unmount();

    const denied = makeMachine('vm-stopped-2', { powerState: 'stopped', access: { right: 'user', canStart: false } });
    const second = await renderSelected(denied);
    const start = second.pane.getByRole('button', { name: 'Start VM' });
    await expect.element(start).toBeDisabled();
    await expect.element(start).toHaveAccessibleDescription(/You may not start this VM/);
  });
});
