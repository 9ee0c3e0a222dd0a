import { describe, expect, it } from 'vitest';

import { type FetchLike, listArmTenants, TENANTS_API_VERSION } from '../../../../src/main/auth/tenants';

const HOME = 'b6e3664e-3e80-4754-b516-bd00208b19a7';
const GUEST = '29f2a965-3b43-4bb4-b4c9-c6968beec7c5';

function fakeArm(pages: Record<string, { status?: number; body: unknown }>) {
  const calls: { url: string; auth: string | null }[] = [];
  const fetch: FetchLike = (input, init) => {
    calls.push({ url: input, auth: new Headers(init?.headers).get('authorization') });
    const page = pages[input];
    if (!page) return Promise.reject(new Error(`unexpected ${input}`));
    return Promise.resolve(new Response(JSON.stringify(page.body), { status: page.status ?? 200 }));
  };
  return { fetch, calls };
}

describe('ARM tenants', () => {
  it('follows nextLink, marks the home tenant and sorts it first', async () => {
    const first = `https://arm.example/tenants?api-version=${TENANTS_API_VERSION}`;
    const second = 'https://arm.example/tenants?api-version=2022-12-01&$skiptoken=2';
    const { fetch, calls } = fakeArm({
      [first]: { body: { value: [{ tenantId: GUEST, displayName: 'Fabrikam', defaultDomain: 'fabrikam.example', tenantCategory: 'Home' }], nextLink: second } },
      [second]: { body: { value: [{ tenantId: HOME, displayName: 'Contoso', defaultDomain: 'contoso.example', tenantCategory: 'Home' }] } },
    });
    const tenants = await listArmTenants({ fetch, armEndpoint: 'https://arm.example/', token: 'tok', homeTenantId: HOME });
    expect(tenants).toEqual([
      { tenantId: HOME, displayName: 'Contoso', defaultDomain: 'contoso.example', category: 'Home', isHome: true },
      { tenantId: GUEST, displayName: 'Fabrikam', defaultDomain: 'fabrikam.example', category: 'Home', isHome: false },
    ]);
    expect(calls.map((call) => call.auth)).toEqual(['Bearer tok', 'Bearer tok']);
  });

  it('never follows a nextLink to another host with the token', async () => {
    const first = `https://arm.example/tenants?api-version=${TENANTS_API_VERSION}`;
    const { fetch, calls } = fakeArm({ [first]: { body: { value: [], nextLink: 'https://evil.example/steal' } } });
    await expect(listArmTenants({ fetch, armEndpoint: 'https://arm.example', token: 't', homeTenantId: HOME })).rejects.toMatchObject({ code: 'AZURE_BAD_RESPONSE' });
    expect(calls).toHaveLength(1);
  });

  it('maps ARM errors and bad bodies to stable codes', async () => {
    const first = `https://arm.example/tenants?api-version=${TENANTS_API_VERSION}`;
    const forbidden = fakeArm({ [first]: { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'no' } } } });
    await expect(listArmTenants({ fetch: forbidden.fetch, armEndpoint: 'https://arm.example', token: 't', homeTenantId: HOME })).rejects.toMatchObject({ code: 'AZURE_FORBIDDEN' });
    const bad = fakeArm({ [first]: { body: { nope: true } } });
    await expect(listArmTenants({ fetch: bad.fetch, armEndpoint: 'https://arm.example', token: 't', homeTenantId: HOME })).rejects.toMatchObject({ code: 'AZURE_BAD_RESPONSE' });
    const down: FetchLike = () => Promise.reject(new Error('ECONNREFUSED'));
    await expect(listArmTenants({ fetch: down, armEndpoint: 'https://arm.example', token: 't', homeTenantId: HOME })).rejects.toMatchObject({ code: 'AZURE_UNAVAILABLE' });
  });
});
