import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type CommandRunner, createOsKeyringCipher, resolveCliDataDir } from '../../../../src/main/auth/os-keyring-cipher';

interface Call {
  readonly file: string;
  readonly args: readonly string[];
  readonly input: string | undefined;
}

/** A fake keyring: one secret slot, reached through the commands each OS uses. */
function fakeKeyring(options: { failStore?: boolean } = {}) {
  let secret: string | null = null;
  const calls: Call[] = [];
  const run: CommandRunner = (file, args, input) => {
    calls.push({ file, args, input });
    const ok = (stdout = '') => Promise.resolve({ code: 0, stdout, stderr: '' });
    const fail = (code = 1, stderr = 'not found') => Promise.resolve({ code, stdout: '', stderr });
    if (file === 'secret-tool' && args[0] === 'lookup') return secret ? ok(`${secret}\n`) : fail();
    if (file === 'secret-tool' && args[0] === 'store') {
      if (options.failStore) return fail(1, 'Cannot autolaunch D-Bus without X11 $DISPLAY');
      secret = (input ?? '').trim();
      return ok();
    }
    if (file === 'security' && args[0] === 'find-generic-password') return secret ? ok(`${secret}\n`) : fail(44);
    if (file === 'security' && args[0] === '-i') {
      secret = /-w (\S+)/.exec(input ?? '')?.[1] ?? null;
      return ok();
    }
    if (file === 'powershell.exe') {
      // Stand-in for DPAPI: reversible, and visibly not the input.
      const script = args.at(-1) ?? '';
      const data = (input ?? '').trim();
      return ok(script.includes('::Protect(') ? `P${data}` : data.replace(/^P/, ''));
    }
    return Promise.reject(Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' }));
  };
  return { run, calls };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rdpb-keyring-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('OS keyring cipher for the CLI', () => {
  it('Linux: creates a key in the Secret Service through stdin and reuses it in the next process', async () => {
    const keyring = fakeKeyring();
    const first = await createOsKeyringCipher({ platform: 'linux', dataDir: dir, run: keyring.run });
    expect(first.isAvailable()).toBe(true);
    const sealed = await first.encrypt('tokens');
    const second = await createOsKeyringCipher({ platform: 'linux', dataDir: dir, run: keyring.run });
    expect(await second.decrypt(sealed)).toBe('tokens');
    const store = keyring.calls.find((call) => call.args[0] === 'store');
    expect(store?.input).toMatch(/^[A-Za-z0-9+/=]{44}$/);
    expect(store?.args.join(' ')).not.toContain(store?.input ?? '?');
  });

  it('Linux without a keyring: unavailable, with a reason the CLI prints', async () => {
    const cipher = await createOsKeyringCipher({ platform: 'linux', dataDir: dir, run: fakeKeyring({ failStore: true }).run });
    expect(cipher.isAvailable()).toBe(false);
    expect(cipher.unavailableReason?.()).toContain('Secret Service');
    const missing = await createOsKeyringCipher({ platform: 'linux', dataDir: dir, run: () => Promise.reject(new Error('spawn secret-tool ENOENT')) });
    expect(missing.unavailableReason?.()).toContain('ENOENT');
  });

  it('macOS: stores the key in the Keychain without putting it on the command line', async () => {
    const keyring = fakeKeyring();
    const cipher = await createOsKeyringCipher({ platform: 'darwin', dataDir: dir, run: keyring.run });
    expect(cipher.isAvailable()).toBe(true);
    for (const call of keyring.calls) expect(call.args.join(' ')).not.toMatch(/[A-Za-z0-9+/]{43}=/);
  });

  it('Windows: keeps the key DPAPI-protected in a file and unwraps it next time', async () => {
    const keyring = fakeKeyring();
    const first = await createOsKeyringCipher({ platform: 'win32', dataDir: dir, run: keyring.run });
    const sealed = await first.encrypt('tokens');
    expect((await readFile(join(dir, 'token-cache.key'), 'utf8')).startsWith('P')).toBe(true);
    const second = await createOsKeyringCipher({ platform: 'win32', dataDir: dir, run: keyring.run });
    expect(await second.decrypt(sealed)).toBe('tokens');
  });

  it('puts CLI data in the per-user folder of each platform', () => {
    expect(resolveCliDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(join('/x', 'rdp-broker'));
    expect(resolveCliDataDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'rdp-broker'));
    expect(resolveCliDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'rdp-broker'));
    expect(resolveCliDataDir({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'rdp-broker'));
    expect(resolveCliDataDir({ RDP_BROKER_DATA_DIR: '/tmp/x' }, 'linux', '/home/u')).toBe('/tmp/x');
  });
});
