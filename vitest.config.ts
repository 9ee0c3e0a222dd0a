import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './test/support/chromium';

export default defineConfig({
  test: {
    // Forks, not threads: integration tests start HTTPS servers and child processes per file.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node' } },
      {
        // Components mounted one at a time in Debian's Chromium (the same browser as E2E; never downloaded), with the
        // renderer's React transform and its real stylesheet, so layout, virtualization and focus behave as in the app.
        extends: true,
        plugins: [react()],
        optimizeDeps: {
          // Pre-bundled up front: discovering them mid-run makes Vite reload the page and the run flaky.
          include: ['react', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', 'zustand', '@tanstack/react-virtual', 'zod', 'vitest-browser-react'],
        },
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          css: true,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              // A click or select that cannot happen fails in seconds, not at the 30 s test timeout.
              actionTimeout: 5_000,
              launchOptions: {
                executablePath: CHROMIUM_EXECUTABLE,
                args: [...CHROMIUM_ARGS],
              },
            }),
            instances: [{ browser: 'chromium' }],
            viewport: { width: 1280, height: 800 },
            // Failure screenshots go with the other test output, not next to the tests.
            screenshotDirectory: 'test-results/component',
          },
        },
      },
    ],
  },
});
