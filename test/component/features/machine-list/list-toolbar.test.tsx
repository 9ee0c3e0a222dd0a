import { type KeyboardEvent, useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

import { ListToolbar } from '../../../../src/renderer/features/machine-list/list-toolbar';
import { DEFAULT_QUERY, type ListQuery, type StatusCounts, computeFacets } from '../../../../src/renderer/model/machine-query';
import { makeMachine } from '../../../unit/renderer/machine-fixtures';

const machines = [
  makeMachine('vm-a', { tenantId: 'aaaaaaaa-0000-0000-0000-000000000001', tags: { env: 'prod', owner: 'ops' } }),
  makeMachine('vm-b', {
    tenantId: 'bbbbbbbb-0000-0000-0000-000000000002',
    subscriptionId: '22222222-2222-2222-2222-222222222222',
    subscriptionName: 'Contoso Test',
    cloud: 'AzureUSGovernment',
    tags: { env: 'test' },
  }),
  makeMachine('arc-c', { kind: 'arc-server' }),
];
const facets = computeFacets(machines);
const counts: StatusCounts = { all: 1234, ready: 1000, warnings: 200, blocked: 34, 'no-access': 7 };

/** The toolbar as MachineList uses it: the query lives in the parent, every patch is recorded and applied. */
function Harness({
  initial = DEFAULT_QUERY,
  onQuery,
  onClearFilters = () => undefined,
  onSearchKeyDown = () => undefined,
}: {
  readonly initial?: ListQuery;
  readonly onQuery: (patch: Partial<ListQuery>) => void;
  readonly onClearFilters?: () => void;
  readonly onSearchKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
}) {
  const [query, setQuery] = useState(initial);
  const searchRef = useRef<HTMLInputElement>(null);
  return (
    <ListToolbar
      query={query}
      facets={facets}
      counts={counts}
      total={12000}
      shown={1234}
      listId="machines-list"
      activeRowId="machines-list-row-7"
      searchRef={searchRef}
      onQuery={(patch) => {
        onQuery(patch);
        setQuery((current) => ({ ...current, ...patch }));
      }}
      onClearFilters={onClearFilters}
      onSearchKeyDown={onSearchKeyDown}
      tenantLabel={(id) => (id.startsWith('aaaa') ? 'Contoso' : `${id.slice(0, 8)}…`)}
    />
  );
}

describe('ListToolbar', () => {
  it('lays the search box out at the height of its input, the icon inside it', async () => {
    const screen = await render(<Harness onQuery={() => undefined} />);
    const input = screen.getByRole('combobox', { name: 'Search machines' }).element();
    const box = input.parentElement as HTMLElement;
    // The input is size-contained (so typing lays out nothing else); as an inline box it would gain a line's descent.
    expect(box.getBoundingClientRect().height).toBe(input.getBoundingClientRect().height);
    const icon = box.querySelector('svg')?.getBoundingClientRect();
    const field = input.getBoundingClientRect();
    expect(icon && icon.left > field.left && icon.right < field.left + 32 && icon.top > field.top && icon.bottom < field.bottom).toBe(true);
  });

  it('sends each keystroke of the search as the query text', async () => {
    const onQuery = vi.fn<(patch: Partial<ListQuery>) => void>();
    const screen = await render(<Harness onQuery={onQuery} />);
    const search = screen.getByRole('combobox', { name: 'Search machines' });
    await search.click();
    await userEvent.keyboard('sql-01');
    expect(onQuery).toHaveBeenLastCalledWith({ text: 'sql-01' });
    expect(onQuery).toHaveBeenCalledTimes(6);
    await expect.element(search).toHaveValue('sql-01');
  });

  it('is a combobox that points at the list and its active row', async () => {
    const onSearchKeyDown = vi.fn();
    const screen = await render(<Harness onQuery={() => undefined} onSearchKeyDown={onSearchKeyDown} />);
    const search = screen.getByRole('combobox', { name: 'Search machines' });
    await expect.element(search).toHaveAttribute('aria-controls', 'machines-list');
    await expect.element(search).toHaveAttribute('aria-activedescendant', 'machines-list-row-7');
    await expect.element(search).toHaveAccessibleDescription(/arrow keys to move through the machines/);
    await search.click();
    await userEvent.keyboard('{ArrowDown}');
    expect(onSearchKeyDown).toHaveBeenCalledWith(expect.objectContaining({ key: 'ArrowDown' }));
  });

  it('shows how many machines are shown out of all, with thousands separators', async () => {
    const screen = await render(<Harness onQuery={() => undefined} />);
    await expect.element(screen.getByTestId('machine-count')).toHaveTextContent(`${(1234).toLocaleString()} of ${(12000).toLocaleString()} machines`);
  });

  it('shows a count on every readiness chip and filters by the chip pressed', async () => {
    const onQuery = vi.fn<(patch: Partial<ListQuery>) => void>();
    const screen = await render(<Harness onQuery={onQuery} />);
    const chips = screen.getByRole('group', { name: 'Filter by readiness' });
    await expect.element(chips.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'true');
    await expect.element(chips.getByRole('button', { name: /^Warnings/ })).toHaveTextContent('Warnings 200');
    await expect.element(chips.getByRole('button', { name: /^No access/ })).toHaveTextContent('No access 7');
    await chips.getByRole('button', { name: /^Blocked/ }).click();
    expect(onQuery).toHaveBeenCalledExactlyOnceWith({ status: 'blocked' });
    await expect.element(chips.getByRole('button', { name: /^Blocked/ })).toHaveAttribute('aria-pressed', 'true');
    await expect.element(chips.getByRole('button', { name: /^All/ })).toHaveAttribute('aria-pressed', 'false');
  });

  it('sorts and groups through its menus, and flips the direction', async () => {
    const onQuery = vi.fn<(patch: Partial<ListQuery>) => void>();
    const screen = await render(<Harness onQuery={onQuery} />);
    await screen.getByRole('combobox', { name: 'Sort' }).selectOptions('Readiness');
    expect(onQuery).toHaveBeenLastCalledWith({ sort: 'status' });
    await screen.getByRole('button', { name: 'Sorted ascending; sort descending' }).click();
    expect(onQuery).toHaveBeenLastCalledWith({ descending: true });
    await expect.element(screen.getByRole('button', { name: 'Sorted descending; sort ascending' })).toBeVisible();
    // Tag keys present on the machines become grouping choices, the most used first.
    const group = screen.getByRole('combobox', { name: 'Group' });
    await expect.element(group.getByRole('option', { name: 'Tag: env' })).toBeInTheDocument();
    await group.selectOptions('Tag: owner');
    expect(onQuery).toHaveBeenLastCalledWith({ group: 'tag:owner' });
  });

  it('opens the filters and patches the field of each menu', async () => {
    const onQuery = vi.fn<(patch: Partial<ListQuery>) => void>();
    const screen = await render(<Harness onQuery={onQuery} />);
    const toggle = screen.getByRole('button', { name: 'Filters' });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('combobox', { name: 'Kind' }).elements()).toHaveLength(0);
    await toggle.click();
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');

    await screen.getByRole('combobox', { name: 'Kind' }).selectOptions('Arc servers');
    expect(onQuery).toHaveBeenLastCalledWith({ kind: 'arc-server' });
    await screen.getByRole('combobox', { name: 'State' }).selectOptions('Deallocated');
    expect(onQuery).toHaveBeenLastCalledWith({ state: 'deallocated' });
    // Tenants read as their name where an account knows it, else a short id.
    const tenant = screen.getByRole('combobox', { name: 'Tenant' });
    await expect.element(tenant.getByRole('option', { name: 'bbbbbbbb…' })).toBeInTheDocument();
    await tenant.selectOptions('Contoso');
    expect(onQuery).toHaveBeenLastCalledWith({ tenant: 'aaaaaaaa-0000-0000-0000-000000000001' });
    await screen.getByRole('combobox', { name: 'Subscription' }).selectOptions('Contoso Test');
    expect(onQuery).toHaveBeenLastCalledWith({ subscription: '22222222-2222-2222-2222-222222222222' });
    await screen.getByRole('combobox', { name: 'Cloud' }).selectOptions('Azure Government (US)');
    expect(onQuery).toHaveBeenLastCalledWith({ cloud: 'AzureUSGovernment' });
    await expect.element(screen.getByRole('button', { name: 'Filters (5)' })).toBeVisible();
  });

  it('starts with the filters open when some are set, and clears them', async () => {
    const onClearFilters = vi.fn();
    const screen = await render(
      <Harness initial={{ ...DEFAULT_QUERY, kind: 'azure-vm', state: 'running' }} onQuery={() => undefined} onClearFilters={onClearFilters} />,
    );
    await expect.element(screen.getByRole('button', { name: 'Filters (2)' })).toHaveAttribute('aria-expanded', 'true');
    await expect.element(screen.getByRole('combobox', { name: 'Kind' })).toHaveValue('azure-vm');
    await screen.getByRole('button', { name: 'Clear filters' }).click();
    expect(onClearFilters).toHaveBeenCalledOnce();
  });

  it('offers no "Clear filters" while nothing is filtered', async () => {
    const screen = await render(<Harness onQuery={() => undefined} />);
    await screen.getByRole('button', { name: 'Filters' }).click();
    await expect.element(screen.getByRole('combobox', { name: 'Kind' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Clear filters' }).elements()).toHaveLength(0);
  });
});
