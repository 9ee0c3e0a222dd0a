import { AppError } from '../errors/app-error';
import type { RdpSettings } from './rdp-settings';
import { classifyHost, hasForbiddenCharacter } from './values';

/**
 * Pure launch planning: which executable, with which argv, for a written .rdp file. No spawning, no file system,
 * no PATH lookup here (the Node adapter resolves what is installed and passes it in).
 */

/** Platforms with an RDP client we know how to start. */
export type LaunchPlatform = 'win32' | 'darwin' | 'linux';

/** Linux clients in order of preference. `xfreerdp3` is FreeRDP 3 (the only one with Entra web sign-in). */
export type LinuxClientKind = 'xfreerdp3' | 'xfreerdp' | 'remmina';
/** Linux clients, most preferred first. */
export const LINUX_CLIENT_KINDS: readonly LinuxClientKind[] = ['xfreerdp3', 'xfreerdp', 'remmina'];

/** macOS apps in order of preference: Windows App replaced Microsoft Remote Desktop in 2024. */
export type MacAppName = 'Windows App' | 'Microsoft Remote Desktop';
/** macOS apps, most preferred first. */
export const MAC_APP_NAMES: readonly MacAppName[] = ['Windows App', 'Microsoft Remote Desktop'];

/** A Linux client found on this machine, with its absolute path. */
export interface LinuxClient {
  readonly kind: LinuxClientKind;
  readonly path: string;
}

/** What the adapter found installed. */
export interface AvailableClients {
  /** Windows: whether mstsc.exe exists at {@link windowsMstscPath}. */
  readonly mstsc?: boolean;
  readonly linuxClients: readonly LinuxClient[];
  readonly macApps: readonly MacAppName[];
}

/** Facts about the running process that decide the Windows path. */
export interface LaunchEnvironment {
  /** `%SystemRoot%`, e.g. `C:\Windows`. */
  readonly systemRoot?: string;
  /** A 32-bit process on 64-bit Windows sees a redirected System32; it must use SysNative. */
  readonly is32BitProcessOn64BitWindows?: boolean;
}

/** Input of {@link planLaunch}. */
export interface LaunchRequest {
  readonly platform: LaunchPlatform;
  /** Absolute path of the written .rdp file. */
  readonly rdpFilePath: string;
  readonly settings: Pick<RdpSettings, 'auth' | 'host'>;
  readonly env: LaunchEnvironment;
  readonly available: AvailableClients;
  /** A client the user configured; already checked by the adapter, checked again here. */
  readonly customClientPath?: string;
  /** Passwords never go on a command line (other local users can read argv). */
  readonly password?: never;
}

/** Which client a plan starts. */
export type ClientKind = 'mstsc' | 'windows-app' | 'microsoft-remote-desktop' | LinuxClientKind | 'custom';

/** The result: run `executable` with `args`, no shell. `notes` are limitations worth telling the user. */
export interface LaunchPlan {
  readonly client: ClientKind;
  readonly executable: string;
  readonly args: string[];
  readonly notes: string[];
}

/** The one place macOS programs are started from: LaunchServices resolves the app by name. */
export const MAC_OPEN = '/usr/bin/open';

function notFound(platform: LaunchPlatform, message: string, hint: string): AppError {
  return new AppError('RDP_CLIENT_NOT_FOUND', message, { platform, hint });
}

function isAbsoluteFor(platform: LaunchPlatform, path: string): boolean {
  // Windows: a drive-letter path only; UNC paths would run a program from a network share.
  return platform === 'win32' ? /^[A-Za-z]:\\/.test(path) : path.startsWith('/');
}

/** Base name of a path, lower-cased, for either separator. */
function baseName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? '').toLowerCase();
}

