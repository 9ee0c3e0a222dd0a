import { AppError } from '../../shared/errors/app-error';

/** Fetch as the demo consent needs it (plain http to the simulator's pages listener and MSAL's loopback). */
export type ConsentFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

const decode = (text: string): string =>
  text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : decode(match[1]);
};

/**
 * Demo mode only (CLI `login --demo --user`): does what the user would do on the simulated consent page, picking
 * `upn`'s account form and posting it to MSAL's loopback. Only ever talks to 127.0.0.1 (the simulator's plain-HTTP
 * pages listener and MSAL's loopback server); never used against a real cloud.
 */
export async function completeDemoConsent(fetchImpl: ConsentFetch, pageUrl: string, upn: string): Promise<void> {
  if (new URL(pageUrl).hostname !== '127.0.0.1') {
    throw new AppError('VALIDATION_FAILED', 'Demo consent only talks to 127.0.0.1.', { url: pageUrl });
  }
  const page = await fetchImpl(pageUrl);
  const html = await page.text();
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const tag = match[1] ?? '';
    if (attribute(tag, 'data-upn')?.toLowerCase() !== upn.toLowerCase()) continue;
    const action = attribute(tag, 'action') ?? '';
    const target = new URL(action);
    if (target.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(target.hostname)) {
      throw new AppError('AUTH_FAILED', 'The consent form does not post to the local sign-in listener.', { action });
    }
    const fields = new URLSearchParams();
    for (const input of (match[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
      const name = attribute(input[1] ?? '', 'name');
      if (name !== undefined && attribute(input[1] ?? '', 'type') === 'hidden') fields.append(name, attribute(input[1] ?? '', 'value') ?? '');
    }
    // MSAL's loopback listens on 127.0.0.1 while the redirect URI says localhost.
    target.hostname = '127.0.0.1';
    const response = await fetchImpl(target.toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    await response.text();
    return;
  }
  const error = /data-error="(AADSTS\d+)"/.exec(html)?.[1];
  throw new AppError('AUTH_FAILED', `The simulated sign-in page offers no account '${upn}'.`, { upn, status: page.status, ...(error ? { aadsts: error } : {}) });
}
