import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

import { MachineList } from '../../../../src/renderer/features/machine-list/machine-list';
import { useFavorites } from '../../../../src/renderer/state/favorites';
import { useListView } from '../../../../src/renderer/state/list-view';
import { useUi } from '../../../../src/renderer/state/ui';
import type { ConnectResult } from '../../../../src/shared/ipc/schemas';
import { installFakeBroker } from '../../support/fake-broker';
import { makeFleet } from '../../support/fleet';
import { loadMachines } from '../../support/stores';

const FLEET_SIZE = 400;
const fleet = makeFleet(FLEET_SIZE);

const launched: ConnectResult = {
  outcome: 'launched',
  filePath: '/tmp/rdp-broker/app-002.rdp',
  rdpText: 'full address:s:APP-002\r\nenablerdsaadauth:i:1\r\n',
  client: 'FreeRDP',
  notes: [],
  warnings: [],
};

/** The list in a fixed-height pane, as the app lays it out beside the details pane. */
async function renderList() {
  const screen = await render(
    <div style={{ display: 'grid', height: 640, width: 1000 }}>
      <MachineList />
    </div>,
  );
  const list = screen.getByRole('listbox', { name: 'Machine list' });
  const search = screen.getByRole('combobox', { name: 'Search machines' });
  return { screen, list, search, rows: list.getByRole('option') };
}

function selectedName(): string | undefined {
  const id = useListView.getState().selectedId;
  return fleet.find((machine) => machine.id === id)?.name;
}

