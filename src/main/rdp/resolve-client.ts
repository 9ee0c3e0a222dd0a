import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

import { AppError } from '../../shared/errors/app-error';
import {
  type AvailableClients,
  checkCustomClientPath,
  type LaunchEnvironment,
  type LaunchPlatform,
  LINUX_CLIENT_KINDS,
  type LinuxClient,
  MAC_APP_NAMES,
  type MacAppName,
  windowsMstscPath,
} from '../../shared/rdp/launch-plan';

/** Environment variables as `process.env` holds them. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** What client resolution needs from the outside world; injected so tests need no real clients. */
export interface ResolveClientDeps {
  readonly platform: NodeJS.Platform;
  readonly env: EnvVars;
  /** `process.arch`; decides SysNative on Windows. */
  readonly arch?: string;
  /** True when the path exists and can be used: an executable file, or an app bundle directory on macOS. */
  readonly fileExists?: (absolutePath: string) => Promise<boolean>;
}

/** The platform as the launch planner knows it; throws RDP_PLATFORM_UNSUPPORTED for anything else. */
export function toLaunchPlatform(platform: NodeJS.Platform): LaunchPlatform {
  if (platform === 'win32' || platform === 'darwin' || platform === 'linux') return platform;
  throw new AppError('RDP_PLATFORM_UNSUPPORTED', `no RDP client support on ${platform}`, { platform });
}

/** Reads a variable case-insensitively: Windows variable names are case-insensitive but a plain object is not. */
function readEnv(env: EnvVars, name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key];
}

/** The Windows facts the planner needs: `%SystemRoot%`, and whether this is a 32-bit process on 64-bit Windows. */
export function readLaunchEnvironment(deps: Pick<ResolveClientDeps, 'env' | 'arch' | 'platform'>): LaunchEnvironment {
  if (deps.platform !== 'win32') return {};
  const systemRoot = readEnv(deps.env, 'SystemRoot');
  // WOW64 sets PROCESSOR_ARCHITEW6432 for 32-bit processes only.
  const is32BitProcessOn64BitWindows = deps.arch === 'ia32' && readEnv(deps.env, 'PROCESSOR_ARCHITEW6432') !== undefined;
  return systemRoot === undefined ? { is32BitProcessOn64BitWindows } : { systemRoot, is32BitProcessOn64BitWindows };
}

/** Default existence check: a directory (app bundle) or a file we may execute. */
export async function isUsableClientPath(absolutePath: string): Promise<boolean> {
  try {
    const info = await stat(absolutePath);
    if (info.isDirectory()) return absolutePath.endsWith('.app');
    if (!info.isFile()) return false;
    if (process.platform !== 'win32') await access(absolutePath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Absolute directories from PATH, in order. Relative entries (`.`, empty) are skipped on purpose: they would make
 * the client depend on the current directory.
 */
function pathDirectories(env: EnvVars): string[] {
  const value = readEnv(env, 'PATH') ?? '/usr/local/bin:/usr/bin:/bin';
  return [...new Set(value.split(':').filter((dir) => dir.startsWith('/')))];
}

/**
 * Finds the installed RDP clients for the platform. Windows: only `%SystemRoot%\System32\mstsc.exe` (never PATH);
 * Linux: xfreerdp3, xfreerdp, remmina on PATH; macOS: Windows App / Microsoft Remote Desktop bundles.
 */
export async function resolveAvailableClients(deps: ResolveClientDeps): Promise<AvailableClients> {
  const fileExists = deps.fileExists ?? isUsableClientPath;
  const platform = toLaunchPlatform(deps.platform);
  if (platform === 'win32') {
    const mstsc = windowsMstscPath(readLaunchEnvironment(deps));
    return { mstsc: mstsc !== undefined && (await fileExists(mstsc)), linuxClients: [], macApps: [] };
  }
  if (platform === 'darwin') {
    const home = readEnv(deps.env, 'HOME');
    const macApps: MacAppName[] = [];
    for (const app of MAC_APP_NAMES) {
      const candidates = [`/Applications/${app}.app`, ...(home?.startsWith('/') ? [`${home}/Applications/${app}.app`] : [])];
      for (const candidate of candidates) {
        if (await fileExists(candidate)) {
          macApps.push(app);
          break;
        }
      }
    }
    return { linuxClients: [], macApps };
  }
  const linuxClients: LinuxClient[] = [];
  const directories = pathDirectories(deps.env);
  for (const kind of LINUX_CLIENT_KINDS) {
    for (const dir of directories) {
      const candidate = path.posix.join(dir, kind);
      if (await fileExists(candidate)) {
        linuxClients.push({ kind, path: candidate });
        break;
      }
    }
  }
  return { linuxClients, macApps: [] };
}

/**
 * Validates the client path from settings: absolute, not a shell or script interpreter, and present. Returns the
 * path; throws RDP_INVALID_VALUE (bad path) or RDP_CLIENT_NOT_FOUND (missing).
 */
export async function validateCustomClientPath(clientPath: string, deps: ResolveClientDeps): Promise<string> {
  const platform = toLaunchPlatform(deps.platform);
  checkCustomClientPath(platform, clientPath);
  const fileExists = deps.fileExists ?? isUsableClientPath;
  if (!(await fileExists(clientPath))) {
    throw new AppError('RDP_CLIENT_NOT_FOUND', `the configured RDP client ${clientPath} does not exist or cannot run`, {
      platform,
      hint: 'custom-client-missing',
    });
  }
  return clientPath;
}
