import { type ChildProcess, spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { AppError, isAppError } from '../../shared/errors/app-error';
import type { LaunchPlan } from '../../shared/rdp/launch-plan';
import type { RdpSettingsInput } from '../../shared/rdp/rdp-settings';
import { buildRdpText, DEFAULT_RDP_ENCODING, encodeRdpFile, type RdpFileEncoding } from '../../shared/rdp/write-rdp';

/**
 * The side effects of connecting: write the .rdp file into a private temp directory, start the client, and remove
 * the file once the client has read it. Each launch owns its directory; nothing is left behind on failure.
 */

/** A written launch file. `cleanup()` removes the whole directory and may be called more than once. */
export interface RdpTempFile {
  readonly dir: string;
  readonly file: string;
  cleanup(): Promise<void>;
}

/** `child_process.spawn` as we call it; injectable for tests. */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/** How long a client must survive before we call the start successful. */
export const DEFAULT_EARLY_EXIT_MS = 3_000;
/** How long the .rdp file stays on disk after a successful start (clients read it at start-up). */
export const DEFAULT_CLEANUP_DELAY_MS = 60_000;

const TEMP_PREFIX = 'rdp-broker-';

/**
 * Spawn options for every client. `shell: false`: the argv goes to the program as-is, nothing is interpreted.
 * `detached` + `stdio: 'ignore'`: the client outlives the app and holds none of our pipes.
 * `windowsHide: false` on purpose: Node maps `windowsHide` to libuv's UV_PROCESS_WINDOWS_HIDE, which sets
 * STARTUPINFO.wShowWindow = SW_HIDE, and a GUI program such as mstsc honours that on its first ShowWindow, so its
 * window would never appear (electron/electron#15467, fixed by #15512 with windowsHide: false). mstsc is a GUI
 * program, so there is no console window to hide.
 */
const SPAWN_OPTIONS: SpawnOptions = Object.freeze({
  shell: false,
  detached: true,
  stdio: 'ignore',
  windowsHide: false,
});

/** File name for the launch file: the host, reduced to characters safe on every file system. */
function launchFileName(settings: RdpSettingsInput): string {
  const host = typeof settings.host === 'string' ? settings.host : '';
  const safe = host.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 100);
  return `${safe === '' ? 'connection' : safe}.rdp`;
}

async function writeOnce(file: string, bytes: Uint8Array, mode: number): Promise<void> {
  // 'wx': fail rather than follow or overwrite anything already there.
  const handle = await open(file, 'wx', mode);
  try {
    await handle.writeFile(bytes);
  } finally {
    await handle.close();
  }
}

function writeFailed(message: string, cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new AppError('RDP_WRITE_FAILED', message, code === undefined ? undefined : { errno: code }, { cause });
}

/**
 * Writes the .rdp file for one launch: validates and encodes FIRST (an invalid value fails before anything exists
 * on disk), then creates a private directory (mode 0700) under `tmpRoot` and writes the file once (mode 0600).
 */
export async function writeRdpForLaunch(
  settings: RdpSettingsInput,
  encoding: RdpFileEncoding = DEFAULT_RDP_ENCODING,
  tmpRoot: string = os.tmpdir(),
): Promise<RdpTempFile> {
  const bytes = encodeRdpFile(buildRdpText(settings), encoding);
  let dir: string;
  try {
    dir = await mkdtemp(path.join(tmpRoot, TEMP_PREFIX));
  } catch (cause) {
    throw writeFailed(`could not create a temporary directory in ${tmpRoot}`, cause);
  }
  const cleanup = async (): Promise<void> => {
    await rm(dir, { recursive: true, force: true });
  };
  const file = path.join(dir, launchFileName(settings));
  try {
    await chmod(dir, 0o700);
    await writeOnce(file, bytes, 0o600);
  } catch (cause) {
    await cleanup();
    throw writeFailed(`could not write ${file}`, cause);
  }
  return { dir, file, cleanup };
}

/** Options for {@link launchClient}. */
export interface LaunchClientOptions {
  readonly spawn?: SpawnFn;
  /** A non-zero exit within this time is reported as a failure. */
  readonly earlyExitMs?: number;
}

/** A started client. `exitedEarly` = it already exited with code 0 (e.g. `open` on macOS hands over and exits). */
export interface LaunchResult {
  readonly pid: number | undefined;
  readonly exitedEarly: boolean;
}

function spawnError(plan: LaunchPlan, cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new AppError('RDP_CLIENT_NOT_FOUND', `${plan.executable} does not exist`, { client: plan.client }, { cause });
  }
  return new AppError(
    'RDP_CLIENT_FAILED',
    `could not start ${plan.executable}: ${cause instanceof Error ? cause.message : String(cause)}`,
    { client: plan.client, ...(code === undefined ? {} : { errno: code }) },
    { cause },
  );
}

/**
 * Starts the client from a plan: argv array, no shell, detached. Resolves once the client has run for
 * `earlyExitMs` (or exited with 0 before that); rejects with RDP_CLIENT_FAILED `{ exitCode, signal }` when it exits
 * non-zero in that window, and RDP_CLIENT_NOT_FOUND when the executable does not exist.
 */
