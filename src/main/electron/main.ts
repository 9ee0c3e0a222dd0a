import { type BrowserWindow, app, dialog, net, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createElectronDocumentStore } from './electron-document-store';
import { forwardEvents, registerIpcHandlers } from './ipc-main';
import { createElectronLogger } from './electron-logger';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { toLogCallback } from '../logging/logger';
import { createMainWindow, hardenSession } from './main-window';
import { openAllowedExternal, openFolder, openSignInPage, openSimulatorPage } from './safe-shell';
import { type AssembledBroker, assembleBroker } from '../core/assemble';
import { startDemoEnvironment } from '../demo/demo-environment';
import { toBrowserAuthorizeUrl } from '../../simulator/index';
import { APP_SCHEME, isAllowedNavigation, resolveAppAssetPath } from '../security/policy';
import { azureClouds, cloudNameSchema } from '../../shared/clouds';
import { findDeepLinkArgument } from '../../shared/deep-link';

// macOS delivers rdp-broker:// links through open-url, possibly before `ready`; keep them until the core exists.
const earlyLinks: string[] = [];
let deliverLink: (url: string) => void = (url) => earlyLinks.push(url);
app.on('open-url', (event, url) => {
  event.preventDefault();
  deliverLink(url);
});

// Must run before `ready`: app:// behaves like https (standard, secure), so the renderer gets a real origin that
// CSP and the IPC sender check can rely on, instead of file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAsDefaultProtocolClient('rdp-broker');
  void start();
}

// Every web contents, present or future, is locked: no navigation away from the app, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (navigation, url) => {
    if (!isAllowedNavigation(url)) navigation.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (attach) => attach.preventDefault());
});

async function start(): Promise<void> {
  const { logger, logsDir } = createElectronLogger();
  const logWarn = toLogCallback(logger);
  await app.whenReady();
  hardenSession(session.defaultSession);

  const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(APP_SCHEME, (request) => {
    const relative = resolveAppAssetPath(request.url);
    if (relative === null) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(join(rendererDir, relative)).toString());
  });

  let mainWindow: BrowserWindow | null = null;
  const broker = await createBroker(process.argv.includes('--demo'), () => mainWindow?.getNativeWindowHandle(), logWarn, logsDir);

  const window = createMainWindow(join(app.getAppPath(), 'dist', 'preload', 'preload.cjs'));
  mainWindow = window;
  const trusted = new Set<number>([window.webContents.id]);
  const unregister = registerIpcHandlers(broker.handlers, trusted, logWarn);
  const stopForwarding = forwardEvents(broker.events, window.webContents);
  const settingsRecovery = broker.services.settings.recovery;
  if (settingsRecovery) {
    // The renderer has no settings notice; a damaged settings file is rare enough for one dialog at start.
    void dialog.showMessageBox(window, {
      type: 'warning',
      title: 'Settings were repaired',
      message: 'Your settings file was damaged. Readable settings were kept; the others are back to their defaults.',
      detail: `The damaged file was kept as ${settingsRecovery.keptAs} in ${app.getPath('userData')}.\n\n${settingsRecovery.problems.join('\n')}`,
    });
  }

  deliverLink = (url) => {
    broker.services.deepLinks.receive(url);
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  const startLink = findDeepLinkArgument(process.argv);
  for (const url of [...earlyLinks.splice(0), ...(startLink ? [startLink] : [])]) deliverLink(url);

  // Windows and Linux start a second instance with the link as an argument; the lock sends it here.
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkArgument(argv);
    if (link) deliverLink(link);
    else {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopForwarding();
    unregister();
    void broker.dispose();
  });
}

/**
 * The real tenant, or with `--demo` the built-in simulated tenant (in this process only: its certificate is trusted
 * by this process's transport and nothing else; sign-in pages open in the system browser over loopback).
 */
async function createBroker(
  demo: boolean,
  windowHandle: () => Buffer | undefined,
  logWarn: (message: string, meta: Record<string, unknown>) => void,
  logsDir: string,
): Promise<AssembledBroker> {
  if (demo) {
    const environment = await startDemoEnvironment({
      version: app.getVersion(),
      openBrowser: (url, simulator) => openSimulatorPage(toBrowserAuthorizeUrl(simulator, url)),
      log: logWarn,
    });
    app.on('will-quit', () => void environment.stop());
    return environment.broker;
  }
  const authorityHosts = cloudNameSchema.options.map((cloud) => azureClouds(cloud).authorityHost);
  return assembleBroker({
    mode: 'desktop',
    version: app.getVersion(),
    platform: process.platform,
    clouds: azureClouds,
    // Favorites and settings.json in userData through electron-store (recovery of damaged files is in the services).
    openDocument: createElectronDocumentStore,
    clientIdOverride: process.env.RDP_BROKER_CLIENT_ID,
    openBrowser: (url) => openSignInPage(url, authorityHosts),
    openExternal: openAllowedExternal,
    launchClients: true,
    log: logWarn,
    // Tokens at rest are encrypted by the OS (DPAPI, Keychain, libsecret); if that is unavailable they stay in memory.
    tokenCache: { dir: join(app.getPath('userData'), 'auth'), cipher: await createSafeStorageCipher(safeStorage, process.platform) },
    nativeBroker: { windowHandle },
    dataDir: app.getPath('userData'),
    appData: {
      logsDir,
      settingsFile: join(app.getPath('userData'), 'settings.json'),
      openFolder,
      clearHostCache: async () => {
        await session.defaultSession.clearCache();
        return ['Web cache'];
      },
    },
  });
}
