import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  launchClient,
  RdpSessions,
  type SpawnFn,
  writeRdpForLaunch,
} from '../../../src/main/rdp/rdp-session';
import { AppError } from '../../../src/shared/errors/app-error';
import type { LaunchPlan } from '../../../src/shared/rdp/launch-plan';
import type { RdpSettingsInput } from '../../../src/shared/rdp/rdp-settings';
import { buildRdpText, encodeRdpFile } from '../../../src/shared/rdp/write-rdp';

const SETTINGS: RdpSettingsInput = { host: 'vm01.contoso.com', username: 'alice@contoso.com' };
const INJECTED: RdpSettingsInput = { host: 'vm01.contoso.com\r\nalternate shell:s:/usr/bin/touch /tmp/pwned' };

let work: string;
let tmpRoot: string;
const started: number[] = [];

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'rdp-session-test-'));
  tmpRoot = path.join(work, 'tmp');
  await mkdir(tmpRoot);
});

afterEach(async () => {
  // Stop only the fake clients this test started, by pid.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(work, { recursive: true, force: true });
});

/** Writes an executable fake client script and returns its absolute path. */
async function fakeClient(name: string, body: string): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

const planFor = (executable: string, rdpFile: string): LaunchPlan => ({
  client: 'xfreerdp3',
  executable,
  args: [rdpFile, '/sec:aad'],
  notes: [],
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

/** Polls until `condition` holds; fails after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe('writeRdpForLaunch', () => {
  it('writes the file once into a private directory (0700) with mode 0600, and cleans up', async () => {
    const temp = await writeRdpForLaunch(SETTINGS, 'utf16le-bom', tmpRoot);
    expect(path.dirname(temp.dir)).toBe(tmpRoot);
    expect(path.basename(temp.dir)).toMatch(/^rdp-broker-/);
    expect(temp.file).toBe(path.join(temp.dir, 'vm01.contoso.com.rdp'));
    expect(await mode(temp.dir)).toBe(0o700);
    expect(await mode(temp.file)).toBe(0o600);
    expect(await readdir(temp.dir)).toEqual(['vm01.contoso.com.rdp']);
    expect(new Uint8Array(await readFile(temp.file))).toEqual(encodeRdpFile(buildRdpText(SETTINGS), 'utf16le-bom'));

    await temp.cleanup();
    expect(existsSync(temp.dir)).toBe(false);
    await temp.cleanup();
  });

  it('writes UTF-8 without a BOM when asked', async () => {
    const temp = await writeRdpForLaunch(SETTINGS, 'utf8', tmpRoot);
    const bytes = await readFile(temp.file);
    expect(bytes.subarray(0, 13).toString('latin1')).toBe('full address:');
    await temp.cleanup();
  });

  it('refuses an injected line before anything exists on disk', async () => {
    const error = await rejection(writeRdpForLaunch(INJECTED, 'utf16le-bom', tmpRoot));
    expect(error.code).toBe('RDP_INVALID_VALUE');
    expect(error.details).toEqual({ field: 'host' });
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it('reports RDP_WRITE_FAILED and leaves nothing when the directory cannot be created', async () => {
    const missing = path.join(tmpRoot, 'does-not-exist');
    const error = await rejection(writeRdpForLaunch(SETTINGS, 'utf8', missing));
    expect(error.code).toBe('RDP_WRITE_FAILED');
    expect(error.details).toEqual({ errno: 'ENOENT' });
    expect(await readdir(tmpRoot)).toEqual([]);
  });
});

describe('launchClient', () => {
  it('spawns the argv array without a shell, detached, ignoring stdio, window not hidden', async () => {
    const calls: { command: string; args: readonly string[]; options: object }[] = [];
    const recordingSpawn: SpawnFn = (command, args, options) => {
      calls.push({ command, args, options });
      return spawn('/bin/sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    };
    const plan = planFor('/usr/bin/xfreerdp3', '/tmp/x/vm01 with space;$(touch x).rdp');
    await launchClient(plan, { spawn: recordingSpawn, earlyExitMs: 2000 });
    expect(calls).toEqual([
      {
        command: '/usr/bin/xfreerdp3',
        args: ['/tmp/x/vm01 with space;$(touch x).rdp', '/sec:aad'],
        options: { shell: false, detached: true, stdio: 'ignore', windowsHide: false },
      },
    ]);
  });

  it('passes every argument to the real program verbatim', async () => {
    const record = path.join(work, 'argv.txt');
    const client = await fakeClient('xfreerdp3', `printf '%s\\n' "$@" > '${record}'`);
    const tricky = path.join(work, 'a b;$(id)`id`.rdp');
    const result = await launchClient(planFor(client, tricky), { earlyExitMs: 2000 });
    expect(result.exitedEarly).toBe(true);
    expect(await readFile(record, 'utf8')).toBe(`${tricky}\n/sec:aad\n`);
  });

  it('reports a non-zero exit right after start as RDP_CLIENT_FAILED with the exit code', async () => {
    const client = await fakeClient('failing-client', 'echo "cannot parse" >&2\nexit 3');
    const error = await rejection(launchClient(planFor(client, '/tmp/x.rdp'), { earlyExitMs: 2000 }));
    expect(error.code).toBe('RDP_CLIENT_FAILED');
    expect(error.details).toMatchObject({ exitCode: 3, signal: null, client: 'xfreerdp3' });
  });

  it('reports a client killed by a signal', async () => {
    const client = await fakeClient('crashing-client', 'kill -SEGV $$');
    const error = await rejection(launchClient(planFor(client, '/tmp/x.rdp'), { earlyExitMs: 2000 }));
    expect(error.code).toBe('RDP_CLIENT_FAILED');
    expect(error.details).toMatchObject({ exitCode: null, signal: 'SIGSEGV' });
  });

  it('calls a client that is still running after the early-exit window a success', async () => {
    const client = await fakeClient('long-client', 'exec sleep 30');
    const startedAt = Date.now();
    const result = await launchClient(planFor(client, '/tmp/x.rdp'), { earlyExitMs: 300 });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(result.exitedEarly).toBe(false);
    expect(result.pid).toBeGreaterThan(0);
    started.push(result.pid!);
    expect(() => process.kill(result.pid!, 0)).not.toThrow();
  });

  it('maps a missing executable (ENOENT) to RDP_CLIENT_NOT_FOUND', async () => {
    const error = await rejection(launchClient(planFor(path.join(work, 'no-such-client'), '/tmp/x.rdp')));
    expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
  });

  it('maps a file that is not executable to RDP_CLIENT_FAILED with the errno', async () => {
    const client = await fakeClient('not-executable', 'exit 0');
    await chmod(client, 0o644);
    const error = await rejection(launchClient(planFor(client, '/tmp/x.rdp')));
    expect(error.code).toBe('RDP_CLIENT_FAILED');
    expect(error.details).toMatchObject({ errno: 'EACCES' });
  });

  it('refuses a relative executable', async () => {
    const error = await rejection(launchClient(planFor('xfreerdp3', '/tmp/x.rdp')));
    expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
  });
});

describe('RdpSessions', () => {
  it('launches, lets the client read the file, then removes it after the delay', async () => {
    const copy = path.join(work, 'what-the-client-read.rdp');
    const done = path.join(work, 'read.done');
    const client = await fakeClient('reading-client', `cat "$1" > '${copy}'\ntouch '${done}'\nexec sleep 30`);
    const sessions = new RdpSessions({ tmpRoot, earlyExitMs: 300, cleanupDelayMs: 1500 });
    const outcome = await sessions.launch(SETTINGS, (file) => planFor(client, file));
    started.push(outcome.pid!);
    expect(existsSync(outcome.file)).toBe(true);
    expect(sessions.pendingDirectories()).toEqual([path.dirname(outcome.file)]);

    await waitFor(() => existsSync(done));
    expect(new Uint8Array(await readFile(copy))).toEqual(encodeRdpFile(buildRdpText(SETTINGS)));
    await waitFor(() => !existsSync(path.dirname(outcome.file)));
    expect(sessions.pendingDirectories()).toEqual([]);
  });

  it('removes the file at once when the client fails early', async () => {
    const client = await fakeClient('failing-client', 'exit 2');
    const sessions = new RdpSessions({ tmpRoot, earlyExitMs: 2000, cleanupDelayMs: 60_000 });
    const error = await rejection(sessions.launch(SETTINGS, (file) => planFor(client, file)));
    expect(error.details).toMatchObject({ exitCode: 2 });
    expect(await readdir(tmpRoot)).toEqual([]);
    expect(sessions.pendingDirectories()).toEqual([]);
  });

  it('removes the file at once when no client can be planned', async () => {
    const sessions = new RdpSessions({ tmpRoot });
    const error = await rejection(
      sessions.launch(SETTINGS, () => {
        throw new AppError('RDP_CLIENT_NOT_FOUND', 'none', { platform: 'linux', hint: 'install-freerdp3' });
      }),
    );
    expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it('removes the file at once when the client does not exist', async () => {
    const sessions = new RdpSessions({ tmpRoot });
    const error = await rejection(sessions.launch(SETTINGS, (file) => planFor(path.join(work, 'missing'), file)));
    expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
    expect(await readdir(tmpRoot)).toEqual([]);
  });

  it('disposeAll removes every pending launch file synchronously (app exit)', async () => {
    const client = await fakeClient('quick-client', 'exit 0');
    const sessions = new RdpSessions({ tmpRoot, earlyExitMs: 2000, cleanupDelayMs: 60_000 });
    const first = await sessions.launch(SETTINGS, (file) => planFor(client, file));
    const second = await sessions.writeRdpForLaunch({ host: 'vm02' });
    expect(sessions.pendingDirectories()).toHaveLength(2);

    sessions.disposeAll();
    expect(existsSync(first.file)).toBe(false);
    expect(existsSync(second.dir)).toBe(false);
    expect(await readdir(tmpRoot)).toEqual([]);
    expect(sessions.pendingDirectories()).toEqual([]);
  });
});
