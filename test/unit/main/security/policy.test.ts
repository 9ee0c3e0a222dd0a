import { describe, expect, it } from 'vitest';

import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  buildWebPreferences,
  decidePermission,
  decideWindowOpen,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedSignInUrl,
  isTrustedIpcSender,
  resolveAppAssetPath,
} from '../../../../src/main/security/policy';

describe('webPreferences', () => {
  it('pins every hardening flag', () => {
    const prefs = buildWebPreferences('/app/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
  });
});

describe('content security policy', () => {
  it('denies by default and allows only our own origin', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('external links', () => {
  it.each([
    'https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows',
    'https://portal.azure.com/#@contoso/resource/subscriptions/x',
    'https://portal.azure.us/',
    'https://portal.azure.cn/',
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://learn.microsoft.com/',
    'https://evil.example/',
    'https://learn.microsoft.com.evil.example/',
    'https://user:pw@portal.azure.com/',
    'https://portal.azure.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('window.open is always denied, and only allow-listed links go to the browser', () => {
    expect(decideWindowOpen('https://learn.microsoft.com/x')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('https://evil.example/')).toEqual({ action: 'deny', openExternally: false });
  });

  it('sign-in pages only on configured https authority hosts', () => {
    const hosts = ['https://login.microsoftonline.com'];
    expect(isAllowedSignInUrl('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?x=1', hosts)).toBe(true);
    expect(isAllowedSignInUrl('http://login.microsoftonline.com/organizations', hosts)).toBe(false);
    expect(isAllowedSignInUrl('https://login.evil.example/', hosts)).toBe(false);
  });
});

describe('navigation, permissions and IPC senders', () => {
  it('stays inside the app origin', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///index.html')).toBe(false);
  });

  it('denies every permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(decidePermission(permission)).toBe(false);
    }
  });

  it('trusts only our window, main frame, our origin', () => {
    const trusted = { webContentsIds: new Set([7]) };
    expect(isTrustedIpcSender({ webContentsId: 7, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true }, trusted)).toBe(true);
    expect(isTrustedIpcSender({ webContentsId: 8, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedIpcSender({ webContentsId: 7, frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedIpcSender({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedIpcSender({ webContentsId: 7, frameUrl: null, isMainFrame: true }, trusted)).toBe(false);
  });
});

describe('app:// asset paths', () => {
  it('maps files inside the renderer folder', () => {
    expect(resolveAppAssetPath(`${APP_ORIGIN}/`)).toBe('index.html');
    expect(resolveAppAssetPath(`${APP_ORIGIN}/assets/index.js`)).toBe('assets/index.js');
  });

  it('lets the URL parser resolve dot segments first, so they never escape the root', () => {
    expect(resolveAppAssetPath(`${APP_ORIGIN}/%2e%2e/secret`)).toBe('secret');
  });

  it.each([
    `${APP_ORIGIN}/assets/..%2f..%2fetc/passwd`,
    `${APP_ORIGIN}/a%5cb`,
    `${APP_ORIGIN}/a%00b`,
    `${APP_ORIGIN}/%E0%A4%A`,
    'app://other-host/index.html',
    'https://rdp-broker/index.html',
  ])('refuses %s', (url) => expect(resolveAppAssetPath(url)).toBeNull());
});
