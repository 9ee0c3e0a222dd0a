import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type HttpBridge, startHttpBridge } from '../../../src/main/bridge/http-bridge';
import { EventHub, type HandlerMap } from '../../../src/main/ipc/dispatch';
import { stubHandlers } from '../../support/stub-handlers';

const handlers: HandlerMap = stubHandlers({
  'app:info': () => Promise.resolve({ version: '9.9.9', mode: 'demo', platform: 'linux' }),
});

/** A raw HTTP request, so tests can send headers fetch would not (Host) and read any status. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the demo loopback bridge', () => {
  const events = new EventHub();
  let bridge: HttpBridge;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'bridge-test-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ok</title>');
    bridge = await startHttpBridge({ handlers, events, rendererDir });
  });
  afterAll(() => bridge.close());

  const invoke = (channel: string, headers: Record<string, string>, body = '{}') =>
    raw(`${bridge.origin}/bridge/invoke/${channel}`, { method: 'POST', headers, body });
  const goodHeaders = () => ({ 'content-type': 'application/json', origin: bridge.origin, 'x-broker-session': bridge.session });

  it('listens on 127.0.0.1 and prints a URL with the secret', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?session=[\w-]{20,}$/);
  });

  it('answers an invoke with the secret, our origin and JSON', async () => {
    const response = await invoke('app:info', goodHeaders());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { version: '9.9.9', mode: 'demo', platform: 'linux' } });
  });

  it('refuses a missing or wrong secret', async () => {
    for (const session of ['', 'x'.repeat(32), bridge.session.slice(1)]) {
      const response = await invoke('app:info', { ...goodHeaders(), 'x-broker-session': session });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNAUTHORIZED' } });
    }
  });

  it('refuses another origin (a web page the user visits cannot drive it)', async () => {
    const response = await invoke('app:info', { ...goodHeaders(), origin: 'https://evil.example' });
    expect(response.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const response = await invoke('app:info', { ...goodHeaders(), host: 'evil.example' });
    expect(response.status).toBe(421);
  });

  it('refuses non-JSON bodies and unknown channels with stable codes', async () => {
    expect((await invoke('app:info', { ...goodHeaders(), 'content-type': 'text/plain' })).status).toBe(415);
    expect(JSON.parse((await invoke('app:info', goodHeaders(), '{not json')).body)).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(JSON.parse((await invoke('fs:read-file', goodHeaders())).body)).toMatchObject({
      error: { code: 'IPC_UNKNOWN_CHANNEL' },
    });
  });

  it('refuses oversized bodies', async () => {
    const response = await invoke('app:info', goodHeaders(), JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('serves the renderer with the CSP header and never a file outside it', async () => {
    const page = await raw(`${bridge.origin}/`, {});
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await raw(`${bridge.origin}/..%2f..%2fetc%2fpasswd`, {})).status).toBe(403);
    expect((await raw(`${bridge.origin}/missing.js`, {})).status).toBe(404);
  });

  it('streams events only with the secret', async () => {
    expect((await raw(`${bridge.origin}/bridge/events?session=nope`, {})).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(`${bridge.origin}/bridge/events?session=${bridge.session}`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('connected')) events.emit('auth:browser', { url: 'https://example.test/x' });
          if (text.includes('event: auth:browser')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('data: {"url":"https://example.test/x"}');
  });
});
