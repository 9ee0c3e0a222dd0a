import https from 'node:https';
import tls from 'node:tls';

import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { AuthError, ClientAuthErrorCodes, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The process's outbound HTTP for Entra (MSAL), Azure SDK clients and plain fetch. With `extraCaPem` (the simulator's
 * self-signed CA in demo mode and tests) every path trusts the public roots plus that one certificate, and only in
 * the process that created the transport: nothing global changes (no NODE_EXTRA_CA_CERTS, no global dispatcher, no
 * TLS verification ever disabled).
 */

/** Fetch as undici exports it. */
export type TransportFetch = typeof undiciFetch;

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** A PEM certificate to trust in addition to the public roots (the simulator's CA). */
  readonly extraCaPem?: string;
}

/** The three doors to the network, all with the same trust. */
export interface HttpTransport {
  /** undici fetch, bound to an agent that trusts `extraCaPem` when given (the default agent otherwise). */
  readonly fetch: TransportFetch;
  /** MSAL `system.networkClient`: MSAL's HTTP through {@link HttpTransport.fetch}. */
  readonly msalNetworkClient: INetworkModule;
  /** core-rest-pipeline policy `rdpBrokerTransport`: `additionalPolicies: [{ policy, position: 'perCall' }]`. */
  readonly azurePipelinePolicy: PipelinePolicy;
  /** Closes the agents' idle connections. */
  close(): Promise<void>;
}

/** Name of the pipeline policy (to find or remove it in a client's pipeline). */
export const TRANSPORT_POLICY_NAME = 'rdpBrokerTransport';

function headersOf(response: Awaited<ReturnType<TransportFetch>>): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

/** Builds MSAL's network module on top of a fetch (same contract as MSAL's own HttpClient). */
export function createMsalNetworkClient(fetchImpl: TransportFetch): INetworkModule {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> => {
    const correlationId = options?.correlationId ?? '';
    let response: Awaited<ReturnType<TransportFetch>>;
    try {
      response = await fetchImpl(url, {
        method,
        ...(options?.headers ? { headers: options.headers } : {}),
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {}),
      });
    } catch (error) {
      // MSAL turns this code into its "network error" handling; keep the cause's text for the log.
      const cause = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
      throw new AuthError(ClientAuthErrorCodes.networkError, correlationId, `Network request failed: ${cause}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch (error) {
      throw new AuthError(
        ClientAuthErrorCodes.tokenParsingError,
        correlationId,
        `Failed to parse response (HTTP ${response.status}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { headers: headersOf(response), body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>(url, 'GET', options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options, undefined),
  };
}

/** Creates the transport; see {@link HttpTransport}. */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const ca = options.extraCaPem ? [...tls.rootCertificates, options.extraCaPem] : undefined;
  const dispatcher = ca ? new Agent({ connect: { ca } }) : undefined;
  // One SecureContext for the whole agent: passing `ca` per agent makes Node rebuild the context for every new
  // connection and key its socket pool on the whole CA list, which cost seconds of CPU per 10,000 requests.
  const httpsAgent = ca ? new https.Agent({ secureContext: tls.createSecureContext({ ca }), keepAlive: true }) : undefined;

  const boundFetch: TransportFetch = dispatcher
    ? (input, init) => undiciFetch(input, { ...init, dispatcher })
    : (input, init) => undiciFetch(input, init);

  const azurePipelinePolicy: PipelinePolicy = {
    name: TRANSPORT_POLICY_NAME,
    sendRequest: (request, next) => {
      // Only https requests get the agent: an https.Agent cannot carry plain http.
      if (httpsAgent && !request.agent && request.url.startsWith('https:')) request.agent = httpsAgent;
      return next(request);
    },
  };

  return {
    fetch: boundFetch,
    msalNetworkClient: createMsalNetworkClient(boundFetch),
    azurePipelinePolicy,
    close: async () => {
      httpsAgent?.destroy();
      await dispatcher?.close();
    },
  };
}
