import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Forks, not threads: integration tests start HTTPS servers and child processes per file.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node' } },
    ],
  },
});

