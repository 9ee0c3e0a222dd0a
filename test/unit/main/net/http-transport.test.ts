import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { AuthError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';

import { createHttpTransport, createMsalNetworkClient, TRANSPORT_POLICY_NAME, type TransportFetch } from '../../../../src/main/net/http-transport';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function request(url: string): PipelineRequest {
  return { url } as PipelineRequest;
}

async function runPolicy(extraCaPem: string | undefined, url: string): Promise<PipelineRequest> {
  const transport = createHttpTransport(extraCaPem ? { extraCaPem } : {});
  const req = request(url);
  await transport.azurePipelinePolicy.sendRequest(req, (r) => Promise.resolve({ request: r, status: 200, headers: {} } as unknown as PipelineResponse));
  await transport.close();
  return req;
}

describe('http transport (no network)', () => {
  it('names its pipeline policy and sets an agent only with an extra CA and only for https', async () => {
    expect(createHttpTransport().azurePipelinePolicy.name).toBe(TRANSPORT_POLICY_NAME);
    expect((await runPolicy(PEM, 'https://127.0.0.1:1/x')).agent).toBeDefined();
    expect((await runPolicy(PEM, 'http://127.0.0.1:1/x')).agent).toBeUndefined();
    expect((await runPolicy(undefined, 'https://127.0.0.1:1/x')).agent).toBeUndefined();
  });

  it('maps fetch results to MSAL network responses', async () => {
    const calls: { url: string; init: unknown }[] = [];
    const fake = ((url: string, init: unknown) => {
      calls.push({ url, init });
      return Promise.resolve(new Response('{"a":1}', { status: 201, headers: { 'x-one': '1' } }));
    }) as unknown as TransportFetch;
    const client = createMsalNetworkClient(fake);
    const res = await client.sendPostRequestAsync<{ a: number }>('https://h/token', { headers: { h: 'v' }, body: 'x=1' });
    expect(res).toEqual({ status: 201, body: { a: 1 }, headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-one': '1' } });
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: 'x=1', headers: { h: 'v' } });
    await client.sendGetRequestAsync('https://h/get', undefined, 1000);
    expect(calls[1]?.init).toMatchObject({ method: 'GET' });
    expect((calls[1]?.init as { signal?: unknown }).signal).toBeDefined();
  });

  it('raises MSAL errors for unreadable bodies and failed connections', async () => {
    const html = createMsalNetworkClient((() => Promise.resolve(new Response('<html>'))) as unknown as TransportFetch);
    await expect(html.sendGetRequestAsync('https://h')).rejects.toMatchObject({ errorCode: 'token_parsing_error' });
    const down = createMsalNetworkClient(() => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })));
    const error = await down.sendGetRequestAsync('https://h').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).errorCode).toBe('network_error');
    expect((error as AuthError).errorMessage).toContain('ECONNREFUSED');
  });
});