const INTERPRETER_NAMES = new Set([
  'cmd',
  'command',
  'powershell',
  'powershell_ise',
  'pwsh',
  'wsl',
  'bash',
  'sh',
  'dash',
  'zsh',
  'ksh',
  'csh',
  'tcsh',
  'fish',
  'busybox',
  'env',
  'sudo',
  'su',
  'doas',
  'pkexec',
  'xargs',
  'nohup',
  'perl',
  'ruby',
  'php',
  'lua',
  'node',
  'nodejs',
  'deno',
  'bun',
  'java',
  'osascript',
  'wscript',
  'cscript',
  'mshta',
  'rundll32',
  'regsvr32',
  'msiexec',
  'conhost',
  'explorer',
  'start',
  'open',
  'xdg-open',
  'gio',
]);

const SCRIPT_EXTENSIONS = /\.(?:bat|cmd|ps1|psm1|vbs|vbe|js|jse|mjs|wsf|wsh|hta|sh|bash|zsh|py|pyw|pl|rb|php|command|scpt|applescript|lnk|url|msi|reg)$/;

/**
 * Checks a user-configured client path: absolute, no control characters, and not a shell, script interpreter or
 * script file (the .rdp path would become its "script" argument). Throws RDP_INVALID_VALUE.
 */
export function checkCustomClientPath(platform: LaunchPlatform, path: string): void {
  const fail = (message: string): never => {
    throw new AppError('RDP_INVALID_VALUE', message, { field: 'customClientPath' });
  };
  if (hasForbiddenCharacter(path) || path.includes('"')) fail('client path contains control characters or quotes');
  if (!isAbsoluteFor(platform, path)) fail('client path must be absolute');
  const name = baseName(path);
  const stem = name.replace(/\.exe$/, '');
  if (INTERPRETER_NAMES.has(stem) || /^python[0-9.]*w?$/.test(stem)) {
    fail(`"${name}" is a shell or interpreter, not an RDP client`);
  }
  if (SCRIPT_EXTENSIONS.test(name)) fail(`"${name}" is a script, not an RDP client`);
}

function checkRdpFilePath(platform: LaunchPlatform, path: string): void {
  const fail = (message: string): never => {
    throw new AppError('RDP_INVALID_VALUE', message, { field: 'rdpFilePath' });
  };
  if (hasForbiddenCharacter(path) || path.includes('"')) fail('.rdp path contains control characters or quotes');
  if (!isAbsoluteFor(platform, path)) fail('.rdp path must be absolute');
  // FreeRDP only treats argv[1] as a connection file when it ends in ".rdp" (rdp-real-client.md §2).
  if (!/\.rdp$/i.test(path)) fail('.rdp path must end in .rdp');
}

/**
 * Absolute path of mstsc.exe: `%SystemRoot%\System32\mstsc.exe`, or `%SystemRoot%\Sysnative\mstsc.exe` from a
 * 32-bit process on 64-bit Windows (System32 is redirected to SysWOW64 there). Never a PATH lookup.
 */
