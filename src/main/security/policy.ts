// #region SECURITY POLICY — review with a second engineer before changing anything in this file.
// Everything the Electron shell decides about trust is here, as plain data and pure functions, so it is unit-tested
// and cannot be loosened quietly. Sources: Electron security checklist (electronjs.org/docs/latest/tutorial/security).

/** Scheme and host the renderer is served from in the desktop app (registered as a standard, secure scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rdp-broker';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** BrowserWindow webPreferences, hardened. Kept as data so tests pin every flag. */
export function buildWebPreferences(preloadPath: string, options: { devTools: boolean }) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click opens links outside the window-open handler's view in some versions; the app needs none.
    disableBlinkFeatures: 'Auxclick',
    devTools: options.devTools,
  } as const;
}

/**
 * Content Security Policy for the renderer. The renderer never calls Azure or any other host: main does.
 * React sets styles through the CSSOM, which `style-src 'self'` does not block.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Hosts the app may open in the user's browser: documentation and the Azure portals of the three clouds. */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = [
  'learn.microsoft.com',
  'support.microsoft.com',
  'portal.azure.com',
  'portal.azure.us',
  'portal.azure.cn',
  'entra.microsoft.com',
  'aka.ms',
  'apps.microsoft.com',
];

/** Parses a URL without throwing. */
function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * scheme://host[:port] of a URL. WHATWG `URL.origin` is "null" for schemes it does not know (app:), even though
 * Electron gives registered standard schemes a real origin, so compare this instead.
 */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** True only for https URLs on an allow-listed host, with no credentials in the URL. */
export function isAllowedExternalUrl(url: string, extraHosts: readonly string[] = []): boolean {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return [...EXTERNAL_HOST_ALLOW_LIST, ...extraHosts].includes(host);
}

/**
 * Sign-in pages are the one other kind of page we open externally: the authority's authorize URL, which MSAL builds.
 * Allowed only for the configured authority hosts (https), or loopback http pages of the simulator in demo mode.
 */
export function isAllowedSignInUrl(url: string, authorityHosts: readonly string[]): boolean {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol !== 'https:') return false;
  return authorityHosts.some((origin) => parseUrl(origin)?.host === parsed.host);
}

/** `will-navigate`: the window never leaves the app's own pages. */
export function isAllowedNavigation(url: string, appOrigin: string = APP_ORIGIN): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && originOf(parsed) === appOrigin;
}

/** `setWindowOpenHandler`: never a new Electron window; allow-listed https links go to the system browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/** Permission requests (camera, notifications, geolocation, …): the app needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** Who sent an IPC message, as Electron reports it. */
export interface IpcSenderFacts {
  readonly webContentsId: number;
  readonly frameUrl: string | null;
  readonly isMainFrame: boolean;
}

/** An IPC message is trusted only from our own window's main frame, loaded from our own origin. */
export function isTrustedIpcSender(
  sender: IpcSenderFacts,
  trusted: { readonly webContentsIds: ReadonlySet<number>; readonly appOrigin?: string },
): boolean {
  if (!trusted.webContentsIds.has(sender.webContentsId) || !sender.isMainFrame || sender.frameUrl === null) return false;
  const parsed = parseUrl(sender.frameUrl);
  return parsed !== null && originOf(parsed) === (trusted.appOrigin ?? APP_ORIGIN);
}

/**
 * Maps an app:// request path to a file under the renderer folder, refusing traversal and anything outside it.
 * Returns the relative path, or null when refused.
 */
export function resolveAppAssetPath(requestUrl: string): string | null {
  const parsed = parseUrl(requestUrl);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') return 'index.html';
  const relative = pathname.replace(/^\/+/, '');
  const segments = relative.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment === '' || segment.includes('\\') || segment.includes('\0'))) {
    return null;
  }
  return relative;
}
// #endregion
