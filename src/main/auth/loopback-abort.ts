import { request } from 'node:http';

/** MSAL's pending loopback redirect, read from the authorize URL it asked us to open. */
export interface LoopbackTarget {
  readonly port: number;
  readonly state: string;
}

/** The loopback port and state of an authorize URL, or null when it does not redirect to this machine over http. */
export function readLoopbackTarget(authorizeUrl: string): LoopbackTarget | null {
  let url: URL;
  let redirect: URL;
  try {
    url = new URL(authorizeUrl);
    redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
  } catch {
    return null;
  }
  const state = url.searchParams.get('state');
  const port = Number(redirect.port);
  const local = redirect.hostname === 'localhost' || redirect.hostname === '127.0.0.1';
  if (redirect.protocol !== 'http:' || !local || !state || !Number.isInteger(port) || port <= 0) return null;
  return { port, state };
}

/**
 * Ends MSAL's wait for the browser: posts an OAuth error response (form_post, the matching state) to its loopback
 * server, so acquireTokenInteractive rejects and closes the server. MSAL has no abort; without this the server would
 * keep listening and a late browser redirect could still complete the sign-in. Resolves false if nothing listened.
 */
export function abortLoopback(target: LoopbackTarget, description: string, timeoutMs = 2_000): Promise<boolean> {
  const body = new URLSearchParams({ error: 'access_denied', error_description: description, state: target.state }).toString();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: '/',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve((res.statusCode ?? 0) === 200));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end(body);
  });
}
