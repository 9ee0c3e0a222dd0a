import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  readLaunchEnvironment,
  resolveAvailableClients,
  toLaunchPlatform,
  validateCustomClientPath,
} from '../../../src/main/rdp/resolve-client';
import { AppError } from '../../../src/shared/errors/app-error';
import { planLaunch } from '../../../src/shared/rdp/launch-plan';

let work: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'resolve-client-test-'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function executable(dir: string, name: string, mode = 0o755): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, '#!/bin/sh\nexit 0\n', { mode });
  return file;
}

const existing =
  (...paths: string[]) =>
  (candidate: string): Promise<boolean> =>
    Promise.resolve(paths.includes(candidate));

async function appError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('Linux', () => {
  it('finds clients on PATH in order, skipping non-executable files and relative PATH entries', async () => {
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    await executable(first, 'remmina', 0o644);
    await executable(second, 'remmina');
    await executable(second, 'xfreerdp');
    await executable(work, 'xfreerdp3');
    // "." and "" resolve against the current directory, which here holds an xfreerdp3: it must not be found.
    const cwd = process.cwd();
    process.chdir(work);
    const available = await resolveAvailableClients({
      platform: 'linux',
      env: { PATH: `.::${first}:${second}:${first}` },
    }).finally(() => process.chdir(cwd));
    expect(available.linuxClients).toEqual([
      { kind: 'xfreerdp', path: path.join(second, 'xfreerdp') },
      { kind: 'remmina', path: path.join(second, 'remmina') },
    ]);
  });

  it('feeds the planner: FreeRDP 3 wins and gets the file first', async () => {
    const bin = path.join(work, 'bin');
    await executable(bin, 'xfreerdp');
    await executable(bin, 'xfreerdp3');
    const available = await resolveAvailableClients({ platform: 'linux', env: { PATH: bin } });
    const plan = planLaunch({
      platform: 'linux',
      rdpFilePath: '/tmp/x/vm01.rdp',
      settings: { auth: 'web-account', host: 'vm01' },
      env: {},
      available,
    });
    expect([plan.executable, ...plan.args]).toEqual([path.join(bin, 'xfreerdp3'), '/tmp/x/vm01.rdp', '/sec:aad']);
  });

  it('finds nothing on an empty PATH', async () => {
    const available = await resolveAvailableClients({ platform: 'linux', env: { PATH: path.join(work, 'empty') } });
    expect(available).toEqual({ linuxClients: [], macApps: [] });
  });
});

describe('Windows', () => {
  it('only ever looks at %SystemRoot%\\System32\\mstsc.exe (env names are case-insensitive)', async () => {
    const asked: string[] = [];
    const available = await resolveAvailableClients({
      platform: 'win32',
      env: { SYSTEMROOT: 'C:\\Windows', PATH: 'C:\\evil' },
      arch: 'x64',
      fileExists: (candidate) => {
        asked.push(candidate);
        return Promise.resolve(true);
      },
    });
    expect(asked).toEqual(['C:\\Windows\\System32\\mstsc.exe']);
    expect(available.mstsc).toBe(true);
  });

  it('uses Sysnative for a 32-bit process on 64-bit Windows', () => {
    expect(
      readLaunchEnvironment({
        platform: 'win32',
        arch: 'ia32',
        env: { SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITEW6432: 'AMD64' },
      }),
    ).toEqual({ systemRoot: 'C:\\Windows', is32BitProcessOn64BitWindows: true });
    expect(readLaunchEnvironment({ platform: 'win32', arch: 'x64', env: { SystemRoot: 'C:\\Windows' } })).toEqual({
      systemRoot: 'C:\\Windows',
      is32BitProcessOn64BitWindows: false,
    });
  });

  it('reports mstsc missing without SystemRoot', async () => {
    const available = await resolveAvailableClients({ platform: 'win32', env: {}, fileExists: existing() });
    expect(available.mstsc).toBe(false);
  });
});

describe('macOS', () => {
  it('finds Windows App and Microsoft Remote Desktop bundles', async () => {
    const available = await resolveAvailableClients({
      platform: 'darwin',
      env: { HOME: '/Users/a' },
      fileExists: existing('/Users/a/Applications/Windows App.app', '/Applications/Microsoft Remote Desktop.app'),
    });
    expect(available.macApps).toEqual(['Windows App', 'Microsoft Remote Desktop']);
  });
});

describe('other platforms', () => {
  it('are unsupported', () => {
    expect(() => toLaunchPlatform('freebsd')).toThrow(expect.objectContaining({ code: 'RDP_PLATFORM_UNSUPPORTED' }));
  });
});

describe('validateCustomClientPath', () => {
  it('accepts an existing executable client', async () => {
    const client = await executable(path.join(work, 'opt'), 'xfreerdp3');
    await expect(validateCustomClientPath(client, { platform: 'linux', env: {} })).resolves.toBe(client);
  });

  it('refuses a shell even if it exists', async () => {
    const error = await appError(validateCustomClientPath('/bin/sh', { platform: 'linux', env: {} }));
    expect(error.code).toBe('RDP_INVALID_VALUE');
  });

  it('refuses cmd.exe and PowerShell on Windows', async () => {
    for (const candidate of ['C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe']) {
      const error = await appError(
        validateCustomClientPath(candidate, { platform: 'win32', env: {}, fileExists: existing(candidate) }),
      );
      expect(error.code).toBe('RDP_INVALID_VALUE');
    }
  });

  it('reports a missing or non-executable client as not found', async () => {
    const notExecutable = await executable(path.join(work, 'opt'), 'myclient', 0o644);
    for (const candidate of [path.join(work, 'missing'), notExecutable]) {
      const error = await appError(validateCustomClientPath(candidate, { platform: 'linux', env: {} }));
      expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
    }
  });
});
