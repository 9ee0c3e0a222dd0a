import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { makeMachine } from './machine-fixtures';
import {
  DEFAULT_QUERY,
  type ListQuery,
  type ListRow,
  buildRows,
  computeFacets,
  createFilterCache,
  createRowModel,
  naturalKey,
  filterMachines,
  hasActiveFilters,
  nextMachineRow,
  prepareSearch,
  sortMachines,
} from '../../../src/renderer/model/machine-query';
import type { ListedMachine } from '../../../src/shared/ipc/schemas';

const machines: ListedMachine[] = [
  makeMachine('vm-web-10', { tags: { env: 'prod', owner: 'web-team' }, network: { fqdns: ['web10.contoso.example'] } }),
  makeMachine('vm-web-9', { tags: { env: 'dev' }, verdict: { status: 'warnings' } }),
  makeMachine('vm-sql-01', {
    computerName: 'SQLPROD01',
    resourceGroup: 'rg-data',
    subscriptionId: '22222222-2222-2222-2222-222222222222',
    subscriptionName: 'Contoso Data',
    verdict: { status: 'blocked' },
    powerState: 'deallocated',
  }),
  makeMachine('arc-fs-01', { kind: 'arc-server', arcStatus: 'Disconnected', tenantId: 'tenant-b' }),
  makeMachine('vm-owner', { access: { right: 'none', hasControlPlaneOnly: true }, verdict: { status: 'blocked' }, cloud: 'AzureUSGovernment' }),
];

function names(query: Partial<ListQuery>): string[] {
  const full = { ...DEFAULT_QUERY, ...query };
  return filterMachines(sortMachines(machines, full.sort, full.descending), full).machines.toArray().map((machine) => machine.name);
}

describe('search', () => {
  it.each([
    ['sqlprod', ['vm-sql-01']],
    ['web10.contoso', ['vm-web-10']],
    ['env:prod', ['vm-web-10']],
    ['owner=web-team', ['vm-web-10']],
    ['contoso data', ['vm-sql-01']],
    ['RG-DATA', ['vm-sql-01']],
    ['22222222', ['vm-sql-01']],
    ['web env:dev', ['vm-web-9']],
    ['nothing-like-this', []],
  ])('"%s" finds %j', (text, expected) => {
    expect(names({ text })).toEqual(expected);
  });

  it('matches every term anywhere (AND), ignoring case and extra spaces', () => {
    expect(names({ text: '  VM   web ' })).toEqual(['vm-web-9', 'vm-web-10']);
  });
});

describe('filters', () => {
  it.each([
    [{ status: 'blocked' }, ['vm-owner', 'vm-sql-01']],
    [{ status: 'no-access' }, ['vm-owner']],
    [{ status: 'warnings' }, ['vm-web-9']],
    [{ kind: 'arc-server' }, ['arc-fs-01']],
    [{ state: 'deallocated' }, ['vm-sql-01']],
    [{ state: 'arc-offline' }, ['arc-fs-01']],
    [{ tenant: 'tenant-b' }, ['arc-fs-01']],
    [{ subscription: '22222222-2222-2222-2222-222222222222' }, ['vm-sql-01']],
    [{ cloud: 'AzureUSGovernment' }, ['vm-owner']],
  ] as Array<[Partial<ListQuery>, string[]]>)('%j', (query, expected) => {
    expect(names(query)).toEqual(expected);
    expect(hasActiveFilters({ ...DEFAULT_QUERY, ...query })).toBe(true);
  });

  it('counts each status under the other filters, whatever status is chosen', () => {
    const query = { ...DEFAULT_QUERY, text: 'vm', status: 'ready' as const };
    const { counts, machines: shown } = filterMachines(sortMachines(machines, 'name', false), query);
    expect(counts).toEqual({ all: 4, ready: 1, warnings: 1, blocked: 2, 'no-access': 1 });
    expect(shown.toArray().map((machine) => machine.name)).toEqual(['vm-web-10']);
  });
});

