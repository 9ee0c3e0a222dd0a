import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A running `npm run demo` (simulator + real main-process services + loopback bridge). */
export interface DemoServer {
  readonly url: string;
  readonly origin: string;
  readonly output: () => string;
}

/**
 * Starts the demo exactly as a user would (the same entry point as `npm run demo`, renderer already built by the
 * test runner), and reads the printed URL with its per-run secret.
 */
async function startDemo(extraArgs: readonly string[]): Promise<{ server: DemoServer; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/demo/demo-cli.ts', '--port', '0', ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?session=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${output}`));
    });
  });
  return { server: { url, origin: new URL(url).origin, output: () => output }, child };
}

/** Test with a fresh demo server per test file (worker). */
export const test = base.extend<object, { demo: DemoServer }>({
  demo: [
    async ({}, use) => {
      const { server, child } = await startDemo([]);
      await use(server);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect };
