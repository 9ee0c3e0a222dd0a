import { test as base, expect } from '@playwright/test';

import { type DemoServer, startDemo, stopDemo } from '../support/demo-process';

export { type DemoServer, startDemo, stopDemo } from '../support/demo-process';

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