describe('sort', () => {
  it('sorts names naturally (9 before 10) and can reverse', () => {
    expect(names({ text: 'web' })).toEqual(['vm-web-9', 'vm-web-10']);
    expect(names({ text: 'web', descending: true })).toEqual(['vm-web-10', 'vm-web-9']);
  });

  it('sorts by readiness: ready, warnings, blocked, then no access; ties by name', () => {
    expect(names({ sort: 'status' })).toEqual(['arc-fs-01', 'vm-web-10', 'vm-web-9', 'vm-sql-01', 'vm-owner']);
  });

  it('sorts by subscription, then name', () => {
    expect(names({ sort: 'subscription' })).toEqual(['vm-sql-01', 'arc-fs-01', 'vm-owner', 'vm-web-9', 'vm-web-10']);
  });
});

describe('grouping', () => {
  const labels = (rows: ListRow[]) => rows.map((row) => (row.type === 'group' ? `# ${row.label} (${row.count})` : row.machine.name));

  it('groups by subscription, headers first, groups by label', () => {
    expect(labels(buildRows(machines.slice(0, 3), 'subscription'))).toEqual([
      '# Contoso Data (1)',
      'vm-sql-01',
      '# Contoso Production (2)',
      'vm-web-10',
      'vm-web-9',
    ]);
  });

  it('groups by a tag, machines without it last', () => {
    expect(labels(buildRows(machines.slice(0, 3), 'tag:env'))).toEqual([
      '# env: dev (1)',
      'vm-web-9',
      '# env: prod (1)',
      'vm-web-10',
      '# No env tag (1)',
      'vm-sql-01',
    ]);
  });

  it('groups by resource group within subscription', () => {
    expect(labels(buildRows(machines.slice(0, 3), 'resourceGroup'))[0]).toBe('# rg-app · Contoso Production (2)');
  });
});

describe('keyboard movement', () => {
  const rows = buildRows(machines.slice(0, 3), 'subscription');

  it('skips group headers in every direction', () => {
    expect(nextMachineRow(rows, -1, 'next')).toBe(1);
    expect(nextMachineRow(rows, 1, 'next')).toBe(3);
    expect(nextMachineRow(rows, 3, 'previous')).toBe(1);
    expect(nextMachineRow(rows, 1, 'previous')).toBe(1);
    expect(nextMachineRow(rows, 4, 'next')).toBe(4);
    expect(nextMachineRow(rows, 1, 'last')).toBe(4);
    expect(nextMachineRow(rows, 4, 'first')).toBe(1);
  });

  it('pages by the page size and stops at the ends', () => {
    const flat = buildRows(machines, 'none');
    expect(nextMachineRow(flat, 0, 'page-down', 2)).toBe(2);
    expect(nextMachineRow(flat, 3, 'page-down', 10)).toBe(4);
    expect(nextMachineRow(flat, 4, 'page-up', 3)).toBe(1);
    expect(nextMachineRow(flat, 1, 'page-up', 10)).toBe(0);
    expect(nextMachineRow([], -1, 'next')).toBe(-1);
  });
});

describe('facets', () => {
  it('lists tenants, subscriptions, clouds and the most used tag keys', () => {
    const facets = computeFacets(machines);
    expect(facets.tenants).toEqual([
      { id: 'tenant-a', count: 4 },
      { id: 'tenant-b', count: 1 },
    ]);
    expect(facets.subscriptions.map((each) => each.label)).toEqual(['Contoso Data', 'Contoso Production']);
    expect(facets.clouds).toEqual(['AzureCloud', 'AzureUSGovernment']);
    expect(facets.tagKeys).toEqual(['env', 'owner']);
  });
});

