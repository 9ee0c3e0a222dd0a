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
export async function startDemo(extraArgs: readonly string[]): Promise<{ server: DemoServer; child: ChildProcess }> {
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

/** Stops a demo started with {@link startDemo} and waits for it to exit (it removes its temp data folder). */
export async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * `demo`: one demo server per worker (shared by the tests of a worker). `freshDemo`: a demo of its own for one test
 * (about two seconds to start), started with `demoArgs` — for tests that need a clean sign-in, favorites or data dir.
 */
export const test = base.extend<{ demoArgs: string[]; freshDemo: DemoServer }, { demo: DemoServer }>({
  demoArgs: [[], { option: true }],
  freshDemo: async ({ demoArgs }, use) => {
    const { server, child } = await startDemo(demoArgs);
    await use(server);
    await stopDemo(child);
  },
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring.
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
