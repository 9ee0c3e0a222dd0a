import { getClient } from '@azure-rest/core-client';
import { AuthError } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHttpTransport } from '../../../src/main/net/http-transport';
import { type SimHarness, startHarness } from './support';

describe('http transport against the simulator (real TLS with its self-signed CA)', () => {
  let h: SimHarness;
  let openIdUrl: string;

  beforeAll(async () => {
    h = await startHarness();
    openIdUrl = `${h.sim.clouds.AzureCloud}/organizations/v2.0/.well-known/openid-configuration`;
  });
  afterAll(async () => {
    await h.close();
  });

  it('trusts the simulator only when given its CA; the default transport refuses the self-signed certificate', async () => {
    const ok = await h.transport.fetch(openIdUrl);
    expect(ok.status).toBe(200);
    const plain = createHttpTransport();
    try {
      const error = await plain.fetch(openIdUrl).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(String((error as Error & { cause?: { code?: string } }).cause?.code)).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
    } finally {
      await plain.close();
    }
    // Another simulator's CA is not this one's: trust is per certificate, not "anything on loopback".
    const other = await startHarness();
    try {
      const crossed = createHttpTransport({ extraCaPem: other.sim.caCertPem });
      const error = await crossed.fetch(openIdUrl).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      await crossed.close();
    } finally {
      await other.close();
    }
  });

  it('gives MSAL a network module: JSON bodies, status and headers; typed errors for bad JSON and dead hosts', async () => {
    const client = h.transport.msalNetworkClient;
    const get = await client.sendGetRequestAsync<{ issuer: string }>(openIdUrl);
    expect(get.status).toBe(200);
    expect(get.body.issuer).toContain(h.sim.clouds.AzureCloud);
    expect(get.headers['content-type']).toMatch(/json/);
    const post = await client.sendPostRequestAsync<{ error: string }>(`${h.sim.clouds.AzureCloud}/organizations/oauth2/v2.0/token`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=nope&client_id=x',
    });
    expect(post.status).toBe(400);
    expect(post.body.error).toBe('unsupported_grant_type');
    const html = await client.sendGetRequestAsync(`${h.sim.pagesUrl}/`).catch((e: unknown) => e);
    expect(html).toBeInstanceOf(AuthError);
    expect((html as AuthError).errorCode).toBe('token_parsing_error');
    const dead = await client.sendGetRequestAsync('https://127.0.0.1:1/x', undefined, 2000).catch((e: unknown) => e);
    expect(dead).toBeInstanceOf(AuthError);
    expect((dead as AuthError).errorCode).toBe('network_error');
  });

  it('gives the Azure pipeline a policy that carries the same trust, and nothing without it', async () => {
    const credential = { getToken: () => Promise.resolve({ token: 'not-a-token', expiresOnTimestamp: Date.now() + 60_000 }) };
    const trusted = getClient(h.sim.clouds.AzureCloud, credential, {
      credentials: { scopes: ['https://management.azure.com/.default'] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
      retryOptions: { maxRetries: 0 },
    });
    const res = await trusted.pathUnchecked('/subscriptions').get({ queryParameters: { 'api-version': '2022-12-01' } });
    // The request reached the simulator over TLS (its 401 proves it) — the fake token is the only problem.
    expect(res.status).toBe('401');
    const untrusted = getClient(h.sim.clouds.AzureCloud, credential, {
      credentials: { scopes: ['https://management.azure.com/.default'] },
      retryOptions: { maxRetries: 0 },
    });
    let error: unknown;
    try {
      await untrusted.pathUnchecked('/subscriptions').get({ queryParameters: { 'api-version': '2022-12-01' } });
    } catch (e) {
      error = e;
    }
    expect(String((error as Error).message)).toMatch(/self[- ]signed|unable to verify/i);
  });
});
