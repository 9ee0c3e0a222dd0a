import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RdpSessions } from '../../../src/main/rdp/rdp-session';
import { AppError } from '../../../src/shared/errors/app-error';
import { decodeRdpFile, parseRdpText } from '../../../src/shared/rdp/parse-rdp';
import type { RdpSettingsInput } from '../../../src/shared/rdp/rdp-settings';
import { buildRdpText, encodeRdpFile, type RdpFileEncoding } from '../../../src/shared/rdp/write-rdp';

/**
 * THE REAL CLIENT CHECK: files written by our writer are read by a real RDP client (FreeRDP 2 xfreerdp) that
 * connects to a real RDP server (xrdp + PAM) on loopback and logs in as a local test user. See
 * shared/tools/check-rdp-file.sh and shared/reference/rdp-real-client.md.
 *
 * Needs root and a one-time setup (CI does it in .ci/run):
 *   bash ../shared/tools/check-rdp-file.sh --setup rdptest RdpTest-Pass1
 * Without them this suite FAILS (it never skips).
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.resolve(REPO_ROOT, '..', 'shared', 'tools', 'check-rdp-file.sh');
const USER = 'rdptest';
const PASSWORD = 'RdpTest-Pass1';
const SETUP_COMMAND = `bash ${SCRIPT} --setup ${USER} ${PASSWORD}`;
/** A private state dir and network namespace, so this suite never shares a server with anything else. */
const CHECK_ENV = { RDPCHECK_DIR: '/tmp/rdpcheck/rdp-broker-it', RDPCHECK_NETNS: 'rdpbroker-it' };
const CHECK_TIMEOUT_MS = 120_000;

const SETTINGS: RdpSettingsInput = {
  host: 'localhost',
  port: 3389,
  auth: 'password',
  username: USER,
  display: { screenMode: 'windowed', width: 1280, height: 800 },
};

/**
 * Exactly the property names the writer must produce for SETTINGS, written out by hand: the check fails on any
 * other property, which is how a line injected through a value would show up.
 */
const EXPECTED_KEYS = [
  'full address',
  'username',
  'domain',
  'enablerdsaadauth',
  'enablecredsspsupport',
  'authentication level',
  'prompt for credentials',
  'screen mode id',
  'desktopwidth',
  'desktopheight',
  'use multimon',
  'dynamic resolution',
  'smart sizing',
  'redirectclipboard',
  'drivestoredirect',
  'redirectprinters',
  'redirectcomports',
  'redirectsmartcards',
  'redirectwebauthn',
  'audiocapturemode',
  'audiomode',
  'camerastoredirect',
  'devicestoredirect',
  'usbdevicestoredirect',
  'keyboardhook',
  'autoreconnection enabled',
];

interface CheckResult {
  readonly exitCode: number | null;
  readonly output: string;
}

