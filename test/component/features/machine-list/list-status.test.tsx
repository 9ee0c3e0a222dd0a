import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { ListStatus } from '../../../../src/renderer/features/machine-list/list-status';
import { ERROR_MESSAGES } from '../../../../src/renderer/messages/errors';
import { useMachines } from '../../../../src/renderer/state/machines';
import { AppError } from '../../../../src/shared/errors/app-error';
import type { DiscoveryProblem } from '../../../../src/shared/ipc/schemas';
import { makeMachine } from '../../../unit/renderer/machine-fixtures';
import { installFakeBroker } from '../../support/fake-broker';
import { loadMachines } from '../../support/stores';

const forbidden: DiscoveryProblem = {
  scope: 'Contoso Test (22222222-2222-2222-2222-222222222222)',
  error: { code: 'AZURE_FORBIDDEN', message: 'AuthorizationFailed on Microsoft.HybridCompute/machines' },
};
const throttled: DiscoveryProblem = { scope: 'Resource Graph', error: { code: 'AZURE_THROTTLED', message: '429 Too Many Requests' } };

function renderStatus(props: { shown?: number; filtering?: boolean; onClearFilters?: () => void } = {}) {
  return render(
    <ListStatus shown={props.shown ?? useMachines.getState().machines.length} filtering={props.filtering ?? false} onClearFilters={props.onClearFilters ?? (() => undefined)} />,
  );
}

/** A broker that starts a discovery run when asked. */
function refreshableBroker() {
  return installFakeBroker({ 'machines:refresh': () => Promise.resolve({ runId: 'run-2' }) });
}

describe('ListStatus', () => {
  it('says the list is loading until the first snapshot arrives', async () => {
    const screen = await renderStatus();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Loading the machine list…');
  });

  it('says discovery is looking, with its progress message, while nothing is found yet', async () => {
    loadMachines([], { status: 'running', message: 'Reading subscription 2 of 5' });
    const screen = await renderStatus();
    const status = screen.getByRole('status');
    await expect.element(status).toHaveTextContent('Looking for machines…');
    await expect.element(status).toHaveTextContent('Reading subscription 2 of 5');
  });

  it('explains an empty result and what to check, and refreshes', async () => {
    const broker = refreshableBroker();
    loadMachines([], { status: 'complete' });
    const screen = await renderStatus();
    await expect.element(screen.getByRole('heading', { name: 'No machines found' })).toBeVisible();
    await expect.element(screen.getByText('Your signed-in accounts can see no Azure VMs or Arc-enabled servers.')).toBeVisible();
    await expect.element(screen.getByText(/at least Reader on a subscription or resource group/)).toBeVisible();
    await expect.element(screen.getByText(/add another account from the top bar/)).toBeVisible();
    await screen.getByRole('button', { name: 'Refresh' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('machines:refresh')).toHaveLength(1));
    // Refreshing empties the list and shows discovery running.
    await expect.element(screen.getByRole('status')).toHaveTextContent('Looking for machines…');
  });

  it('says the list was never read before a first refresh, without blaming access', async () => {
    loadMachines([], { status: 'idle', runId: null });
    const screen = await renderStatus();
    await expect.element(screen.getByRole('heading', { name: 'The machine list has not been read yet' })).toBeVisible();
    await expect.element(screen.getByText(/Refresh to look for the Azure VMs/)).toBeVisible();
    expect(screen.getByText(/at least Reader/).elements()).toHaveLength(0);
  });

  it('says a cancelled discovery found nothing', async () => {
    loadMachines([], { status: 'cancelled' });
    const screen = await renderStatus();
    await expect.element(screen.getByText('Discovery was cancelled before any machine was found.')).toBeVisible();
  });

  it('shows a failed refresh as its catalogue entry, with a way to try again', async () => {
    const broker = refreshableBroker();
    loadMachines([], { status: 'failed', error: new AppError('AUTH_NO_ACCOUNT', 'no account signed in') });
    const screen = await renderStatus();
    const alert = screen.getByRole('alert');
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.AUTH_NO_ACCOUNT.title);
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.AUTH_NO_ACCOUNT.nextStep);
    await expect.element(alert).toHaveTextContent('Code AUTH_NO_ACCOUNT');
    await screen.getByRole('button', { name: 'Try again' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('machines:refresh')).toHaveLength(1));
  });

  it('says no machine could be read when every source failed, with each source and reason', async () => {
    loadMachines([], { status: 'failed' }, [forbidden, throttled]);
    const screen = await renderStatus();
    const alert = screen.getByRole('alert');
    await expect.element(alert).toHaveTextContent('No machines could be read.');
    // A total failure opens the details at once.
    await expect.element(alert.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
    await expect.element(alert.getByText(forbidden.scope)).toBeVisible();
    await expect.element(alert).toHaveTextContent(`${ERROR_MESSAGES.AZURE_FORBIDDEN.title}.`);
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.AZURE_THROTTLED.nextStep);
    await expect.element(alert).toHaveTextContent('Code AZURE_FORBIDDEN — AuthorizationFailed on Microsoft.HybridCompute/machines');
  });

  it('says a partial list is incomplete, with details on request and a retry', async () => {
    const broker = refreshableBroker();
    loadMachines([makeMachine('vm-a'), makeMachine('vm-b')], { status: 'partial' }, [forbidden]);
    const screen = await renderStatus();
    const panel = screen.getByTestId('discovery-problems');
    await expect.element(panel).toHaveAttribute('role', 'status');
    await expect.element(panel).toHaveTextContent('One source could not be read, so this list is incomplete.');
    const toggle = panel.getByRole('button', { name: 'Show details' });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(panel.getByText(forbidden.scope).elements()).toHaveLength(0);
    await toggle.click();
    await expect.element(panel.getByText(forbidden.scope)).toBeVisible();
    await expect.element(panel).toHaveTextContent(ERROR_MESSAGES.AZURE_FORBIDDEN.explanation);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('machines:refresh')).toHaveLength(1));
  });

  it('counts the sources that failed', async () => {
    loadMachines([makeMachine('vm-a')], { status: 'partial' }, [forbidden, throttled]);
    const screen = await renderStatus();
    await expect.element(screen.getByTestId('discovery-problems')).toHaveTextContent('2 sources could not be read, so this list is incomplete.');
  });

  it('warns that a cancelled discovery may have left the list incomplete', async () => {
    loadMachines([makeMachine('vm-a')], { status: 'cancelled' });
    const screen = await renderStatus();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Discovery was cancelled, so this list may be incomplete.');
  });

  it('says nothing matches a search, and clears search and filters', async () => {
    loadMachines([makeMachine('vm-a'), makeMachine('vm-b')]);
    const onClearFilters = vi.fn();
    const screen = await renderStatus({ shown: 0, filtering: true, onClearFilters });
    await expect.element(screen.getByRole('heading', { name: 'No machines match' })).toBeVisible();
    await expect.element(screen.getByText('Nothing matches this search and these filters.')).toBeVisible();
    await screen.getByRole('button', { name: 'Clear search and filters' }).click();
    expect(onClearFilters).toHaveBeenCalledOnce();
  });

  it('shows nothing over a complete list with rows to show', async () => {
    loadMachines([makeMachine('vm-a')]);
    const screen = await renderStatus({ shown: 1 });
    await expect.element(screen.container).toBeEmptyDOMElement();
  });
});
