import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './test/support/chromium';

// E2E runs the real renderer in Debian's Chromium against `npm run demo` (started per worker by the fixture in
// test/e2e/fixtures.ts). Never `npx playwright install`: the browser comes from apt.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: [...CHROMIUM_ARGS],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser-demo', testIgnore: /electron\.spec\.ts$/ },
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
});