describe('MachineList', () => {
  it(`renders only the rows in view out of ${FLEET_SIZE} machines`, async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { screen, list, rows } = await renderList();
    await expect.element(rows.first()).toHaveTextContent('app-002');
    await expect.element(screen.getByTestId('machine-count')).toHaveTextContent(`${FLEET_SIZE} of ${FLEET_SIZE} machines`);
    const mounted = rows.elements().length;
    expect(mounted).toBeGreaterThan(3);
    expect(mounted).toBeLessThan(40);
    // The canvas is as tall as every row, so the scrollbar tells the truth.
    const canvas = list.element().firstElementChild as HTMLElement;
    expect(canvas.getBoundingClientRect().height).toBe(FLEET_SIZE * 56);
    // Each option knows its place in the whole list, not in the rendered slice.
    await expect.element(rows.first()).toHaveAttribute('aria-setsize', String(FLEET_SIZE));
  });

  it('renders the rows of wherever the list is scrolled to', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { list, rows } = await renderList();
    await expect.element(rows.first()).toHaveTextContent('app-002');
    list.element().scrollTop = 200 * 56;
    const positions = () => rows.elements().map((row) => Number(row.getAttribute('aria-posinset')));
    await expect.poll(positions).toContain(201);
    expect(positions()).not.toContain(1);
    expect(rows.elements().length).toBeLessThan(40);
  });

  it('moves the selection with the arrow keys from the search box, for screen readers too', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { list, search } = await renderList();
    await search.click();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(list.getByRole('option', { selected: true })).toHaveTextContent('app-002');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const selected = list.getByRole('option', { selected: true });
    await expect.element(selected).toHaveTextContent('app-008');
    expect(selectedName()).toBe('app-008');
    // Focus stays in the search box; the active row is announced through aria-activedescendant.
    await expect.element(search).toHaveFocus();
    await expect.element(search).toHaveAttribute('aria-activedescendant', selected.element().id);
    await expect.element(list).toHaveAttribute('aria-activedescendant', selected.element().id);
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(list.getByRole('option', { selected: true })).toHaveTextContent('app-005');
  });

  it('jumps to the end with End in the list and scrolls the row into view', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { list, rows } = await renderList();
    await rows.first().click();
    await expect.element(list.getByRole('option', { selected: true })).toHaveTextContent('app-002');
    await userEvent.keyboard('{End}');
    const last = list.getByRole('option', { selected: true });
    await expect.element(last).toHaveTextContent('web-399');
    await expect.element(last).toBeInViewport();
    await userEvent.keyboard('{Home}');
    await expect.element(list.getByRole('option', { selected: true })).toHaveTextContent('app-002');
    await userEvent.keyboard('{PageDown}');
    await expect.element(list.getByRole('option', { selected: true })).not.toHaveTextContent('app-002');
    expect(selectedName()).toMatch(/^app-0[1-9]/);
  });

  it('narrows the rows as the user types and counts what matches', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { screen, rows, search } = await renderList();
    await search.click();
    await userEvent.keyboard('sql-01');
    await expect.element(screen.getByTestId('machine-count')).toHaveTextContent(`4 of ${FLEET_SIZE} machines`);
    await expect.poll(() => rows.elements().map((row) => row.querySelector('strong')?.textContent)).toEqual(['sql-010', 'sql-013', 'sql-016', 'sql-019']);
    // Search terms are ANDed, across fields (here the subscription name).
    await userEvent.keyboard(' production');
    await expect.poll(() => rows.elements().map((row) => row.querySelector('strong')?.textContent)).toEqual(['sql-010', 'sql-016']);
    // The result count is announced once typing pauses.
    await vi.waitFor(() => expect(useUi.getState().announcement).toBe('2 machines match.'), { timeout: 3000 });
    // Escape clears the search and brings every machine back.
    await userEvent.keyboard('{Escape}');
    await expect.element(search).toHaveValue('');
    await expect.element(screen.getByTestId('machine-count')).toHaveTextContent(`${FLEET_SIZE} of ${FLEET_SIZE} machines`);
  });

  it('continues a type-to-search begun elsewhere without selecting what was typed', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { screen, search } = await renderList();
    // What the app's global key handler does for a letter typed outside any field.
    useListView.getState().setQuery({ text: 'w' });
    useUi.getState().requestSearchFocus(false);
    await expect.element(search).toHaveFocus();
    await userEvent.keyboard('eb-39');
    await expect.element(search).toHaveValue('web-39');
    await expect.element(screen.getByTestId('machine-count')).toHaveTextContent(`4 of ${FLEET_SIZE} machines`);
  });

  it('says so when nothing matches and clears search and filters on request', async () => {
    installFakeBroker();
    loadMachines(fleet);
    useListView.getState().setQuery({ status: 'blocked' });
    const { screen, rows, search } = await renderList();
    await search.fill('no-such-machine');
    await expect.element(screen.getByRole('heading', { name: 'No machines match' })).toBeVisible();
    expect(rows.elements()).toHaveLength(0);
    await screen.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect.element(search).toHaveValue('');
    expect(useListView.getState().query.status).toBe('all');
    await expect.element(rows.first()).toBeVisible();
  });

  it('filters by readiness chip, counting each bucket over the whole fleet', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { screen, rows } = await renderList();
    const blocked = fleet.filter((machine) => machine.verdict.status === 'blocked').length;
    const chip = screen.getByRole('button', { name: /^Blocked/ });
    await expect.element(chip).toHaveTextContent(`Blocked ${blocked}`);
    await chip.click();
    await expect.element(screen.getByTestId('machine-count')).toHaveTextContent(`${blocked} of ${FLEET_SIZE} machines`);
    await expect.poll(() => rows.elements().every((row) => row.textContent?.includes('Blocked'))).toBe(true);
  });

  it('connects to the selected machine on Enter and on double-click', async () => {
    const broker = installFakeBroker({ 'connect:start': () => Promise.resolve(launched) });
    loadMachines(fleet);
    const { list, rows, search } = await renderList();
    await search.click();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await vi.waitFor(() => expect(broker.inputsOf('connect:start')).toHaveLength(1));
    expect(broker.inputsOf('connect:start')[0]).toEqual({ machineId: fleet[2]!.id, signInMethod: 'web-account' });
    await list.getByRole('option', { name: /app-005\b/ }).dblClick();
    await vi.waitFor(() => expect(broker.inputsOf('connect:start')).toHaveLength(2));
    expect(broker.inputsOf('connect:start')[1]).toEqual({ machineId: fleet[5]!.id, signInMethod: 'web-account' });
    expect(rows.elements().length).toBeGreaterThan(0);
  });

  it('stars a machine from its row through main, and shows it starred', async () => {
    const machine = fleet[2]!;
    const broker = installFakeBroker({
      'favorites:save': ({ favorite }) =>
        Promise.resolve({
          favorites: [
            {
              ...favorite,
              id: 'fav-1',
              machineId: favorite.machineId,
              createdAt: '2026-01-01T00:00:00.000Z',
              updatedAt: '2026-01-01T00:00:00.000Z',
            },
          ],
          recents: [],
          notice: null,
        }),
    });
    loadMachines(fleet);
    const { list } = await renderList();
    const row = list.getByRole('option', { name: /app-002\b/ });
    await row.getByTitle('Add to favorites').click();
    await vi.waitFor(() => expect(broker.inputsOf('favorites:save')).toEqual([{ favorite: expect.objectContaining({ machineId: machine.id, machineName: 'app-002' }) as unknown }]));
    await expect.element(row.getByTitle('Remove from favorites')).toBeVisible();
    expect(useFavorites.getState().favorites).toHaveLength(1);
    // Starring is not selecting.
    expect(useListView.getState().selectedId).toBeNull();
  });

  it('groups rows under headers when asked', async () => {
    installFakeBroker();
    loadMachines(fleet);
    const { screen, list } = await renderList();
    await screen.getByRole('combobox', { name: 'Group' }).selectOptions('Subscription');
    const headers = list.getByRole('presentation');
    await expect.element(headers.first()).toHaveTextContent(`Contoso Production ${FLEET_SIZE / 2}`);
  });
});
