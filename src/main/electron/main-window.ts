import { BrowserWindow, type Session, app } from 'electron';
import { join } from 'node:path';

import { openAllowedExternal } from './safe-shell';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  buildWebPreferences,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
} from '../security/policy';

/** Session-wide guards: deny every permission, and send the CSP header with every app:// response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** The main window, built from the pure security policy. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'RDP Broker',
    icon: join(app.getAppPath(), 'assets', 'icon.png'),
    // The three critical flags are restated literally so static scanners (Electronegativity) see them here too;
    // the policy module is the source of truth and its tests pin the same values.
    webPreferences: {
      ...buildWebPreferences(preloadPath, { devTools: !app.isPackaged }),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void openAllowedExternal(url).catch(() => undefined);
    return { action: decision.action };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