/** Runs the check script; resolves with its exit code and combined output (never rejects on a failing verdict). */
function runCheck(args: string[], extraEnv: Record<string, string> = {}): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT, ...args], {
      env: { ...process.env, ...CHECK_ENV, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CHECK_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

const checkFile = (file: string, password = PASSWORD): Promise<CheckResult> =>
  runCheck([file, password], { RDPCHECK_EXPECT_KEYS: EXPECTED_KEYS.join(',') });

/** Every reason the check cannot run here, each with what to do about it. */
function missingPrerequisites(): string[] {
  const problems: string[] = [];
  if (!existsSync(SCRIPT)) problems.push(`the check script is missing: ${SCRIPT}`);
  if (process.getuid?.() !== 0) problems.push('the check must run as root (network namespace, PAM reads /etc/shadow)');
  const tools = spawnSync('bash', ['-c', 'for t in xfreerdp xrdp xrdp-sesman Xvfb flock ip; do command -v "$t" >/dev/null || echo "$t"; done'], {
    encoding: 'utf8',
  });
  const missingTools = tools.stdout.trim().split('\n').filter(Boolean);
  if (missingTools.length > 0) problems.push(`missing tools: ${missingTools.join(', ')}`);
  if (spawnSync('id', [USER]).status !== 0) problems.push(`the test user ${USER} does not exist`);
  return problems;
}

let work: string;
let sawNewSession = false;
let prerequisiteProblems: string[] = [];

/** Fails (never skips) the calling test when the check cannot run here, saying how to fix it. */
function requireRealClientCheck(): void {
  if (prerequisiteProblems.length > 0) {
    throw new Error(
      `The real RDP client check cannot run: ${prerequisiteProblems.join('; ')}.\nRun once, as root: ${SETUP_COMMAND}`,
    );
  }
}

beforeAll(async () => {
  prerequisiteProblems = missingPrerequisites();
  work = await mkdtemp(path.join(os.tmpdir(), 'rdp-real-client-'));
  // Start from a stopped server so the first login creates a new session (see the geometry check).
  if (prerequisiteProblems.length === 0) await runCheck(['--stop']);
});

afterAll(async () => {
  if (prerequisiteProblems.length === 0) await runCheck(['--stop']);
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('a real RDP client reads our files and logs in', () => {
  it.each<RdpFileEncoding>(['utf16le-bom', 'utf8'])(
    '%s: xfreerdp parses the file, connects to localhost and xrdp/PAM authenticates rdptest',
    async (encoding) => {
      requireRealClientCheck();
      const sessions = new RdpSessions({ tmpRoot: work });
      const temp = await sessions.writeRdpForLaunch(SETTINGS, encoding);
      try {
        const written = parseRdpText(decodeRdpFile(new Uint8Array(await readFile(temp.file))));
        expect(written.properties.map((p) => p.name)).toEqual(EXPECTED_KEYS);

        const result = await checkFile(temp.file);
        expect(result.output).toMatch(/VERDICT: PASS - .*authenticated user 'rdptest'/);
        expect(result.exitCode, result.output).toBe(0);
        // The server logs the session geometry only for a new session (a check right after another one reconnects
        // to the half-started session instead).
        if (result.output.includes('access granted')) {
          expect(result.output).toContain('width 1280, height 800');
          sawNewSession = true;
        }
      } finally {
        await temp.cleanup();
      }
    },
    CHECK_TIMEOUT_MS,
  );

  it('desktopwidth/desktopheight from our file reached the server', () => {
    requireRealClientCheck();
    // beforeAll stopped any running server, so the first check above started a new session.
    expect(sawNewSession).toBe(true);
  });

  it(
    'the verdict is real: the same file with a wrong password is rejected by the server',
    async () => {
      requireRealClientCheck();
      const file = path.join(work, 'wrong-password.rdp');
      await writeFile(file, encodeRdpFile(buildRdpText(SETTINGS)));
      const result = await checkFile(file, 'not-the-password');
      expect(result.exitCode, result.output).toBe(1);
      expect(result.output).toMatch(/VERDICT: FAIL\(1\)/);
    },
    CHECK_TIMEOUT_MS,
  );
});

describe('newline injection', () => {
  const HOSTILE_USERNAME = `${USER}\r\nalternate shell:s:/usr/bin/touch /tmp/rdp-broker-injected`;

  it('our writer refuses a value with CR/LF before any file exists', async () => {
    const tmpRoot = path.join(work, 'injection-root');
    await mkdir(tmpRoot);
    const sessions = new RdpSessions({ tmpRoot });
    const attempt = sessions.writeRdpForLaunch({ ...SETTINGS, username: HOSTILE_USERNAME }, 'utf8');
    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'RDP_INVALID_VALUE', details: { field: 'username' } });
    expect(await readdir(tmpRoot)).toEqual([]);
    expect(sessions.pendingDirectories()).toEqual([]);
  });

  it(
    'and the check would catch such a line if a writer let it through (RDPCHECK_EXPECT_KEYS)',
    async () => {
      requireRealClientCheck();
      // Hand-made, NOT written by our writer: what a naive writer would produce for HOSTILE_USERNAME.
      const naive = buildRdpText(SETTINGS).replace(`username:s:${USER}\r\n`, `username:s:${HOSTILE_USERNAME}\r\n`);
      const file = path.join(work, 'naive-writer.rdp');
      await writeFile(file, encodeRdpFile(naive, 'utf8'));
      const result = await checkFile(file);
      expect(result.exitCode, result.output).toBe(2);
      expect(result.output).toContain('unexpected property "alternate shell"');
    },
    CHECK_TIMEOUT_MS,
  );
});
