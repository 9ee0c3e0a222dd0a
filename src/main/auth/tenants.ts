import { z } from 'zod';

import { armError } from '../azure/arm-client';
import type { TenantSummary } from '../../shared/auth/schemas';
import { AppError } from '../../shared/errors/app-error';

/** The fetch the auth service uses for ARM: the transport's (which trusts the simulator's CA), or the global one. */
export type FetchLike = (
  input: string,
  init?: { readonly headers?: Record<string, string> },
) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>;

/** api-version of ARM `GET /tenants` (azure-rdp-facts §3.1). */
export const TENANTS_API_VERSION = '2022-12-01';

const tenantsPageSchema = z.object({
  value: z.array(
    z.object({
      tenantId: z.string(),
      displayName: z.string().optional(),
      defaultDomain: z.string().optional(),
      tenantCategory: z.string().optional(),
    }),
  ),
  nextLink: z.string().nullish(),
});

/** Maximum pages followed; a user in more than a few thousand tenants is not a case to loop on forever. */
const MAX_PAGES = 50;

/**
 * Every tenant the signed-in user belongs to (member or guest), callable with an ARM token from any one tenant.
 * nextLink is followed only on the same ARM host, so the bearer token never goes anywhere else.
 */
export async function listArmTenants(options: {
  readonly fetch: FetchLike;
  readonly armEndpoint: string;
  readonly token: string;
  readonly homeTenantId: string;
}): Promise<TenantSummary[]> {
  const origin = new URL(options.armEndpoint).origin;
  let url: string | null = `${origin}/tenants?api-version=${TENANTS_API_VERSION}`;
  const tenants: TenantSummary[] = [];
  for (let page = 0; url !== null; page += 1) {
    if (page >= MAX_PAGES) throw new AppError('AZURE_BAD_RESPONSE', 'Too many pages of tenants.', { scope: '/tenants' });
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await options.fetch(url, { headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' } });
    } catch (error: unknown) {
      throw new AppError('AZURE_UNAVAILABLE', 'Could not reach Azure Resource Manager.', { scope: '/tenants', reason: String(error) });
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw armError(response.status, body, '/tenants');
    const parsed = tenantsPageSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError('AZURE_BAD_RESPONSE', 'Unexpected answer from ARM /tenants.', { scope: '/tenants', issue: parsed.error.issues[0]?.message });
    }
    for (const tenant of parsed.data.value) {
      tenants.push({
        tenantId: tenant.tenantId,
        displayName: tenant.displayName ?? tenant.defaultDomain ?? tenant.tenantId,
        defaultDomain: tenant.defaultDomain ?? null,
        category: tenant.tenantCategory ?? 'Unknown',
        isHome: tenant.tenantId.toLowerCase() === options.homeTenantId.toLowerCase(),
      });
    }
    url = nextPage(parsed.data.nextLink, origin);
  }
  return tenants.sort((a, b) => Number(b.isHome) - Number(a.isHome) || a.displayName.localeCompare(b.displayName));
}

function nextPage(nextLink: string | null | undefined, origin: string): string | null {
  if (!nextLink) return null;
  let next: URL;
  try {
    next = new URL(nextLink, origin);
  } catch {
    throw new AppError('AZURE_BAD_RESPONSE', 'ARM returned an invalid nextLink.', { scope: '/tenants' });
  }
  if (next.origin !== origin) {
    throw new AppError('AZURE_BAD_RESPONSE', 'ARM nextLink points to another host; not following it.', { scope: '/tenants' });
  }
  return next.toString();
}
