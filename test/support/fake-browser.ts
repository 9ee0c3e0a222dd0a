/**
 * A Node "fake browser" for MSAL interactive sign-in against the simulator: it opens the authorize URL, reads the
 * simulated Entra consent page, picks an account's form and POSTs it (form_post) to MSAL's loopback redirect URI,
 * exactly what a person's browser does. Reusable by any test that needs `acquireTokenInteractive`.
 *
 * @example
 * const browser = createFakeBrowser({ fetch: transport.fetch, upn: 'avery@contoso.example' });
 * await pca.acquireTokenInteractive({ scopes, openBrowser: browser.openBrowser });
 */

/** The little of fetch the fake browser needs; global fetch and undici's (the transport's) both fit. */
export type FakeBrowserFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; redirect?: 'manual' | 'follow' },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** One `<form>` of a simulated Entra page. */
export interface PageForm {
  readonly action: string;
  readonly method: string;
  /** `data-upn`: the account this form signs in. */
  readonly upn: string | undefined;
  readonly autoSubmit: boolean;
  /** Hidden inputs, HTML-decoded. */
  readonly fields: Readonly<Record<string, string>>;
}

/** What the fake browser understood of a page. */
export interface ParsedEntraPage {
  /** Account forms (consent page). */
  readonly forms: readonly PageForm[];
  /** `AADSTS…` code and message of an error page. */
  readonly error: { readonly code: string; readonly message: string } | undefined;
  /** The error page's "return to the application" form, which hands the error to the redirect URI. */
  readonly errorReturn: PageForm | undefined;
}

/** Decodes the entities the simulator (and most HTML) uses. */
export function decodeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"([^"]*)"/g)) {
    if (m[1] !== undefined && m[2] !== undefined) attrs[m[1].toLowerCase()] = decodeHtml(m[2]);
  }
  return attrs;
}

/** Parses a simulated Entra page (consent page or error page). */
export function parseEntraPage(html: string): ParsedEntraPage {
  const forms: PageForm[] = [];
  let errorReturn: PageForm | undefined;
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const fields: Record<string, string> = {};
    for (const input of (m[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
      const a = attributes(input[1] ?? '');
      if (a.type === 'hidden' && a.name !== undefined) fields[a.name] = a.value ?? '';
    }
    const form: PageForm = {
      action: attrs.action ?? '',
      method: (attrs.method ?? 'GET').toUpperCase(),
      upn: attrs['data-upn'],
      autoSubmit: attrs['data-auto-submit'] === 'true',
      fields,
    };
    if ((attrs.class ?? '').split(/\s+/).includes('error-return')) errorReturn = form;
    else if (form.upn !== undefined) forms.push(form);
  }
  const errorMatch = /data-error="(AADSTS\d+)"[^>]*>([\s\S]*?)<\/p>/i.exec(html);
  const error = errorMatch?.[1] ? { code: errorMatch[1], message: decodeHtml(errorMatch[2] ?? '').trim() } : undefined;
  return { forms, error, errorReturn };
}

/** Options of {@link createFakeBrowser}. */
export interface FakeBrowserOptions {
  /** How to reach the pages: the transport's fetch (trusts the simulator's CA) or global fetch for http pages. */
  readonly fetch: FakeBrowserFetch;
  /** The account to click; default: the form auto-submitted by login_hint, else the only form. */
  readonly upn?: string;
  /** Rewrites the URL MSAL opens (e.g. to the plain-HTTP pages listener via toBrowserAuthorizeUrl). */
  readonly mapUrl?: (url: string) => string;
}

/** A fake browser instance: hand `openBrowser` to MSAL. */
export interface FakeBrowser {
  readonly openBrowser: (url: string) => Promise<void>;
  /** URLs opened, in order. */
  readonly visited: readonly string[];
  /** The last page parsed. */
  readonly lastPage: () => ParsedEntraPage | undefined;
}

async function postForm(fetchImpl: FakeBrowserFetch, form: PageForm): Promise<void> {
  const response = await fetchImpl(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form.fields).toString(),
    redirect: 'manual',
  });
  await response.text();
}

/** Creates a fake browser. */
export function createFakeBrowser(options: FakeBrowserOptions): FakeBrowser {
  const visited: string[] = [];
  let last: ParsedEntraPage | undefined;
  const openBrowser = async (url: string): Promise<void> => {
    const target = options.mapUrl ? options.mapUrl(url) : url;
    visited.push(target);
    const response = await options.fetch(target, { redirect: 'manual' });
    const html = await response.text();
    const page = parseEntraPage(html);
    last = page;
    if (page.error) {
      // Like a person clicking "Return to the application": MSAL's loopback receives the error and rejects with it.
      if (page.errorReturn) {
        await postForm(options.fetch, page.errorReturn);
        return;
      }
      throw new Error(`${page.error.code}: ${page.error.message}`);
    }
    const wanted = options.upn?.toLowerCase();
    const form = wanted
      ? page.forms.find((f) => f.upn?.toLowerCase() === wanted)
      : (page.forms.find((f) => f.autoSubmit) ?? (page.forms.length === 1 ? page.forms[0] : undefined));
    if (!form) {
      const offered = page.forms.map((f) => f.upn).join(', ');
      throw new Error(`Fake browser: no account form for '${options.upn ?? '(none chosen)'}' (HTTP ${response.status}); offered: ${offered}`);
    }
    await postForm(options.fetch, form);
  };
  return { openBrowser, visited, lastPage: () => last };
}
