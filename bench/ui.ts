// UI benchmark: the real renderer in Debian's Chromium against `npm run demo -- --scenario scale` (12,000 machines).
// Measures the initial list render after the data arrives, filter keystroke → painted, scroll frame times and the
// renderer's JS heap. `npm run bench:ui` prints a table; `npm run bench:ui -- --json` prints one JSON object.
// Loopback only: the demo serves on 127.0.0.1 and the simulated tenant never leaves this machine.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../test/support/chromium';
import { startDemo, stopDemo } from '../test/support/demo-process';
import {
  cpuTicks,
  measureHeap,
  measureInitialRender,
  measureKeystrokes,
  measureScroll,
  percentile,
  signIn,
  stealPercent,
} from './ui-measure';

const root = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    // The list shows Windows machines only (about 1 in 8 generated machines runs Linux), so this world lists ~12,000.
    vms: { type: 'string', default: '11440' },
    arc: { type: 'string', default: '2288' },
    reloads: { type: 'string', default: '3' },
  },
  strict: true,
});

/** The targets from issue 7. */
const TARGETS = { keystrokeP95Ms: 16, initialRenderMs: 150, heapMb: 150 } as const;
/** Everything must finish in this time, or the run fails (and the demo is stopped). */
const DEADLINE_MS = 8 * 60_000;

function log(message: string): void {
  if (!values.json) process.stderr.write(`${message}\n`);
}

const round = (value: number): number => Math.round(value * 10) / 10;

async function run() {
  if (!existsSync(`${root}dist/renderer/index.html`)) throw new Error('Build the renderer first: npx vite build');
  log(`Starting the demo with ${values.vms} VMs and ${values.arc} Arc servers…`);
  const { server, child } = await startDemo(
    ['--scenario', 'scale', '--vms', values.vms, '--arc', values.arc],
    60_000,
  );
  const { url } = server;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    log('Signing in and waiting for discovery…');
    const discoveryMs = await signIn(page, url);
    const machines = Number((await page.getByTestId('machine-count').textContent())?.match(/of ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? 0);
    log(`${machines} machines discovered in ${discoveryMs} ms. Measuring…`);

    const renders: number[] = [];
    const snapshots: number[] = [];
    for (let i = 0; i < Number(values.reloads); i++) {
      const { renderMs, snapshotMs } = await measureInitialRender(page);
      renders.push(renderMs);
      snapshots.push(snapshotMs);
    }
    const ticksBefore = cpuTicks();
    const { painted: keystrokes, work } = await measureKeystrokes(page);
    const steal = stealPercent(ticksBefore, cpuTicks());
    const frames = await measureScroll(page);
    const heapMb = await measureHeap(page);
    const result = {
      machines,
      initialRenderMs: round(percentile(renders, 50)),
      initialRenderRunsMs: renders.map(round),
      snapshotArrivalMs: round(percentile(snapshots, 50)),
      keystrokeP50Ms: round(percentile(keystrokes, 50)),
      keystrokeP95Ms: round(percentile(keystrokes, 95)),
      keystrokeMaxMs: round(Math.max(...keystrokes)),
      keystrokeWorkP50Ms: round(percentile(work, 50)),
      keystrokeWorkP95Ms: round(percentile(work, 95)),
      keystrokes: keystrokes.length,
      scrollFrameP50Ms: round(percentile(frames, 50)),
      scrollFrameP95Ms: round(percentile(frames, 95)),
      scrollFrames: frames.length,
      heapMb: round(heapMb),
      discoveryMs,
      targets: TARGETS,
      meetsTargets: {
        keystrokeP95: percentile(keystrokes, 95) <= TARGETS.keystrokeP95Ms,
        keystrokeWorkP95: percentile(work, 95) <= TARGETS.keystrokeP95Ms,
        initialRender: percentile(renders, 50) <= TARGETS.initialRenderMs,
        heap: heapMb <= TARGETS.heapMb,
      },
      // The machine is shared: a load average above the core count means the numbers are inflated by other work.
      environment: {
        chromium: browser.version(),
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        loadAverage1m: round(loadavg()[0] ?? 0),
        // CPU time the hypervisor gave to other guests while the keystrokes ran: it inflates every number above.
        cpuStealPercentDuringKeystrokes: steal === null ? null : round(steal),
        headless: true,
      },
    };
    return result;
  } finally {
    await browser?.close();
    await stopDemo(child);
  }
}

const deadline = setTimeout(() => {
  process.stderr.write(`bench:ui did not finish within ${DEADLINE_MS / 1000} s\n`);
  process.exit(1);
}, DEADLINE_MS);

try {
  const result = await run();
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const rows: Array<[string, string]> = [
      ['machines', String(result.machines)],
      ['initial list render (median)', `${String(result.initialRenderMs)} ms (target ≤ ${TARGETS.initialRenderMs})`],
      ['keystroke → paint p50 / p95', `${String(result.keystrokeP50Ms)} / ${String(result.keystrokeP95Ms)} ms (target p95 ≤ ${TARGETS.keystrokeP95Ms})`],
      ['keystroke → work done p50 / p95', `${String(result.keystrokeWorkP50Ms)} / ${String(result.keystrokeWorkP95Ms)} ms (no frame wait)`],
      ['scroll frame p50 / p95', `${String(result.scrollFrameP50Ms)} / ${String(result.scrollFrameP95Ms)} ms`],
      ['renderer JS heap', `${String(result.heapMb)} MB (target ≤ ${TARGETS.heapMb})`],
      ['load average (1 min)', `${String(result.environment.loadAverage1m)} on ${String(result.environment.cpus)} cores`],
      ['CPU steal while typing', result.environment.cpuStealPercentDuringKeystrokes === null ? 'unknown' : `${String(result.environment.cpuStealPercentDuringKeystrokes)} %`],
      ['discovery (simulated tenant)', `${String(result.discoveryMs)} ms`],
    ];
    for (const [label, value] of rows) process.stdout.write(`${label.padEnd(32)} ${value}\n`);
  }
} catch (error: unknown) {
  process.stderr.write(`bench:ui failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
}
