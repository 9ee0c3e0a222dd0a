import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it, vi } from 'vitest';

import {
  clientStateFromDsregcmdText,
  type ClientStateDeps,
  type ExecFileFn,
  parseRegQueryValue,
  readClientState,
  systemDirectory,
} from '../../../../src/main/readiness/client-state';

const joined = readFileSync(fileURLToPath(new URL('../../../fixtures/dsregcmd/joined.txt', import.meta.url)), 'utf8');

const regOutput = (key: string, name: string, type: string, data: string): string =>
  `\r\n${key}\r\n    ${name}    ${type}    ${data}\r\n\r\n`;
const notFound = (): Promise<never> =>
  Promise.reject(Object.assign(new Error('ERROR: The system was unable to find the specified registry key or value.'), { code: 1 }));

interface FakeOptions {
  dsregcmd?: () => Promise<{ stdout: string; stderr: string }>;
  ubr?: string | null;
  installationType?: string | null;
  allowOnlineId?: string | null;
}

function fakeExec(o: FakeOptions = {}): ExecFileFn & ReturnType<typeof vi.fn> {
  return vi.fn<ExecFileFn>((file, args) => {
    if (file.endsWith('\\dsregcmd.exe')) return o.dsregcmd ? o.dsregcmd() : Promise.resolve({ stdout: joined, stderr: '' });
    const value = args[3];
    const key = args[1] ?? '';
    if (value === 'UBR') return o.ubr === null ? notFound() : Promise.resolve({ stdout: regOutput(key, 'UBR', 'REG_DWORD', o.ubr ?? '0xb2d'), stderr: '' });
    if (value === 'InstallationType') {
      return o.installationType === null
        ? notFound()
        : Promise.resolve({ stdout: regOutput(key, 'InstallationType', 'REG_SZ', o.installationType ?? 'Client'), stderr: '' });
    }
    if (value === 'AllowOnlineID') {
      return o.allowOnlineId === undefined || o.allowOnlineId === null
        ? notFound()
        : Promise.resolve({ stdout: regOutput(key, 'AllowOnlineID', 'REG_DWORD', o.allowOnlineId), stderr: '' });
    }
    return Promise.reject(new Error(`unexpected ${file} ${args.join(' ')}`));
  }) as ExecFileFn & ReturnType<typeof vi.fn>;
}

const windowsDeps = (execFile: ExecFileFn, extra: Partial<ClientStateDeps> = {}): ClientStateDeps => ({
  platform: 'win32',
  execFile,
  osRelease: () => '10.0.22631',
  env: { SystemRoot: 'C:\\Windows' },
  ...extra,
});

