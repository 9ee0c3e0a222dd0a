// Compares renderer builds under the same conditions: one demo (12,000 machines), one page, and the builds loaded
// into it in turn, round after round, each typing the same keystrokes as bench:ui. A 2-core VM's speed drifts by up
// to 2x within an hour, more than most changes are worth, so two separate bench:ui runs cannot tell them apart.
//
//   npm run bench:ui:compare -- --renderers /tmp/before,dist/renderer [--rounds 4] [--json]
//
// Each renderer is a folder `vite build --outDir` wrote (index.html and assets/). The page is served by the demo as
// usual; its script and stylesheet requests are answered from the build under test. Loopback only.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../test/support/chromium';
import { startDemo, stopDemo } from '../test/support/demo-process';
import { measureInitialRender, measureKeystrokes, percentile, signIn } from './ui-measure';

const { values } = parseArgs({
  options: {
    renderers: { type: 'string' },
    rounds: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
    vms: { type: 'string', default: '11440' },
    arc: { type: 'string', default: '2288' },
  },
  strict: true,
});

/** The entry script and stylesheet a build's index.html loads. */
interface Build {
  readonly dir: string;
  readonly script: string;
  readonly style: string;
}

function readBuild(dir: string): Build {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`${dir} is not a renderer build (no index.html): run vite build --outDir ${dir}`);
  const html = readFileSync(index, 'utf8');
  const script = /<script[^>]+src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
  const style = /<link[^>]+href="\.?\/?(assets\/[^"]+\.css)"/.exec(html)?.[1];
  if (!script || !style) throw new Error(`${index} does not load one script and one stylesheet from assets/`);
  return { dir, script, style };
}

const round = (value: number): number => Math.round(value * 10) / 10;

async function run() {
  const dirs = (values.renderers ?? '').split(',').filter((dir) => dir !== '');
  if (dirs.length < 2) throw new Error('Give two or more renderer builds: --renderers /tmp/before,dist/renderer');
  const builds = dirs.map((dir) => readBuild(resolve(dir)));
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number above 0, not ${values.rounds}`);

  const { server, child } = await startDemo(['--scenario', 'scale', '--vms', values.vms, '--arc', values.arc], 60_000);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: [...CHROMIUM_ARGS] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let current = builds[0];
    await page.route('**/assets/*', async (route) => {
      const url = new URL(route.request().url());
      const build = current ?? builds[0];
      if (!build) return route.continue();
      const file = url.pathname.endsWith('.css') ? build.style : url.pathname.endsWith('.js') ? build.script : null;
      if (!file) return route.continue();
      return route.fulfill({
        body: readFileSync(join(build.dir, file)),
        contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript',
      });
    });
    if (!values.json) process.stderr.write('Signing in and waiting for discovery…\n');
    await signIn(page, server.url);
    const results = builds.map(() => ({ painted: [] as number[], work: [] as number[], initial: [] as number[], runP95: [] as number[] }));
    for (let r = 0; r < rounds; r++) {
      for (const [i, build] of builds.entries()) {
        current = build;
        const { renderMs } = await measureInitialRender(page);
        // Let the idle-time preparation finish, as a user who looks at the list before typing would.
        await page.waitForTimeout(2000);
        const { painted, work } = await measureKeystrokes(page);
        const result = results[i];
        if (!result) continue;
        result.initial.push(renderMs);
        result.painted.push(...painted);
        result.work.push(...work);
        result.runP95.push(percentile(painted, 95));
        if (!values.json) process.stderr.write(`round ${String(r + 1)}, ${build.dir}: p95 ${String(round(percentile(painted, 95)))} ms\n`);
      }
    }
    return {
      rounds,
      loadAverage1m: round(loadavg()[0] ?? 0),
      cpus: cpus().length,
      builds: builds.map((build, i) => {
        const result = results[i] ?? { painted: [], work: [], initial: [], runP95: [] };
        return {
          renderer: build.dir,
          keystrokeP50Ms: round(percentile(result.painted, 50)),
          keystrokeP95Ms: round(percentile(result.painted, 95)),
          keystrokeWorkP50Ms: round(percentile(result.work, 50)),
          keystrokeWorkP95Ms: round(percentile(result.work, 95)),
          keystrokes: result.painted.length,
          keystrokeP95ByRoundMs: result.runP95.map(round),
          initialRenderMedianMs: round(percentile(result.initial, 50)),
        };
      }),
    };
  } finally {
    await browser?.close();
    await stopDemo(child);
  }
}

try {
  const result = await run();
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    for (const build of result.builds) {
      process.stdout.write(
        `${build.renderer}\n  keystroke → paint p50 / p95 ${String(build.keystrokeP50Ms)} / ${String(build.keystrokeP95Ms)} ms` +
          ` · work p50 / p95 ${String(build.keystrokeWorkP50Ms)} / ${String(build.keystrokeWorkP95Ms)} ms` +
          ` · p95 by round ${build.keystrokeP95ByRoundMs.join(' ')} · initial render ${String(build.initialRenderMedianMs)} ms\n`,
      );
    }
    process.stdout.write(`load average ${String(result.loadAverage1m)} on ${String(result.cpus)} cores, ${String(result.rounds)} rounds\n`);
  }
} catch (error: unknown) {
  process.stderr.write(`bench:ui:compare failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
