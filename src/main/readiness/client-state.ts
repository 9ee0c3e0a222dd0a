import { execFile as execFileCallback } from 'node:child_process';
import { release } from 'node:os';
import { promisify } from 'node:util';

import { parseDsregcmdStatus } from '../../shared/readiness/dsregcmd';
import type { ClientJoinResult, ClientState } from '../../shared/readiness/input';
import { parseUbr, parseWindowsBuild } from '../../shared/readiness/windows-build';

/** The promisified `child_process.execFile` shape the reader needs (argv array, never a shell). */
export type ExecFileFn = (
  file: string,
  args: readonly string[],
  options: { windowsHide: boolean; timeout: number; encoding: 'utf8'; maxBuffer: number },
) => Promise<{ stdout: string; stderr: string }>;

/** Everything `readClientState` touches, injected so tests run on any OS. */
export interface ClientStateDeps {
  readonly platform: string;
  readonly execFile: ExecFileFn;
  /** `os.release()`: "10.0.22631" on Windows (no UBR). */
  readonly osRelease: () => string;
  /** SystemRoot and PROCESSOR_ARCHITEW6432 (set for a 32-bit process on 64-bit Windows). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

/** The real dependencies: Node's execFile, os.release, process.platform and env. */
export function createNodeClientStateDeps(): ClientStateDeps {
  const run = promisify(execFileCallback);
  return {
    platform: process.platform,
    execFile: async (file, args, options) => {
      const { stdout, stderr } = await run(file, [...args], options);
      return { stdout, stderr };
    },
    osRelease: release,
    env: process.env,
  };
}

const CURRENT_VERSION_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const PKU2U_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\pku2u';

/**
 * Absolute path to System32, never a PATH lookup. A 32-bit process on 64-bit Windows is redirected to SysWOW64,
 * which has no dsregcmd.exe, so it goes through Sysnative.
 */
export function systemDirectory(env: Readonly<Record<string, string | undefined>> = {}): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT;
  const safeRoot = root !== undefined && /^[A-Za-z]:\\[^"<>|?*\r\n]*$/.test(root) ? root.replace(/\\+$/, '') : 'C:\\Windows';
  return `${safeRoot}\\${env.PROCESSOR_ARCHITEW6432 !== undefined ? 'Sysnative' : 'System32'}`;
}

/** Reads one value from `reg query <key> /v <name>` output: `    UBR    REG_DWORD    0x842`. */
export function parseRegQueryValue(output: string, valueName: string): { type: string; data: string } | null {
  for (const line of output.split(/\r\n|\r|\n/)) {
    const parts = line.trim().split(/\s{2,}|\t+/);
    const [name, type, ...rest] = parts;
    if (name === undefined || type === undefined || !/^REG_[A-Z_]+$/.test(type)) continue;
    if (name.toLowerCase() === valueName.toLowerCase()) return { type, data: rest.join(' ').trim() };
  }
  return null;
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; killed?: unknown; signal?: unknown; message?: unknown };
    if (e.killed === true || e.signal === 'SIGTERM') return 'timed out';
    if (typeof e.code === 'number' || typeof e.code === 'string') return `exit code ${e.code}`;
    if (typeof e.message === 'string') return e.message;
  }
  return String(error);
}

/** Output printed before a failure still counts (dsregcmd may print its status and exit non-zero). */
function stdoutOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stdout' in error && typeof error.stdout === 'string') {
    return error.stdout;
  }
  return '';
}

/**
 * Reads how this PC is joined and which Windows build it runs: `dsregcmd.exe /status` (non-elevated, in the user's
 * context as the dsregcmd doc requires), registry UBR and InstallationType, and the PKU2U AllowOnlineID policy.
 * Not Windows → `not-windows`; a part that fails is reported as unknown in that part; never throws.
 */
export async function readClientState(deps: ClientStateDeps): Promise<ClientState> {
  if (deps.platform !== 'win32') return { kind: 'not-windows', platform: deps.platform };
  try {
    const system = systemDirectory(deps.env);
    const options = { windowsHide: true, timeout: deps.timeoutMs ?? 10_000, encoding: 'utf8' as const, maxBuffer: 4 * 1024 * 1024 };
    const reg = (key: string, value: string): Promise<{ stdout: string; stderr: string }> =>
      deps.execFile(`${system}\\reg.exe`, ['query', key, '/v', value], options);

    const [dsreg, ubr, installation, pku2u] = await Promise.allSettled([
      deps.execFile(`${system}\\dsregcmd.exe`, ['/status'], options),
      reg(CURRENT_VERSION_KEY, 'UBR'),
      reg(CURRENT_VERSION_KEY, 'InstallationType'),
      reg(PKU2U_KEY, 'AllowOnlineID'),
    ]);

    let join: ClientJoinResult;
    if (dsreg.status === 'fulfilled') {
      join = parseDsregcmdStatus(dsreg.value.stdout);
    } else {
      const partial = stdoutOf(dsreg.reason);
      const parsed = partial === '' ? null : parseDsregcmdStatus(partial);
      join = parsed?.kind === 'parsed' ? parsed : { kind: 'unavailable', reason: `dsregcmd /status failed: ${describeError(dsreg.reason)}` };
    }

    const ubrValue = ubr.status === 'fulfilled' ? parseRegQueryValue(ubr.value.stdout, 'UBR') : null;
    const installationValue =
      installation.status === 'fulfilled' ? parseRegQueryValue(installation.value.stdout, 'InstallationType') : null;
    // A missing pku2u key makes reg exit 1: the policy is not configured, which is not the same as disabled.
    const pku2uValue = pku2u.status === 'fulfilled' ? parseRegQueryValue(pku2u.value.stdout, 'AllowOnlineID') : null;
    const pku2uNumber = pku2uValue === null ? null : parseUbr(pku2uValue.data);

    const installationType = installationValue?.data.toLowerCase() ?? '';
    return {
      kind: 'windows',
      build: parseWindowsBuild(deps.osRelease(), ubrValue?.data ?? null),
      installationType: installationType.startsWith('server') ? 'server' : installationType === 'client' ? 'client' : null,
      join,
      pku2uAllowOnlineId: pku2uNumber === null ? null : pku2uNumber !== 0,
    };
  } catch (error: unknown) {
    return { kind: 'unknown', reason: `could not read this PC's state: ${describeError(error)}` };
  }
}

/** Extra facts to pair with dsregcmd text read from a file (e.g. a `--dsregcmd-file` option, or a helpdesk capture). */
export interface DsregcmdFileExtras {
  /** Windows version, e.g. "10.0.22631.2861" or "10.0.19045" with `ubr`. */
  readonly osVersion?: string;
  readonly ubr?: string | number;
  readonly installationType?: 'client' | 'server';
  readonly pku2uAllowOnlineId?: boolean;
}

/** Builds a client state from saved `dsregcmd /status` output instead of running it. */
export function clientStateFromDsregcmdText(text: string, extras: DsregcmdFileExtras = {}): ClientState {
  return {
    kind: 'windows',
    build: extras.osVersion === undefined ? null : parseWindowsBuild(extras.osVersion, extras.ubr ?? null),
    installationType: extras.installationType ?? null,
    join: parseDsregcmdStatus(text),
    pku2uAllowOnlineId: extras.pku2uAllowOnlineId ?? null,
  };
}
