import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { NoAccessView } from '../../../../src/renderer/features/no-access/no-access-view';
import { useListView } from '../../../../src/renderer/state/list-view';
import { useSession } from '../../../../src/renderer/state/session';
import { CATALOGUE } from '../../../../src/shared/readiness/catalogue';
import { makeMachine } from '../../../unit/renderer/machine-fixtures';
import { loadMachines } from '../../support/stores';

const owner = makeMachine('vm-owned', { access: { right: 'none', hasControlPlaneOnly: true } });
const stranger1 = makeMachine('vm-stranger-1', { access: { right: 'none' } });
const stranger2 = makeMachine('vm-stranger-2', { access: { right: 'none' }, resourceGroup: 'rg-data' });
const fine = makeMachine('vm-fine', { access: { right: 'user' } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('NoAccessView', () => {
  it('says so when every machine can be signed in to', async () => {
    loadMachines([fine]);
    const screen = await render(<NoAccessView />);
    await expect.element(screen.getByRole('region', { name: 'No access' })).toHaveTextContent('You hold a sign-in role on every machine you can see.');
  });

  it('groups the machines by why they cannot be signed in to, control-plane-only first', async () => {
    loadMachines([stranger1, fine, owner, stranger2]);
    const screen = await render(<NoAccessView />);
    await expect.element(screen.getByText(/You can see 3 machines but hold no role that lets you sign in/)).toBeVisible();
    const headings = screen.getByRole('heading', { level: 3 });
    expect(headings.elements().map((heading) => heading.textContent?.trim())).toEqual([
      `${CATALOGUE.ACCESS_NONE_CONTROL_PLANE_ONLY.title} (1)`,
      `${CATALOGUE.ACCESS_NONE.title} (2)`,
    ]);
    const noRole = screen.getByRole('list', { name: `Machines: ${CATALOGUE.ACCESS_NONE.title}` });
    expect(noRole.getByRole('button').elements().map((button) => button.querySelector('strong')?.textContent)).toEqual(['vm-stranger-1', 'vm-stranger-2']);
    await expect.element(screen.getByText(CATALOGUE.ACCESS_NONE.userSteps[0]!)).toBeVisible();
  });

  it('copies a request for the administrator that names the user and the machines', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    useSession.setState({ accounts: [{ id: 'oid.tenant', username: 'ada@contoso.test', cloud: 'AzureCloud', homeTenantId: 'tenant-a' }] });
    loadMachines([stranger1, stranger2]);
    const screen = await render(<NoAccessView />);
    await screen.getByRole('button', { name: 'Copy a request for your administrator' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Request copied: paste it into a message or ticket for your administrator.');
    const request = writeText.mock.calls[0]?.[0] ?? '';
    expect(request).toContain('Please assign me (ada@contoso.test) the "Virtual Machine User Login" role');
    expect(request).toContain(`- vm-stranger-1 (${stranger1.id})`);
    expect(request).toContain(`- vm-stranger-2 (${stranger2.id})`);
  });

  it('selects a machine from the list and marks it current', async () => {
    loadMachines([stranger1, stranger2]);
    const screen = await render(<NoAccessView />);
    const button = screen.getByRole('button', { name: /vm-stranger-2/ });
    await button.click();
    expect(useListView.getState().selectedId).toBe(stranger2.id);
    await expect.element(button).toHaveAttribute('aria-current', 'true');
  });
});
