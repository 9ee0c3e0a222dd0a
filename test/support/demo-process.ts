import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
export async function startDemo(
  extraArgs: readonly string[],
  startTimeoutMs = 45_000,
): Promise<{ server: DemoServer; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/demo/demo-cli.ts', '--port', '0', ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), startTimeoutMs);
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