/** What search means, written the plain way: every term (lower case, '=' read as ':') is in some searchable field. */
function referenceSearch(list: readonly ListedMachine[], query: ListQuery): string[] {
  const normalise = (text: string) => text.toLowerCase().replaceAll('=', ':');
  const terms = normalise(query.text).split(/\s+/).filter((term) => term !== '');
  return list
    .filter((machine) => {
      const fields = [
        machine.name,
        machine.computerName ?? '',
        ...machine.network.fqdns,
        ...Object.entries(machine.tags).map(([key, value]) => `${key}:${value}`),
        machine.subscriptionName ?? '',
        machine.subscriptionId,
        machine.resourceGroup,
        machine.location,
      ].map(normalise);
      return terms.every((term) => fields.some((field) => field.includes(term)));
    })
    .map((machine) => machine.name)
    .sort();
}

/** A few hundred machines: enough for both search paths (whole-text scan, and checking a few remaining rows). */
const crowd: ListedMachine[] = Array.from({ length: 400 }, (_, i) =>
  makeMachine(`${i % 7 === 0 ? 'arc' : 'vm'}-${['web', 'sql', 'app', 'dc'][i % 4] ?? 'x'}-${String(i).padStart(3, '0')}`, {
    computerName: `HOST-${i.toString(36).toUpperCase()}`,
    tags: i % 3 === 0 ? { env: ['prod', 'dev'][i % 2] ?? 'dev', 'cost center': `cc=${i % 5}` } : {},
    network: { fqdns: i % 2 === 0 ? [`host-${i}.corp.example`] : [] },
    subscriptionName: i % 5 === 0 ? 'Contoso Data\nWarehouse' : 'Contoso Production',
    resourceGroup: `rg-${i % 11}`,
    verdict: { status: (['ready', 'warnings', 'blocked'] as const)[i % 3] ?? 'ready' },
    access: { right: i % 13 === 0 ? 'none' : 'user' },
  }),
);

describe('search at scale', () => {
  const sorted = sortMachines(crowd, 'name', false);
  const searchWords = ['vm', 'web', 'sql-0', 'host-1', 'env:prod', 'env=dev', 'cc:3', 'cc=3', 'center', 'data', 'warehouse', 'rg-1', '07', 'zz'];

  it('finds what the plain definition of search finds, for single words and combinations', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...searchWords), { minLength: 1, maxLength: 3 }), (words) => {
        const query = { ...DEFAULT_QUERY, text: words.join(' ') };
        const found = filterMachines(sorted, query).machines.toArray().map((machine) => machine.name).sort();
        expect(found).toEqual(referenceSearch(crowd, query));
      }),
      { numRuns: 150 },
    );
  });

  it('narrows while typing forward, checking the few remaining rows one by one, with the same result', () => {
    for (const phrase of ['vm-web-01', 'host-1 env:prod', 'arc-sql-0 data']) {
      const cached = createFilterCache();
      let text = '';
      for (const char of phrase) {
        text += char;
        const query = { ...DEFAULT_QUERY, text };
        expect(cached(sorted, query).machines.toArray().map((machine) => machine.name).sort(), text).toEqual(referenceSearch(crowd, query));
      }
    }
  });

  it('keeps the sort order and counts statuses from the typed arrays correctly', () => {
    const query = { ...DEFAULT_QUERY, text: 'vm', status: 'warnings' as const };
    const { machines: shown, counts } = filterMachines(sorted, query);
    const all = crowd.filter((machine) => machine.name.includes('vm'));
    expect(counts).toEqual({
      all: all.length,
      ready: all.filter((machine) => machine.verdict.status === 'ready').length,
      warnings: all.filter((machine) => machine.verdict.status === 'warnings').length,
      blocked: all.filter((machine) => machine.verdict.status === 'blocked').length,
      'no-access': all.filter((machine) => machine.access.right === 'none').length,
    });
    expect(shown.toArray().map((machine) => machine.name)).toEqual(
      sorted.filter((entry) => entry.machine.name.includes('vm') && entry.status === 'warnings').map((entry) => entry.machine.name),
    );
  });

  it('prepares the search a slice at a time and then answers the same', () => {
    const fresh = sortMachines(crowd.map((machine) => ({ ...machine })), 'name', false);
    let budgetCalls = 0;
    // Each call allows one slice of work, then says the idle time is over.
    const oneSlice = () => (budgetCalls++ % 2 === 0 ? 30 : 0);
    let calls = 0;
    while (!prepareSearch(fresh, oneSlice)) calls++;
    expect(calls).toBeGreaterThan(0);
    expect(prepareSearch(fresh, () => 0)).toBe(true);
    const query = { ...DEFAULT_QUERY, text: 'web env:prod' };
    expect(filterMachines(fresh, query).machines.toArray().map((machine) => machine.name).sort()).toEqual(referenceSearch(crowd, query));
  });

  it('searches 12,000 machines', () => {
    const many = Array.from({ length: 12_000 }, (_, i) =>
      makeMachine(`vm-${String(i).padStart(5, '0')}`, { tags: { env: i % 2 === 0 ? 'prod' : 'dev' } }),
    );
    const result = filterMachines(sortMachines(many, 'name', false), { ...DEFAULT_QUERY, text: 'vm-1 env:prod' });
    expect(result.machines).toHaveLength(1000);
    expect(result.machines.toArray().every((machine) => machine.name.startsWith('vm-1') && machine.tags.env === 'prod')).toBe(true);
  });
});

