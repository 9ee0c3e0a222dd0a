import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { type CacheCipher, createAesGcmCipher, createUnavailableCipher } from './cache-cipher';
import { writeAtomically } from './encrypted-cache-plugin';

/** Runs a program with optional stdin; injected so tests never touch the real keyring. */
export type CommandRunner = (
  file: string,
  args: readonly string[],
  input?: string,
) => Promise<{ readonly code: number; readonly stdout: string; readonly stderr: string }>;

/** Runs a command without a shell; secrets go through stdin, never the command line (visible in `ps`). */
export const runCommand: CommandRunner = (file, args, input) =>
  new Promise((resolve, reject) => {
    const child = execFile(file, [...args], { timeout: 15_000, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof (error as { code?: unknown }).code !== 'number') {
        reject(new Error(error.message, { cause: error }));
        return;
      }
      resolve({ code: error ? Number((error as { code?: unknown }).code) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });

const SERVICE = 'rdp-broker';
const ACCOUNT = 'token-cache-key';

/** Where the CLI keeps its data: %APPDATA% on Windows, Application Support on macOS, XDG config elsewhere. */
export function resolveCliDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string = homedir()): string {
  if (env.RDP_BROKER_DATA_DIR) return env.RDP_BROKER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'rdp-broker');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'rdp-broker');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'rdp-broker');
}

/**
 * The CLI's token cache cipher, for when there is no Electron safeStorage: AES-256-GCM with a random key that only the
 * OS credential store holds (Windows: DPAPI-protected key file; macOS: login Keychain via `security`; Linux: Secret
 * Service via libsecret's `secret-tool`). Without one of those, the cipher is unavailable and tokens stay in memory.
 */
export async function createOsKeyringCipher(options: {
  readonly platform: NodeJS.Platform;
  readonly dataDir: string;
  readonly run?: CommandRunner;
}): Promise<CacheCipher> {
  const run = options.run ?? runCommand;
  try {
    const key =
      options.platform === 'win32'
        ? await dpapiKey(run, join(options.dataDir, 'token-cache.key'))
        : options.platform === 'darwin'
          ? await keychainKey(run)
          : await secretServiceKey(run);
    return createAesGcmCipher(key);
  } catch (error: unknown) {
    return createUnavailableCipher(describeKeyringFailure(options.platform, error));
  }
}

function describeKeyringFailure(platform: NodeJS.Platform, error: unknown): string {
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  if (platform === 'win32') return `Windows data protection (DPAPI) could not be used: ${detail}`;
  if (platform === 'darwin') return `The macOS Keychain could not be used: ${detail}`;
  return (
    'No Secret Service keyring is available (install libsecret-tools and run GNOME Keyring or KWallet), so ' +
    `tokens are kept in memory only: ${detail}`
  );
}

function decodeKey(text: string): Buffer | null {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : null;
}

async function secretServiceKey(run: CommandRunner): Promise<Buffer> {
  const lookup = ['lookup', 'service', SERVICE, 'account', ACCOUNT];
  const found = await run('secret-tool', lookup);
  const existing = found.code === 0 ? decodeKey(found.stdout) : null;
  if (existing) return existing;
  const stored = await run(
    'secret-tool',
    ['store', '--label=RDP Broker token cache key', 'service', SERVICE, 'account', ACCOUNT],
    randomBytes(32).toString('base64'),
  );
  if (stored.code !== 0) throw new Error(`secret-tool store failed: ${stored.stderr.trim().slice(0, 200)}`);
  // Read back what the keyring holds, so a second process racing us ends up with the same key.
  const again = await run('secret-tool', lookup);
  const key = again.code === 0 ? decodeKey(again.stdout) : null;
  if (!key) throw new Error('the keyring did not return the stored key');
  return key;
}

async function keychainKey(run: CommandRunner): Promise<Buffer> {
  const lookup = ['find-generic-password', '-s', SERVICE, '-a', ACCOUNT, '-w'];
  const found = await run('security', lookup);
  const existing = found.code === 0 ? decodeKey(found.stdout) : null;
  if (existing) return existing;
  // `security -i` reads the command from stdin, which keeps the key off the command line.
  const command = `add-generic-password -U -s ${SERVICE} -a ${ACCOUNT} -w ${randomBytes(32).toString('base64')}\n`;
  const stored = await run('security', ['-i'], command);
  if (stored.code !== 0) throw new Error(`security add-generic-password failed: ${stored.stderr.trim().slice(0, 200)}`);
  const again = await run('security', lookup);
  const key = again.code === 0 ? decodeKey(again.stdout) : null;
  if (!key) throw new Error('the Keychain did not return the stored key');
  return key;
}

const DPAPI_SCRIPT = (operation: 'Protect' | 'Unprotect') =>
  'Add-Type -AssemblyName System.Security; ' +
  '$d = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim()); ' +
  `[Convert]::ToBase64String([Security.Cryptography.ProtectedData]::${operation}($d, $null, 'CurrentUser'))`;

async function dpapi(run: CommandRunner, operation: 'Protect' | 'Unprotect', base64: string): Promise<string> {
  const result = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', DPAPI_SCRIPT(operation)], base64);
  if (result.code !== 0) throw new Error(`DPAPI ${operation} failed: ${result.stderr.trim().slice(0, 200)}`);
  return result.stdout.trim();
}

async function dpapiKey(run: CommandRunner, keyFile: string): Promise<Buffer> {
  let wrapped: string | null = null;
  try {
    wrapped = (await readFile(keyFile, 'utf8')).trim();
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  if (wrapped) {
    const key = decodeKey(await dpapi(run, 'Unprotect', wrapped));
    if (key) return key;
    // A damaged key file cannot be repaired: start over; the old cache file will be set aside as unreadable.
  }
  const key = randomBytes(32);
  await writeAtomically(keyFile, Buffer.from(await dpapi(run, 'Protect', key.toString('base64')), 'utf8'));
  return key;
}
