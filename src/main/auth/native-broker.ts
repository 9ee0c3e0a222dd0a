import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { INativeBrokerPlugin } from '@azure/msal-node';

import type { AuthLogger } from './cache-cipher';

/** Produces the Windows broker (WAM) plugin; injected so tests and non-Windows builds never touch native code. */
export type NativeBrokerLoader = () => Promise<INativeBrokerPlugin>;

/** Whether the broker is in use and, if not, why (shown in diagnostics; a fallback is never silent). */
export type BrokerState =
  | { readonly kind: 'in-use' }
  | { readonly kind: 'off'; readonly reason: 'disabled' | 'not-windows' }
  | { readonly kind: 'fallback'; readonly reason: 'load-failed' | 'unavailable'; readonly detail: string };

/** The broker plugin when it can be used, else null and the reason the browser flow is used instead. */
export interface BrokerChoice {
  readonly plugin: INativeBrokerPlugin | null;
  readonly state: BrokerState;
}

const EXTENSIONS_PACKAGE = '@azure/msal-node-extensions';

/**
 * The broker module inside @azure/msal-node-extensions (pinned to 5.6.1: this path is internal to that version; the
 * integration test loads it from here, so a version bump that moves it fails the suite).
 *
 * Why not the package's entry point: it eagerly loads keytar for its persistence classes, and keytar's native build is
 * denied at install (`allowScripts`; we encrypt the token cache with safeStorage and never need keytar). The broker
 * module needs only @azure/msal-node-runtime, which ships N-API binaries for every platform, so it loads in Node and in
 * Electron without a rebuild.
 */
export const BROKER_MODULE_PATH = 'dist/broker/NativeBrokerPlugin.mjs';

/** Loads `NativeBrokerPlugin` from the installed @azure/msal-node-extensions. */
export const loadMsalExtensionsBroker: NativeBrokerLoader = async () => {
  const packageJson = createRequire(import.meta.url).resolve(`${EXTENSIONS_PACKAGE}/package.json`);
  const moduleUrl = pathToFileURL(join(dirname(packageJson), BROKER_MODULE_PATH)).href;
  const loaded = (await import(/* @vite-ignore */ moduleUrl)) as unknown;
  const ctor = (loaded as { NativeBrokerPlugin?: unknown }).NativeBrokerPlugin;
  if (typeof ctor !== 'function') throw new Error(`${EXTENSIONS_PACKAGE} has no NativeBrokerPlugin at ${BROKER_MODULE_PATH}`);
  return new (ctor as new () => INativeBrokerPlugin)();
};

/**
 * Decides whether to use WAM: only on Windows, only when the setting is on, and only when the native plugin loads and
 * says the broker is available. Anything else falls back to the system browser; MSAL itself would not fall back.
 */
export async function chooseNativeBroker(options: {
  readonly enabled: boolean;
  readonly platform: NodeJS.Platform;
  readonly load: NativeBrokerLoader;
  readonly log: AuthLogger;
}): Promise<BrokerChoice> {
  if (!options.enabled) return { plugin: null, state: { kind: 'off', reason: 'disabled' } };
  if (options.platform !== 'win32') return { plugin: null, state: { kind: 'off', reason: 'not-windows' } };
  let plugin: INativeBrokerPlugin;
  try {
    plugin = await options.load();
  } catch (error: unknown) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    options.log('auth: Windows broker could not be loaded; using the system browser', { detail });
    return { plugin: null, state: { kind: 'fallback', reason: 'load-failed', detail } };
  }
  if (!plugin.isBrokerAvailable) {
    const detail = 'The native broker reported it is not available on this system.';
    options.log('auth: Windows broker unavailable; using the system browser', { detail });
    return { plugin: null, state: { kind: 'fallback', reason: 'unavailable', detail } };
  }
  return { plugin, state: { kind: 'in-use' } };
}