describe('filter cache', () => {
  it.each([
    ['five machines', machines],
    ['four hundred machines', crowd],
  ])('gives the same result as a fresh pass for any sequence of typing, deleting and filter changes (%s)', (_, list) => {
    const sorted = sortMachines(list, 'name', false);
    const alphabet = ['v', 'm', '-', 'w', 'e', 'b', ' ', 's', 'q', 'l', '1', '0', 'p', 'r', 'o', 'd', ':', '='];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...alphabet).map((char) => ({ type: 'type' as const, char })),
            fc.constant({ type: 'delete' as const }),
            fc.constantFrom('all', 'ready', 'blocked', 'no-access').map((status) => ({ type: 'status' as const, status: status })),
            fc.constantFrom('all', 'azure-vm', 'arc-server').map((kind) => ({ type: 'kind' as const, kind: kind })),
          ),
          { maxLength: 40 },
        ),
        (edits) => {
          const cached = createFilterCache();
          let query: ListQuery = DEFAULT_QUERY;
          for (const edit of edits) {
            if (edit.type === 'type') query = { ...query, text: query.text + edit.char };
            else if (edit.type === 'delete') query = { ...query, text: query.text.slice(0, -1) };
            else if (edit.type === 'status') query = { ...query, status: edit.status };
            else query = { ...query, kind: edit.kind };
            expect(cached(sorted, query)).toEqual(filterMachines(sorted, query));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('row model and natural keys', () => {
  it('views the machines without grouping and positions rows among machines when grouped', () => {
    const flat = createRowModel(machines, 'none');
    expect(flat.length).toBe(machines.length);
    expect(flat.row(1)).toEqual({ type: 'machine', machine: machines[1] });
    expect(flat.position(1)).toBe(2);
    expect(flat.indexOf(machines[2]!.id)).toBe(2);
    const grouped = createRowModel(machines.slice(0, 3), 'subscription');
    expect(grouped.row(0)?.type).toBe('group');
    expect([0, 1, 2, 3, 4].map((index) => grouped.position(index))).toEqual([0, 1, 0, 2, 3]);
    expect(grouped.indexOf(machines[2]!.id)).toBe(1);
    expect(nextMachineRow(grouped, -1, 'next')).toBe(1);
  });

  it('orders digit runs as numbers and ignores case', () => {
    const keys = ['vm-10', 'VM-9', 'vm-009a', 'vm-1'].map((name) => [name, naturalKey(name)] as const);
    expect([...keys].sort((a, b) => (a[1] < b[1] ? -1 : 1)).map(([name]) => name)).toEqual(['vm-1', 'VM-9', 'vm-009a', 'vm-10']);
  });
});
