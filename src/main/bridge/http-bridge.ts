import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

import { type DispatchLogger, type EventHub, type HandlerMap, dispatchInvoke } from '../ipc/dispatch';
import { CONTENT_SECURITY_POLICY } from '../security/policy';
import { err } from '../../shared/ipc/envelope';
import { isInvokeChannel } from '../../shared/ipc/contract';

/** Options of the loopback bridge that serves the real renderer to a browser in demo mode. */
export interface HttpBridgeOptions {
  readonly handlers: HandlerMap;
  readonly events: EventHub;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly log?: DispatchLogger;
}

/** A running bridge. `url` carries the per-run session secret; without it every call is refused. */
export interface HttpBridge {
  readonly url: string;
  readonly origin: string;
  readonly session: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The demo's stand-in for Electron IPC: the same contract over HTTP on 127.0.0.1 only. Invokes are
 * `POST /bridge/invoke/<channel>`, events a server-sent stream at `/bridge/events`. Every bridge request needs the
 * per-run secret, a Host header naming this loopback address (DNS-rebinding guard) and, for POSTs, our Origin.
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const session = randomBytes(24).toString('base64url');
  const rendererRoot = resolve(options.rendererDir);
  const log = options.log ?? (() => undefined);
  const streams = new Set<ServerResponse>();
  let origin = '';
  let allowedHosts = new Set<string>();

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('bridge request failed', { error: String(error) });
      if (!response.headersSent) sendJson(response, 500, err({ code: 'INTERNAL', message: 'Bridge failure' }));
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/bridge/')) {
      await handleBridge(request, response, url);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    await serveStatic(response, url.pathname);
  }

  function hasSession(value: string | null | undefined): boolean {
    if (!value) return false;
    const given = Buffer.from(value);
    const expected = Buffer.from(session);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function handleBridge(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/bridge/events' && request.method === 'GET') {
      // EventSource cannot send headers, so the secret comes in the query for this one stream.
      if (!hasSession(url.searchParams.get('session'))) {
        sendJson(response, 401, err({ code: 'BRIDGE_UNAUTHORIZED', message: 'Missing or wrong session.' }));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const match = /^\/bridge\/invoke\/([a-z-]+:[a-z-]+)$/.exec(url.pathname);
    if (!match || request.method !== 'POST') {
      sendJson(response, 404, err({ code: 'IPC_UNKNOWN_CHANNEL', message: 'No such bridge endpoint.' }));
      return;
    }
    const sessionHeader = request.headers['x-broker-session'];
    if (!hasSession(typeof sessionHeader === 'string' ? sessionHeader : null) || request.headers.origin !== origin) {
      sendJson(response, 401, err({ code: 'BRIDGE_UNAUTHORIZED', message: 'Missing or wrong session.' }));
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 415, err({ code: 'VALIDATION_FAILED', message: 'Send application/json.' }));
      return;
    }
    const channel = match[1] ?? '';
    const body = await readBody(request);
    if (body === null) {
      // The rest of the body was not read: close the connection, or it would be parsed as the next request.
      response.setHeader('Connection', 'close');
      sendJson(response, 413, err({ code: 'VALIDATION_FAILED', message: 'Request too large.' }));
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      sendJson(response, 400, err({ code: 'VALIDATION_FAILED', message: 'Body is not JSON.' }));
      return;
    }
    const envelope = isInvokeChannel(channel)
      ? await dispatchInvoke(options.handlers, channel, input, log)
      : err({ code: 'IPC_UNKNOWN_CHANNEL', message: `Unknown channel ${channel}` });
    sendJson(response, 200, envelope);
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const file = resolve(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot + sep)) {
      response.writeHead(403).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Content-Length': info.size,
    });
    createReadStream(file).pipe(response);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  return {
    url: `${origin}/?session=${session}`,
    origin,
    session,
    close: async () => {
      clearInterval(keepAlive);
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