export function windowsMstscPath(env: LaunchEnvironment): string | undefined {
  const root = env.systemRoot?.replace(/\\+$/, '');
  if (root === undefined || hasForbiddenCharacter(root) || !/^[A-Za-z]:(?:\\[^\\/:*?"<>|]+)*$/.test(root)) {
    return undefined;
  }
  return `${root}\\${env.is32BitProcessOn64BitWindows === true ? 'Sysnative' : 'System32'}\\mstsc.exe`;
}

const FREERDP_NAME = /^(?:x|wl|sdl-)?freerdp(3)?$/;

/** argv for a FreeRDP binary: the file FIRST (FreeRDP only reads argv[1] as a file), then options. */
function freerdpArgs(isFreeRdp3: boolean, request: LaunchRequest, notes: string[]): string[] {
  const args = [request.rdpFilePath];
  if (request.settings.auth === 'web-account') {
    if (isFreeRdp3) {
      args.push('/sec:aad');
    } else {
      notes.push(
        'FreeRDP 2 has no Microsoft Entra web sign-in: the connection will ask for a password instead. Install FreeRDP 3 (freerdp3-x11) for web-account sign-in.',
      );
    }
  }
  if (classifyHost(request.settings.host) === 'ipv6') {
    notes.push('FreeRDP may not connect to a bracketed IPv6 address; use a host name if the connection fails.');
  }
  return args;
}

function planCustom(request: LaunchRequest, path: string): LaunchPlan {
  checkCustomClientPath(request.platform, path);
  const notes: string[] = [];
  const name = baseName(path);
  const freerdp = FREERDP_NAME.exec(name.replace(/\.exe$/, ''));
  if (freerdp) {
    return { client: 'custom', executable: path, args: freerdpArgs(freerdp[1] === '3', request, notes), notes };
  }
  if (name === 'remmina') return { client: 'custom', executable: path, args: ['-c', request.rdpFilePath], notes };
  if (request.platform === 'darwin' && name.endsWith('.app')) {
    return { client: 'custom', executable: MAC_OPEN, args: ['-a', path, request.rdpFilePath], notes };
  }
  return { client: 'custom', executable: path, args: [request.rdpFilePath], notes };
}

function planWindows(request: LaunchRequest): LaunchPlan {
  const executable = windowsMstscPath(request.env);
  if (executable === undefined) {
    throw notFound('win32', 'SystemRoot is not set, so mstsc.exe cannot be located', 'mstsc-missing');
  }
  if (request.available.mstsc !== true) {
    throw notFound(
      'win32',
      `mstsc.exe was not found at ${executable}; Remote Desktop Connection is part of Windows but can be removed by policy`,
      'mstsc-missing',
    );
  }
  return { client: 'mstsc', executable, args: [request.rdpFilePath], notes: [] };
}

function planMac(request: LaunchRequest): LaunchPlan {
  const app = MAC_APP_NAMES.find((name) => request.available.macApps.includes(name));
  if (app === undefined) {
    throw notFound(
      'darwin',
      'neither Windows App nor Microsoft Remote Desktop is installed; install Windows App from the Mac App Store',
      'install-windows-app',
    );
  }
  return {
    client: app === 'Windows App' ? 'windows-app' : 'microsoft-remote-desktop',
    executable: MAC_OPEN,
    args: ['-a', app, request.rdpFilePath],
    notes: [],
  };
}

function planLinux(request: LaunchRequest): LaunchPlan {
  const client = LINUX_CLIENT_KINDS.map((kind) => request.available.linuxClients.find((c) => c.kind === kind)).find(
    (c) => c !== undefined,
  );
  if (client === undefined) {
    throw notFound(
      'linux',
      'no RDP client (xfreerdp3, xfreerdp or remmina) was found on PATH; install FreeRDP 3: sudo apt install freerdp3-x11',
      'install-freerdp3',
    );
  }
  if (!isAbsoluteFor('linux', client.path)) {
    throw notFound('linux', `client path "${client.path}" is not absolute`, 'install-freerdp3');
  }
  const notes: string[] = [];
  if (client.kind === 'remmina') {
    if (request.settings.auth === 'web-account') {
      notes.push('Remmina may not support Microsoft Entra web sign-in; FreeRDP 3 (freerdp3-x11) does.');
    }
    return { client: 'remmina', executable: client.path, args: ['-c', request.rdpFilePath], notes };
  }
  const args = freerdpArgs(client.kind === 'xfreerdp3', request, notes);
  return { client: client.kind, executable: client.path, args, notes };
}

/**
 * Builds the argv to open an .rdp file on this platform. Throws RDP_CLIENT_NOT_FOUND (details: platform, hint =
 * `mstsc-missing` | `install-windows-app` | `install-freerdp3`) or RDP_INVALID_VALUE for a bad path.
 */
export function planLaunch(request: LaunchRequest): LaunchPlan {
  checkRdpFilePath(request.platform, request.rdpFilePath);
  if (request.customClientPath !== undefined) return planCustom(request, request.customClientPath);
  switch (request.platform) {
    case 'win32':
      return planWindows(request);
    case 'darwin':
      return planMac(request);
    case 'linux':
      return planLinux(request);
  }
}
