import type { Client } from '@azure-rest/core-client';
import { isRestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { z } from 'zod';

import { type ArmTokenProvider, armError, createArmClient } from '../azure/arm-client';
import { GraphQuotaGate, installRetryPolicy, type RetryPolicyOptions } from './resilience';
import { AppError, isAppError } from '../../shared/errors/app-error';

/** One request as the counting hook sees it (benchmarks, diagnostics). Never carries headers or bodies. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
}

/** How to build the REST requester for one identity (account + tenant) in one cloud. */
export interface ArmRestOptions {
  readonly endpoint: string;
  readonly scope: string;
  readonly getToken: ArmTokenProvider;
  readonly transportPolicy?: PipelinePolicy | undefined;
  readonly retry?: RetryPolicyOptions | undefined;
  /** Called for every attempt that goes on the wire, retries included. */
  readonly onRequest?: ((info: RequestInfo) => void) | undefined;
}

const PARSE_RETRIES = 3;

/** Per-call options: what the call is about (for error messages) and its cancellation. */
export interface ArmCallOptions {
  /** The ARM scope or label the call reads; shown in problems. */
  readonly scope: string;
  readonly signal: AbortSignal;
  readonly apiVersion?: string;
  readonly query?: Readonly<Record<string, string>>;
}

/** JSON over ARM with the app's error model: every failure is an AppError naming the scope. */
export interface ArmRequester {
  readonly endpoint: string;
  /** GET a path (`/subscriptions/...`) or an absolute nextLink on the same host, validated by `schema`. */
  get<T>(pathOrUrl: string, schema: z.ZodType<T>, options: ArmCallOptions): Promise<T>;
  /** POST a JSON body to a path, validated by `schema`. */
  post<T>(path: string, body: unknown, schema: z.ZodType<T>, options: ArmCallOptions): Promise<T>;
  /** GET every page of an ARM list (`value` + `nextLink`), calling `onPage` as each page arrives. */
  list<T>(path: string, itemSchema: z.ZodType<T>, options: ArmCallOptions, onPage?: (items: T[]) => void): Promise<T[]>;
}

/** The cancellation error discovery raises when its signal aborts. */
export function cancelledError(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  return isAppError(reason) && reason.code === 'DISCOVERY_CANCELLED'
    ? reason
    : new AppError('DISCOVERY_CANCELLED', 'Discovery was cancelled.');
}

function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function isParseError(error: unknown): boolean {
  return isRestError(error) && error.code === 'PARSE_ERROR';
}

function countingPolicy(onRequest: (info: RequestInfo) => void): PipelinePolicy {
  return {
    name: 'rdpBrokerRequestCounter',
    sendRequest(request, next) {
      onRequest({ method: request.method, url: request.url });
      return next(request);
    },
  };
}

/** Builds the requester: the lead's ARM client with our retry, Resource Graph quota and counting policies. */
export function createArmRest(options: ArmRestOptions): ArmRequester {
  const client: Client = createArmClient({
    endpoint: options.endpoint,
    scope: options.scope,
    getToken: options.getToken,
    ...(options.transportPolicy ? { transportPolicy: options.transportPolicy } : {}),
  });
  installRetryPolicy(client.pipeline, { ...options.retry, quotaGate: new GraphQuotaGate() });
  if (options.onRequest) client.pipeline.addPolicy(countingPolicy(options.onRequest), { afterPhase: 'Retry' });
  const origin = new URL(options.endpoint).origin;

  const send = async <T>(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    body: unknown,
    schema: z.ZodType<T>,
    call: ArmCallOptions,
  ): Promise<T> => {
    const absolute = /^https?:\/\//i.test(pathOrUrl);
    if (absolute && new URL(pathOrUrl).origin !== origin) {
      // A nextLink to another host would carry our bearer token there.
      throw new AppError('AZURE_BAD_RESPONSE', `Azure returned a next page on another host for ${call.scope}`, {
        scope: call.scope,
      });
    }
    const queryParameters = absolute ? { ...call.query } : { 'api-version': call.apiVersion ?? '2022-12-01', ...call.query };
    const request = {
      abortSignal: call.signal,
      queryParameters,
      ...(method === 'POST' ? { body, contentType: 'application/json' } : {}),
    };
    let response: { status: string; body: unknown } | null = null;
    for (let attempt = 1; response === null; attempt += 1) {
      if (call.signal.aborted) throw cancelledError(call.signal);
      try {
        const resource = client.pathUnchecked(pathOrUrl);
        response = method === 'GET' ? await resource.get(request) : await resource.post(request);
      } catch (error: unknown) {
        if (call.signal.aborted) throw cancelledError(call.signal);
        // A body cut off mid-way is usually the connection: ask again a few times; if it stays malformed, the data is.
        if (isParseError(error) && attempt <= PARSE_RETRIES) continue;
        if (isParseError(error)) {
          throw new AppError('AZURE_BAD_RESPONSE', `Azure sent a malformed response for ${call.scope}`, {
            scope: call.scope,
            status: isRestError(error) ? (error.statusCode ?? null) : null,
          });
        }
        throw new AppError(
          'AZURE_UNAVAILABLE',
          `Azure could not be reached for ${call.scope}`,
          { scope: call.scope, reason: (error instanceof Error ? error.message : String(error)).slice(0, 300) },
          { cause: error },
        );
      }
    }
    const status = Number(response.status);
    if (status < 200 || status > 299) throw armError(status, response.body, call.scope);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      throw new AppError('AZURE_BAD_RESPONSE', `Azure sent an unexpected response for ${call.scope}`, {
        scope: call.scope,
        issues: summariseIssues(parsed.error),
      });
    }
    return parsed.data;
  };

  return {
    endpoint: options.endpoint,
    get: (pathOrUrl, schema, call) => send('GET', pathOrUrl, undefined, schema, call),
    post: (path, body, schema, call) => send('POST', path, body, schema, call),
    async list(path, itemSchema, call, onPage) {
      const pageSchema = z.object({ value: z.array(itemSchema), nextLink: z.string().nullish() });
      const items: z.output<typeof itemSchema>[] = [];
      let next: string | null | undefined = path;
      const seen = new Set<string>();
      while (next) {
        if (seen.has(next)) {
          throw new AppError('AZURE_BAD_RESPONSE', `Azure repeated a page link for ${call.scope}`, { scope: call.scope });
        }
        seen.add(next);
        const page: { value: z.output<typeof itemSchema>[]; nextLink?: string | null | undefined } = await send('GET', next, undefined, pageSchema, next === path ? call : { ...call, query: {} });
        items.push(...page.value);
        onPage?.(page.value);
        next = page.nextLink;
      }
      return items;
    },
  };
}
