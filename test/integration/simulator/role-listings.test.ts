import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROLE_ASSIGNMENTS_QUERY, roleAssignmentRowSchema, type RoleAssignmentRow } from '../../../src/shared/discovery/role-assignment-query';
import { roleAssignmentSchema, roleDefinitionSchema } from '../../../src/shared/discovery/role-assignments';
import { loadScenario, type ScenarioInput } from '../../../src/simulator/index';
import demoJson from '../../../src/simulator/scenarios/demo.json' with { type: 'json' };
import { armFetch, claimsOf, credentialFor, DEMO, type SimHarness, startHarness } from './support';

/**
 * The role-assignment listings discovery uses to rule out narrower grants: Resource Graph's role-assignment query,
 * ARM's `roleAssignments` list and `roleDefinitions/{guid}`, on the demo world plus two groups.
 */

const GRAPH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const API = 'api-version=2022-04-01';
const PROD = `/subscriptions/${DEMO.subscriptions.prod}`;
const FABRIKAM_SUB = `/subscriptions/${DEMO.subscriptions.fabrikam}`;
const RG_ADMINS = `${PROD}/resourceGroups/rg-admins`;
const RG_SHARED = `${PROD}/resourceGroups/rg-shared-prod`;
const RG_FAB = `${FABRIKAM_SUB}/resourceGroups/rg-fab-apps`;
const VM_ADMIN_LOGIN = `${RG_ADMINS}/providers/Microsoft.Compute/virtualMachines/vm-admin-login`;
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const ADMIN_LOGIN = '1c0163c0-47e6-4577-8991-ea5c82e286e4';
const CONTOSO_GROUP = { name: 'prod-jump-admins', objectId: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' };
const FABRIKAM_GROUP = { name: 'fab-operators', objectId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' };

// The demo world, plus: a Contoso group (Avery) with administrator login on rg-shared-prod; a Fabrikam group whose
// member is Avery's guest object, with administrator login on rg-fab-apps; the Contoso guest may read rg-admins only.
const base = demoJson as unknown as ScenarioInput;
const scenario = loadScenario(
  {
    ...base,
    groups: [
      { name: CONTOSO_GROUP.name, tenantId: DEMO.tenants.contoso, objectId: CONTOSO_GROUP.objectId, members: [DEMO.users.avery] },
      { name: FABRIKAM_GROUP.name, tenantId: DEMO.tenants.fabrikam, objectId: FABRIKAM_GROUP.objectId, members: [DEMO.users.avery] },
    ],
    roleAssignments: [
      ...(base.roleAssignments ?? []),
      { principal: CONTOSO_GROUP.name, role: 'Virtual Machine Administrator Login', scope: RG_SHARED },
      { principal: FABRIKAM_GROUP.name, role: 'Virtual Machine Administrator Login', scope: RG_FAB },
      { principal: DEMO.users.guest, role: 'Reader', scope: RG_ADMINS },
    ],
  },
  'role-listings test',
);

interface GraphPage {
  totalRecords: number;
  count: number;
  $skipToken?: string;
  data: unknown[];
}

const scopeOf = (row: { scope: string }) => row.scope.toLowerCase();
const isUnder = (scope: string, parent: string) => scope.toLowerCase().startsWith(`${parent.toLowerCase()}/`);

describe('simulated role-assignment listings', () => {
  let h: SimHarness;
  let avery: string;
  let averyInFabrikam: string;
  let guestInContoso: string;
  let guestHome: string;

  beforeAll(async () => {
    h = await startHarness({ scenario, settings: { armPageSize: 3 } });
    avery = (await credentialFor(h, DEMO.users.avery)).token;
    averyInFabrikam = (await credentialFor(h, DEMO.users.avery, { tenant: DEMO.tenants.fabrikam })).token;
    guestInContoso = (await credentialFor(h, DEMO.users.guest, { tenant: DEMO.tenants.contoso })).token;
    guestHome = (await credentialFor(h, DEMO.users.guest)).token;
  });
  afterAll(async () => {
    await h.close();
  });

  const graphRows = async (token: string, options: { subscriptions?: string[]; top?: number } = {}) => {
    const rows: RoleAssignmentRow[] = [];
    const pages: GraphPage[] = [];
    let skipToken: string | undefined;
    do {
      const res = await armFetch(h, token, GRAPH, {
        method: 'POST',
        body: {
          query: ROLE_ASSIGNMENTS_QUERY,
          ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
          options: { resultFormat: 'objectArray', ...(options.top ? { $top: options.top } : {}), ...(skipToken ? { $skipToken: skipToken } : {}) },
        },
      });
      expect(res.status).toBe(200);
      const page = res.body as GraphPage;
      pages.push(page);
      rows.push(...page.data.map((r) => roleAssignmentRowSchema.parse(r)));
      skipToken = page.$skipToken;
    } while (skipToken);
    return { rows, pages };
  };

  const armList = async (token: string, scope: string, filter?: string) => {
    const raw: { id: string; name: string; type: string }[] = [];
    let next: string | undefined = `${scope}/providers/Microsoft.Authorization/roleAssignments?${API}${filter ? `&$filter=${encodeURIComponent(filter)}` : ''}`;
    let pages = 0;
    let failure: { status: number; body: unknown } | null = null;
    while (next) {
      const res = await armFetch(h, token, next);
      if (res.status !== 200) {
        failure = { status: res.status, body: res.body };
        break;
      }
      const body = res.body as { value: { id: string; name: string; type: string }[]; nextLink?: string };
      raw.push(...body.value);
      pages += 1;
      next = body.nextLink;
    }
    return { status: failure?.status ?? 200, body: failure?.body, raw, values: raw.map((v) => roleAssignmentSchema.parse(v)), pages };
  };

  describe('Resource Graph', () => {
    it('lists every principal’s assignments below subscription scope the caller may read, ordered by id', async () => {
      const { rows } = await graphRows(avery);
      // Contoso Production and Hybrid (Reader) and Dev/Test (VM Contributor reads Microsoft.Authorization); none at
      // subscription scope; every principal, the guest's and the group's included.
      const expected = scenario.roleAssignments.filter(
        (a) =>
          a.scope.toLowerCase().includes('/resourcegroups/') &&
          ([DEMO.subscriptions.prod, DEMO.subscriptions.dev, DEMO.subscriptions.hybrid] as string[]).includes(a.scope.split('/')[2] ?? ''),
      );
      expect(rows.map(scopeOf).sort()).toEqual(expected.map(scopeOf).sort());
      expect(rows.map((r) => r.id.toLowerCase())).toEqual(rows.map((r) => r.id.toLowerCase()).sort());
      for (const row of rows) {
        expect(row.id.toLowerCase().startsWith(`${row.scope.toLowerCase()}/providers/microsoft.authorization/roleassignments/`)).toBe(true);
        expect(row.roleDefinitionId).toMatch(new RegExp(`^/subscriptions/${row.scope.split('/')[2]}/providers/Microsoft\\.Authorization/roleDefinitions/[0-9a-f-]{36}$`));
        expect(row.condition).toBe('');
      }
      const at = (scope: string) => rows.filter((r) => r.scope.toLowerCase() === scope.toLowerCase());
      expect(at(VM_ADMIN_LOGIN)).toEqual([expect.objectContaining({ principalId: claimsOf(avery).oid, principalType: 'User', roleDefinitionId: `${PROD}/providers/Microsoft.Authorization/roleDefinitions/${ADMIN_LOGIN}` })]);
      // The guest's assignment names its guest object in Contoso: the oid of its Contoso token.
      const guestRow = at(`${PROD}/resourceGroups/rg-app-prod`).find((r) => r.principalId !== claimsOf(avery).oid);
      expect(guestRow).toMatchObject({ principalId: claimsOf(guestInContoso).oid, principalType: 'User' });
      expect(claimsOf(guestInContoso).oid).not.toBe(claimsOf(guestHome).oid);
      expect(at(RG_SHARED)).toEqual([expect.objectContaining({ principalId: CONTOSO_GROUP.objectId, principalType: 'Group' })]);
      expect(rows.some((r) => r.scope.toLowerCase().includes(DEMO.subscriptions.finance))).toBe(false);
    });

    it('returns an assignment only where the caller may read role assignments', async () => {
      const { rows } = await graphRows(guestInContoso);
      // Reader on rg-admins only: its own VM User Login on rg-app-prod is not listed, rg-admins' four are.
      expect(rows.map(scopeOf).sort()).toEqual(
        scenario.roleAssignments.filter((a) => isUnder(a.scope, RG_ADMINS) || a.scope.toLowerCase() === RG_ADMINS.toLowerCase()).map(scopeOf).sort(),
      );
      expect(rows).toHaveLength(5);
    });

    it('pages with $skipToken, honours the subscriptions list and refuses foreign tokens', async () => {
      const all = await graphRows(avery);
      const paged = await graphRows(avery, { top: 3 });
      expect(paged.pages.length).toBe(Math.ceil(all.rows.length / 3));
      expect(paged.pages.every((p) => p.totalRecords === all.rows.length)).toBe(true);
      expect(paged.rows).toEqual(all.rows);
      const hybrid = await graphRows(avery, { subscriptions: [DEMO.subscriptions.hybrid] });
      expect(hybrid.rows.map(scopeOf)).toEqual([`/subscriptions/${DEMO.subscriptions.hybrid}/resourcegroups/rg-arc-onprem`]);

      const first = (await armFetch(h, avery, GRAPH, { method: 'POST', body: { query: ROLE_ASSIGNMENTS_QUERY, options: { $top: 3 } } })).body as GraphPage;
      const wrongScope = await armFetch(h, avery, GRAPH, {
        method: 'POST',
        body: { query: ROLE_ASSIGNMENTS_QUERY, subscriptions: [DEMO.subscriptions.hybrid], options: { $skipToken: first.$skipToken } },
      });
      expect(wrongScope.status).toBe(400);
      expect(wrongScope.body).toMatchObject({ error: { code: 'InvalidSkipToken' } });
      const edited = await armFetch(h, avery, GRAPH, { method: 'POST', body: { query: ROLE_ASSIGNMENTS_QUERY.replace('asc', 'desc') } });
      expect(edited.status).toBe(400);
      expect(edited.body).toMatchObject({ error: { code: 'UnsupportedQuery' } });
    });

    it('names a guest by its object in the scope’s tenant: the oid of the guest’s token there', async () => {
      // The Fabrikam home user reads Fabrikam (Reader); Avery is a guest there, directly and through a group.
      const { rows } = await graphRows(guestHome);
      const averyGuestOid = claimsOf(averyInFabrikam).oid;
      expect(averyGuestOid).toBe(DEMO.users.averyGuestOid);
      expect(rows.filter((r) => r.scope.toLowerCase() === RG_FAB.toLowerCase()).map((r) => [r.principalId, r.principalType]).sort()).toEqual(
        [
          [averyGuestOid, 'User'],
          [FABRIKAM_GROUP.objectId, 'Group'],
        ].sort(),
      );
      expect(rows.some((r) => r.principalId === claimsOf(avery).oid)).toBe(false);
    });

    it('goes through the fault machinery like every Resource Graph query', async () => {
      h.sim.setFaults({ throttle: { everyNth: 1, path: 'ResourceGraph', retryAfterSeconds: 1 } });
      try {
        const res = await armFetch(h, avery, GRAPH, { method: 'POST', body: { query: ROLE_ASSIGNMENTS_QUERY } });
        expect(res.status).toBe(429);
      } finally {
        h.sim.setFaults({ throttle: null });
      }
      const ok = await armFetch(h, avery, GRAPH, { method: 'POST', body: { query: ROLE_ASSIGNMENTS_QUERY } });
      expect(ok.headers.get('x-ms-user-quota-remaining')).toMatch(/^\d+$/);
    });
  });

  describe('ARM roleAssignments', () => {
    it('lists assignments at, above and below a resource group, across nextLink pages', async () => {
      const res = await armList(avery, RG_ADMINS);
      expect(res.status).toBe(200);
      const expected = scenario.roleAssignments.filter(
        (a) => isUnder(a.scope, RG_ADMINS) || a.scope.toLowerCase() === RG_ADMINS.toLowerCase() || a.scope.toLowerCase() === PROD.toLowerCase(),
      );
      expect(res.values.map((v) => v.properties.scope.toLowerCase()).sort()).toEqual(expected.map(scopeOf).sort());
      expect(res.pages).toBe(Math.ceil(expected.length / 3));
      for (const item of res.raw) {
        expect(item.type).toBe('Microsoft.Authorization/roleAssignments');
        expect(item.id.endsWith(`/roleAssignments/${item.name}`)).toBe(true);
      }
      const own = res.values.filter((v) => v.properties.principalId === claimsOf(avery).oid);
      expect(own.map((v) => v.properties.roleDefinitionId)).toContain(`${PROD}/providers/Microsoft.Authorization/roleDefinitions/${READER}`);
      expect(own.every((v) => v.properties.principalType === 'User')).toBe(true);
    });

    it('lists at and above a machine; $filter=atScope() drops what is below', async () => {
      const onMachine = await armList(avery, VM_ADMIN_LOGIN);
      expect(onMachine.values.map((v) => v.properties.scope.toLowerCase()).sort()).toEqual(
        scenario.roleAssignments.filter((a) => [PROD, RG_ADMINS, VM_ADMIN_LOGIN].some((s) => s.toLowerCase() === a.scope.toLowerCase())).map(scopeOf).sort(),
      );
      const atScope = await armList(avery, PROD, 'atScope()');
      expect(atScope.values.every((v) => v.properties.scope.toLowerCase() === PROD.toLowerCase())).toBe(true);
      const whole = await armList(avery, PROD);
      expect(whole.values.length).toBe(scenario.roleAssignments.filter((a) => a.scope.toLowerCase().startsWith(PROD.toLowerCase())).length);
      const mine = await armList(avery, PROD, `principalId eq '${String(claimsOf(avery).oid)}'`);
      expect(mine.values.length).toBe(scenario.roleAssignments.filter((a) => a.principal === DEMO.users.avery && a.scope.startsWith(PROD)).length);
      expect((await armList(avery, PROD, "assignedTo('x')")).status).toBe(400);
    });

    it('shows group assignments as Group with the group’s object id', async () => {
      const res = await armList(avery, RG_SHARED);
      expect(res.values.filter((v) => v.properties.principalType === 'Group').map((v) => v.properties.principalId)).toEqual([CONTOSO_GROUP.objectId]);
    });

    it('answers 403 AuthorizationFailed without roleAssignments/read at the scope', async () => {
      const guestOnAppProd = await armList(guestInContoso, `${PROD}/resourceGroups/rg-app-prod`);
      expect(guestOnAppProd.status).toBe(403);
      expect(guestOnAppProd.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
      expect((guestOnAppProd.body as { error: { message: string } }).error.message).toMatch(/Microsoft\.Authorization\/roleAssignments\/read/);
      expect((await armList(guestInContoso, RG_ADMINS)).status).toBe(200);
      expect((await armList(avery, `/subscriptions/${DEMO.subscriptions.finance}`)).status).toBe(403);
      // Avery's guest object in Fabrikam holds login roles only.
      expect((await armList(averyInFabrikam, RG_FAB)).status).toBe(403);
      expect((await armList(avery, `${PROD}/resourceGroups/rg-nope`)).status).toBe(404);
    });
  });

  describe('ARM roleDefinitions', () => {
    it('returns built-in and custom definitions by GUID, with their permissions', async () => {
      const reader = await armFetch(h, avery, `${PROD}/providers/Microsoft.Authorization/roleDefinitions/${READER}?${API}`);
      expect(reader.status).toBe(200);
      const parsed = roleDefinitionSchema.parse(reader.body);
      expect(parsed).toMatchObject({ id: `${PROD}/providers/Microsoft.Authorization/roleDefinitions/${READER}`, name: READER, properties: { roleName: 'Reader' } });
      expect(parsed.properties.permissions).toEqual([{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }]);
      expect(reader.body).toMatchObject({ type: 'Microsoft.Authorization/roleDefinitions', properties: { type: 'BuiltInRole' } });

      const custom = await armFetch(h, avery, `${VM_ADMIN_LOGIN}/providers/Microsoft.Authorization/roleDefinitions/3b7198b6-4aa7-4d87-bb56-9ac3e604f258?${API}`);
      expect(custom.body).toMatchObject({
        properties: { roleName: 'Contoso VM Operator (custom)', type: 'CustomRole', permissions: [{ notDataActions: ['Microsoft.Compute/virtualMachines/loginAsAdmin/action'] }] },
      });
      const root = await armFetch(h, avery, `/providers/Microsoft.Authorization/roleDefinitions/${ADMIN_LOGIN}?${API}`);
      expect(root.body).toMatchObject({ id: `/providers/Microsoft.Authorization/roleDefinitions/${ADMIN_LOGIN}`, properties: { roleName: 'Virtual Machine Administrator Login' } });
    });

    it('answers 404 RoleDefinitionDoesNotExist for an unknown GUID', async () => {
      for (const guid of ['00000000-0000-4000-8000-000000000000', 'reader']) {
        const res = await armFetch(h, avery, `${PROD}/providers/Microsoft.Authorization/roleDefinitions/${guid}?${API}`);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ error: { code: 'RoleDefinitionDoesNotExist' } });
      }
    });
  });

  describe('group grants', () => {
    it('reach the members through the permissions API, guests included, and nobody else', async () => {
      const permissions = async (token: string, scope: string) => {
        const res = await armFetch(h, token, `${scope}/providers/Microsoft.Authorization/permissions?${API}`);
        return (res.body as { value: { dataActions: string[] }[] }).value.flatMap((p) => p.dataActions);
      };
      const fileVm = `${RG_SHARED}/providers/Microsoft.Compute/virtualMachines/vm-file-01`;
      expect(await permissions(avery, fileVm)).toContain('Microsoft.Compute/virtualMachines/loginAsAdmin/action');
      expect(await permissions(guestInContoso, fileVm)).toEqual([]);
      const fabVm = `${RG_FAB}/providers/Microsoft.Compute/virtualMachines/fab-app-01`;
      expect(await permissions(averyInFabrikam, fabVm)).toContain('Microsoft.Compute/virtualMachines/loginAsAdmin/action');
    });
  });
});