describe('readClientState', () => {
  it('reads dsregcmd, UBR, InstallationType and PKU2U on Windows, by absolute path, hidden, with a timeout', async () => {
    const execFile = fakeExec({ allowOnlineId: '0x1' });
    const state = await readClientState(windowsDeps(execFile));
    expect(state).toMatchObject({
      kind: 'windows',
      build: { major: 10, minor: 0, build: 22631, ubr: 2861 },
      installationType: 'client',
      pku2uAllowOnlineId: true,
      join: { kind: 'parsed', joinType: 'entra-joined', tenantId: '26992f3d-01a1-4b80-9e61-6877d1114bad' },
    });
    expect(execFile).toHaveBeenCalledWith('C:\\Windows\\System32\\dsregcmd.exe', ['/status'], expect.objectContaining({ windowsHide: true, timeout: 10_000 }));
    expect(execFile).toHaveBeenCalledWith(
      'C:\\Windows\\System32\\reg.exe',
      ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'UBR'],
      expect.objectContaining({ windowsHide: true }),
    );
    expect(execFile).toHaveBeenCalledWith(
      'C:\\Windows\\System32\\reg.exe',
      ['query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\pku2u', '/v', 'AllowOnlineID'],
      expect.anything(),
    );
  });

  it('reports PKU2U disabled, a Server installation, and an unset policy as unknown', async () => {
    expect(await readClientState(windowsDeps(fakeExec({ allowOnlineId: '0x0', installationType: 'Server Core' })))).toMatchObject({
      pku2uAllowOnlineId: false,
      installationType: 'server',
    });
    expect(await readClientState(windowsDeps(fakeExec({ allowOnlineId: null, installationType: null, ubr: null })))).toMatchObject({
      pku2uAllowOnlineId: null,
      installationType: null,
      build: { build: 22631, ubr: null },
    });
  });

  it('keeps the rest when dsregcmd fails or times out', async () => {
    const failing = fakeExec({ dsregcmd: () => Promise.reject(Object.assign(new Error('Command failed'), { code: 5 })) });
    expect(await readClientState(windowsDeps(failing))).toMatchObject({
      kind: 'windows',
      build: { build: 22631 },
      join: { kind: 'unavailable', reason: 'dsregcmd /status failed: exit code 5' },
    });
    const timedOut = fakeExec({ dsregcmd: () => Promise.reject(Object.assign(new Error('timeout'), { killed: true, signal: 'SIGTERM' })) });
    expect(await readClientState(windowsDeps(timedOut))).toMatchObject({ join: { kind: 'unavailable', reason: 'dsregcmd /status failed: timed out' } });
  });

  it('still parses dsregcmd output printed before a non-zero exit', async () => {
    const partial = fakeExec({ dsregcmd: () => Promise.reject(Object.assign(new Error('exit 1'), { code: 1, stdout: joined })) });
    expect(await readClientState(windowsDeps(partial))).toMatchObject({ join: { kind: 'parsed', joinType: 'entra-joined' } });
  });

  it('reports garbage output as unparseable, never as "not joined"', async () => {
    const garbage = fakeExec({ dsregcmd: () => Promise.resolve({ stdout: 'Access is denied.', stderr: '' }) });
    expect(await readClientState(windowsDeps(garbage))).toMatchObject({ join: { kind: 'unparseable' } });
  });

  it('does not run anything off Windows', async () => {
    const execFile = fakeExec();
    expect(await readClientState({ platform: 'darwin', execFile, osRelease: () => '23.0.0' })).toEqual({ kind: 'not-windows', platform: 'darwin' });
    expect(execFile).not.toHaveBeenCalled();
  });

  it('never throws: an unexpected failure becomes unknown', async () => {
    const deps = windowsDeps(fakeExec(), {
      osRelease: () => {
        throw new Error('boom');
      },
    });
    expect(await readClientState(deps)).toEqual({ kind: 'unknown', reason: "could not read this PC's state: boom" });
  });
});

describe('systemDirectory', () => {
  it('uses SystemRoot, Sysnative for a 32-bit process on 64-bit Windows, and ignores an unsafe SystemRoot', () => {
    expect(systemDirectory({ SystemRoot: 'D:\\WINNT\\' })).toBe('D:\\WINNT\\System32');
    expect(systemDirectory({ SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITEW6432: 'AMD64' })).toBe('C:\\Windows\\Sysnative');
    expect(systemDirectory({ SystemRoot: '..\\evil" & calc' })).toBe('C:\\Windows\\System32');
    expect(systemDirectory({})).toBe('C:\\Windows\\System32');
  });
});

describe('parseRegQueryValue', () => {
  it('reads a value line and ignores the rest', () => {
    const out = regOutput('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', 'UBR', 'REG_DWORD', '0x842');
    expect(parseRegQueryValue(out, 'ubr')).toEqual({ type: 'REG_DWORD', data: '0x842' });
    expect(parseRegQueryValue(out, 'CurrentBuild')).toBeNull();
    expect(parseRegQueryValue('    ProductName    REG_SZ    Windows 10 Pro', 'ProductName')).toEqual({ type: 'REG_SZ', data: 'Windows 10 Pro' });
  });
});

describe('clientStateFromDsregcmdText', () => {
  it('builds a Windows client state from saved output', () => {
    expect(clientStateFromDsregcmdText(joined, { osVersion: '10.0.19045', ubr: '0x842', installationType: 'client' })).toMatchObject({
      kind: 'windows',
      build: { build: 19045, ubr: 2114 },
      installationType: 'client',
      pku2uAllowOnlineId: null,
      join: { kind: 'parsed', joinType: 'entra-joined' },
    });
    expect(clientStateFromDsregcmdText('nonsense')).toMatchObject({ build: null, join: { kind: 'unparseable' } });
  });
});
