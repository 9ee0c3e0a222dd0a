import type { CloudName } from '../shared/clouds';
import { escapeHtml } from './http';

/**
 * HTML of the simulated Entra pages. Every echoed value is escaped. The markup is deliberately regular so a Node
 * "fake browser" (test/support/fake-browser.ts) can parse it: one `<form data-upn="…">` per account with
 * `<input type="hidden" name="…" value="…">` fields, and `data-error="AADSTS…"` on error pages.
 */

const style = `
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f3f2f1; margin: 0; color: #1b1b1b; }
  main { max-width: 30rem; margin: 3rem auto; background: #fff; padding: 2rem 2.5rem; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 1rem; }
  p.meta { color: #605e5c; font-size: .85rem; }
  form.account { margin: 0; }
  form.account button { display: block; width: 100%; text-align: left; background: none; border: 0; border-top: 1px solid #edebe9;
    padding: .8rem .5rem; cursor: pointer; font: inherit; }
  form.account button:hover, form.account button:focus { background: #f3f2f1; }
  .upn, .note { display: block; color: #605e5c; font-size: .85rem; }
  .error { border-left: 4px solid #a4262c; background: #fde7e9; padding: .8rem 1rem; }
  label { display: block; margin: .6rem 0 .2rem; }
  input[type=text] { font: inherit; padding: .4rem; width: 100%; box-sizing: border-box; }
  .actions button { font: inherit; padding: .4rem 1.2rem; margin-right: .5rem; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function hiddenInputs(fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

/** One account the consent page offers. */
export interface ConsentAccount {
  readonly upn: string;
  readonly displayName: string;
  readonly note: string;
  /** Fields posted to the redirect URI: code, state, client_info. */
  readonly fields: Readonly<Record<string, string>>;
  readonly autoSubmit: boolean;
}

/** The "pick an account" page: one form_post form per account; auto-submits the login_hint's account. */
export function renderConsentPage(input: {
  readonly cloud: CloudName;
  readonly authority: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly accounts: readonly ConsentAccount[];
  readonly notice?: string;
}): string {
  const forms = input.accounts
    .map(
      (a) => `<form class="account" method="POST" action="${escapeHtml(input.redirectUri)}" data-upn="${escapeHtml(a.upn)}"${
        a.autoSubmit ? ' data-auto-submit="true"' : ''
      }>
${hiddenInputs(a.fields)}
<button type="submit"><strong>${escapeHtml(a.displayName)}</strong><span class="upn">${escapeHtml(a.upn)}</span><span class="note">${escapeHtml(a.note)}</span></button>
</form>`,
    )
    .join('\n');
  const auto = input.accounts.some((a) => a.autoSubmit)
    ? `<script>window.addEventListener('load', function () { var f = document.querySelector('form[data-auto-submit]'); if (f) f.submit(); });</script>`
    : '';
  const notice = input.notice ? `<p class="note">${escapeHtml(input.notice)}</p>` : '';
  const empty = input.accounts.length === 0 ? '<p class="error">No account of this simulated tenant can sign in here.</p>' : '';
  return layout(
    'Sign in to your account (simulated)',
    `<h1>Pick an account</h1>
<p class="meta">Simulated Microsoft Entra ID · ${escapeHtml(input.cloud)} · authority ${escapeHtml(input.authority)} · application ${escapeHtml(input.clientId)}</p>
${notice}${empty}
${forms}
${auto}`,
  );
}

/**
 * An Entra error page. When the redirect URI is known, a form lets the user hand the error back to the application
 * (so the waiting sign-in fails instead of hanging); real Entra only shows the message.
 */
export function renderErrorPage(input: {
  readonly code: number;
  readonly message: string;
  readonly redirectUri?: string;
  readonly state?: string;
}): string {
  const back =
    input.redirectUri === undefined
      ? ''
      : `<form class="error-return" method="POST" action="${escapeHtml(input.redirectUri)}">
${hiddenInputs({
  error: 'access_denied',
  error_description: `AADSTS${input.code}: ${input.message}`,
  ...(input.state === undefined ? {} : { state: input.state }),
})}
<p class="actions"><button type="submit">Return to the application</button></p>
</form>`;
  return layout(
    'Sign-in error (simulated)',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p class="error" data-error="AADSTS${input.code}">AADSTS${input.code}: ${escapeHtml(input.message)}</p>
${back}`,
  );
}

/** A plain message page (signed out, not found). */
export function renderMessagePage(title: string, text: string): string {
  return layout(`${title} (simulated)`, `<h1>${escapeHtml(title)}</h1>\n<p class="note">${escapeHtml(text)}</p>`);
}

/** The device-code entry page ("Enter code"), with the cloud's accounts to approve as. */
export function renderDeviceCodePage(input: {
  readonly cloud: CloudName;
  readonly action: string;
  readonly users: ReadonlyArray<{ readonly upn: string; readonly displayName: string }>;
  readonly prefill?: string;
  readonly message?: { readonly kind: 'error' | 'ok'; readonly text: string };
}): string {
  const radios = input.users
    .map(
      (u, i) =>
        `<label><input type="radio" name="upn" value="${escapeHtml(u.upn)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(u.displayName)} <span class="upn">${escapeHtml(u.upn)}</span></label>`,
    )
    .join('\n');
  const message = input.message
    ? `<p class="${input.message.kind === 'error' ? 'error' : 'note'}" data-result="${input.message.kind}">${escapeHtml(input.message.text)}</p>`
    : '';
  return layout(
    'Enter code (simulated)',
    `<h1>Enter code</h1>
<p class="meta">Simulated Microsoft Entra ID · ${escapeHtml(input.cloud)} · device code sign-in</p>
${message}
<form method="POST" action="${escapeHtml(input.action)}" data-device-code="true">
<label for="code">Code shown by the application</label>
<input type="text" id="code" name="user_code" autocomplete="off" value="${escapeHtml(input.prefill ?? '')}">
<fieldset><legend>Sign in as</legend>
${radios}
</fieldset>
<p class="actions"><button type="submit" name="decision" value="approve">Continue</button><button type="submit" name="decision" value="deny">Cancel sign-in</button></p>
</form>`,
  );
}

/** The landing page of the pages listener: what runs where. */
export function renderIndexPage(input: {
  readonly clouds: Readonly<Record<CloudName, string>>;
  readonly users: ReadonlyArray<{ readonly upn: string; readonly cloud: CloudName; readonly displayName: string }>;
  readonly scenario: string;
}): string {
  const clouds = Object.entries(input.clouds)
    .map(([cloud, url]) => `<li>${escapeHtml(cloud)}: <code>${escapeHtml(url)}</code> · <a href="/${escapeHtml(cloud)}/devicelogin">device code entry</a></li>`)
    .join('\n');
  const users = input.users
    .map((u) => `<li>${escapeHtml(u.displayName)} <span class="upn">${escapeHtml(u.upn)} (${escapeHtml(u.cloud)})</span></li>`)
    .join('\n');
  return layout(
    'RDP Broker simulator',
    `<h1>RDP Broker simulator</h1>
<p class="meta">Scenario ${escapeHtml(input.scenario)}</p>
<h2>Clouds</h2><ul>${clouds}</ul>
<h2>Users</h2><ul>${users}</ul>`,
  );
}
