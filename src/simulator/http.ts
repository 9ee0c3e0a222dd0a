import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

import type { CloudName } from '../shared/clouds';

/** Which listener served a request: one HTTPS listener per cloud, plus the plain-HTTP browser pages. */
export type ListenerName = CloudName | 'pages';

/** A request as the simulator's handlers see it (body already read). */
export interface SimRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly listener: ListenerName;
  /** Origin of the listener that received the request, e.g. https://127.0.0.1:PORT. */
  readonly baseUrl: string;
}

/** What a handler answers; the listener writes it (possibly altered by a fault, e.g. truncated). */
export interface SimResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Kinds of injected faults recorded in the request log. */
export type FaultKind = 'throttle' | 'serverError' | 'stall' | 'truncate' | 'forbidden';

/** One served request, for tests and benchmarks. */
export interface RequestLogEntry {
  /** Epoch ms when the request arrived. */
  readonly at: number;
  readonly method: string;
  readonly cloud: ListenerName;
  /** Path and query string (never the body: tokens and codes travel there). */
  readonly path: string;
  readonly status: number;
  /** Time to answer, including injected latency and stalls. */
  readonly ms: number;
  /** Faults injected into this request. */
  readonly faults: readonly FaultKind[];
}

/** A JSON response. */
export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

/** An HTML response; pages are never cached and never framed. */
export function htmlResponse(status: number, markup: string, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      ...headers,
    },
    body: markup,
  };
}

/** An ARM error response: `{ "error": { "code", "message" } }`. */
export function armErrorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { error: { code, message } }, headers);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Reads a request body up to `limit` bytes; rejects larger bodies. */
export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw new RangeError(`Request body larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses an application/x-www-form-urlencoded body. */
export function readForm(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

/** A fresh correlation-style id. */
export function newId(): string {
  return randomUUID();
}

/** A header value as a single string (first value for repeated headers). */
export function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Resolves after `ms`, or at once when the signal aborts (simulator stopping). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