export async function launchClient(plan: LaunchPlan, options: LaunchClientOptions = {}): Promise<LaunchResult> {
  const spawnFn = options.spawn ?? nodeSpawn;
  const earlyExitMs = options.earlyExitMs ?? DEFAULT_EARLY_EXIT_MS;
  if (!path.isAbsolute(plan.executable)) {
    throw new AppError('RDP_CLIENT_NOT_FOUND', `client path ${plan.executable} is not absolute`, { client: plan.client });
  }
  let child: ChildProcess;
  try {
    child = spawnFn(plan.executable, plan.args, SPAWN_OPTIONS);
  } catch (cause) {
    throw spawnError(plan, cause);
  }
  return new Promise<LaunchResult>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      // Keep a listener: an 'error' event without one would crash the app later.
      child.removeListener('error', onError);
      child.on('error', () => undefined);
      action();
    };
    const onError = (error: Error): void => settle(() => reject(spawnError(plan, error)));
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      settle(() => {
        if (code === 0) {
          resolve({ pid: child.pid, exitedEarly: true });
          return;
        }
        reject(
          new AppError('RDP_CLIENT_FAILED', `${plan.client} exited with ${code ?? signal ?? 'unknown'} right after start`, {
            client: plan.client,
            exitCode: code,
            signal,
          }),
        );
      });
    const timer = setTimeout(
      () =>
        settle(() => {
          child.unref();
          resolve({ pid: child.pid, exitedEarly: false });
        }),
      earlyExitMs,
    );
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

/** Options for {@link RdpSessions}. */
export interface RdpSessionsOptions {
  /** Parent of the per-launch directories; defaults to `os.tmpdir()`. */
  readonly tmpRoot?: string;
  readonly cleanupDelayMs?: number;
  readonly earlyExitMs?: number;
  readonly spawn?: SpawnFn;
}

/** Outcome of {@link RdpSessions.launch}. */
export interface RdpLaunchOutcome extends LaunchResult {
  readonly plan: LaunchPlan;
  readonly file: string;
}

/**
 * Owns the launch files of this app instance: writes them, starts clients, removes each file after the client had
 * time to read it, and removes all remaining ones on exit ({@link RdpSessions.disposeAll}).
 */
export class RdpSessions {
  private readonly pending = new Map<string, NodeJS.Timeout | undefined>();

  constructor(private readonly options: RdpSessionsOptions = {}) {}

  /** Writes a launch file into a new private directory; the directory is tracked until cleaned up. */
  async writeRdpForLaunch(
    settings: RdpSettingsInput,
    encoding: RdpFileEncoding = DEFAULT_RDP_ENCODING,
  ): Promise<RdpTempFile> {
    const temp = await writeRdpForLaunch(settings, encoding, this.options.tmpRoot);
    this.pending.set(temp.dir, undefined);
    return {
      dir: temp.dir,
      file: temp.file,
      cleanup: async () => {
        this.forget(temp.dir);
        await temp.cleanup();
      },
    };
  }

  /**
   * Writes the file, plans the launch for its path, starts the client and schedules the file's removal. On any
   * failure the file is removed at once and the error is rethrown.
   */
  async launch(
    settings: RdpSettingsInput,
    planFor: (rdpFilePath: string) => LaunchPlan,
    encoding: RdpFileEncoding = DEFAULT_RDP_ENCODING,
  ): Promise<RdpLaunchOutcome> {
    const temp = await this.writeRdpForLaunch(settings, encoding);
    try {
      const plan = planFor(temp.file);
      const result = await launchClient(plan, { spawn: this.options.spawn, earlyExitMs: this.options.earlyExitMs });
      this.scheduleCleanup(temp);
      return { ...result, plan, file: temp.file };
    } catch (error) {
      await temp.cleanup();
      throw isAppError(error) ? error : new AppError('INTERNAL', 'launch failed', undefined, { cause: error });
    }
  }

  /** Removes the launch file's directory after the configured delay (the timer does not keep the app alive). */
  scheduleCleanup(temp: RdpTempFile): void {
    const timer = setTimeout(() => {
      void temp.cleanup().catch(() => undefined);
    }, this.options.cleanupDelayMs ?? DEFAULT_CLEANUP_DELAY_MS);
    timer.unref();
    this.pending.set(temp.dir, timer);
  }

  /** Directories written and not yet removed. */
  pendingDirectories(): string[] {
    return [...this.pending.keys()];
  }

  /**
   * Removes every remaining launch directory now. Synchronous so it completes inside an app-quit handler, where
   * pending promises may never run.
   */
  disposeAll(): void {
    for (const dir of this.pending.keys()) {
      this.forget(dir);
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Best effort at exit (e.g. a client still holds the file open on Windows); the OS temp cleaner remains.
      }
    }
  }

  private forget(dir: string): void {
    const timer = this.pending.get(dir);
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(dir);
  }
}
