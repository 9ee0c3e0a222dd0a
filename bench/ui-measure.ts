// What bench:ui and bench:ui:compare measure in the page: the same sign-in, keystrokes, reloads, scrolling and heap.
import { readFileSync } from 'node:fs';

import type { Page } from '@playwright/test';

export const USER = 'avery@contoso.example';
export const MARK_DATA = 'rdp-broker:machines-data';
export const MARK_PAINTED = 'rdp-broker:list-painted';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Signs in as the demo user and waits for discovery; returns how long discovery took (ms). */
export async function signIn(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const popup = page.context().waitForEvent('page');
  await page.getByRole('button', { name: new RegExp(`Sign in as ${USER.replace('.', '\\.')}`) }).click();
  const consent = await popup;
  await consent.waitForLoadState('domcontentloaded');
  const started = Date.now();
  await page.getByRole('listbox', { name: 'Machine list' }).waitFor({ timeout: 120_000 });
  await page.getByRole('banner').getByRole('button', { name: 'Refresh' }).waitFor({ timeout: 300_000 });
  await consent.close().catch(() => undefined);
  return Date.now() - started;
}

/** Reloads (main keeps the list) and measures data arrival → first painted rows, from the app's performance marks. */
export async function measureInitialRender(page: Page): Promise<{ renderMs: number; snapshotMs: number }> {
  await page.reload();
  // Polled with evaluate (CDP), because waitForFunction compiles its predicate in the page, which our CSP forbids.
  const until = Date.now() + 120_000;
  while (!(await page.evaluate<boolean>(`performance.getEntriesByName('${MARK_PAINTED}').length > 0`))) {
    if (Date.now() > until) throw new Error('the list never painted after a reload');
    await page.waitForTimeout(20);
  }
  return page.evaluate<{ renderMs: number; snapshotMs: number }>(`(() => {
    const data = performance.getEntriesByName('${MARK_DATA}')[0];
    const painted = performance.getEntriesByName('${MARK_PAINTED}')[0];
    return { renderMs: painted.startTime - data.startTime, snapshotMs: data.startTime };
  })()`);
}

/**
 * Keystroke → painted: a capturing keydown listener takes the event's timestamp and waits for the frame that
 * follows (rAF, then a message after paint). React renders the filtered list synchronously for input events, so that
 * frame shows the new result. This includes waiting for the display's next frame (up to 16.7 ms at 60 Hz).
 *
 * Keystroke → work done: the same timestamp to the end of the input event (after React's synchronous render and
 * commit), with style and layout forced there: everything the app does for a keystroke, without the frame wait and
 * the raster work the compositor does off the main thread.
 */
export async function measureKeystrokes(page: Page): Promise<{ painted: number[]; work: number[] }> {
  const search = page.getByRole('combobox', { name: 'Search machines' });
  await search.click();
  await page.evaluate(`(() => {
    window.__latencies = [];
    window.__work = [];
    let pending = 0;
    window.addEventListener('input', () => {
      document.querySelector('[data-list="machines"]').getBoundingClientRect();
      window.__work.push(performance.now() - pending);
    });
    document.addEventListener('keydown', (event) => {
      const start = event.timeStamp;
      pending = start;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__latencies.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    }, true);
  })()`);
  const words = ['vm-1', 'prod', 'sub-01', 'arc', 'env:dev', 'westeurope', 'zz-no-match', 'srv'];
  for (const word of words) {
    for (const char of word) {
      await page.keyboard.press(char === ':' ? 'Shift+Semicolon' : char);
      await page.waitForTimeout(40);
    }
    for (let i = 0; i < word.length; i++) {
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(40);
    }
  }
  await page.waitForTimeout(200);
  return { painted: await page.evaluate<number[]>('window.__latencies'), work: await page.evaluate<number[]>('window.__work') };
}

/** Scrolls the list by a few rows per frame for two seconds and returns the frame-to-frame times. */
export async function measureScroll(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(`new Promise((resolve) => {
    const scroller = document.querySelector('[data-list="machines"]');
    const frames = [];
    let last = performance.now();
    const end = last + 2000;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      scroller.scrollTop += 240;
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight) scroller.scrollTop = 0;
      if (now < end) requestAnimationFrame(step); else resolve(frames.slice(2));
    };
    requestAnimationFrame(step);
  })`);
}

/** The renderer's JS heap after a full garbage collection, in MB. */
export async function measureHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / (1024 * 1024);
}

/** The machine's CPU time counters (Linux /proc/stat, in ticks), or null where there is no /proc. */
export function cpuTicks(): { steal: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal …: steal is time the hypervisor gave this VM's CPUs to others.
    return { steal: fields[7] ?? 0, total: fields.slice(0, 8).reduce((sum, value) => sum + value, 0) };
  } catch {
    return null;
  }
}

/** Share of CPU time taken by the hypervisor between two readings, in percent; null when unknown. */
export function stealPercent(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>): number | null {
  if (before === null || after === null || after.total <= before.total) return null;
  return (100 * (after.steal - before.steal)) / (after.total - before.total);
}
