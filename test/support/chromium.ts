/**
 * Debian's Chromium (apt), never a Playwright download: one place for its path and flags, used by the E2E suite, the
 * component tier and the UI benchmark. The flags keep a headless run off the network and free of first-run work;
 * `--no-sandbox` because CI runs as root in a VM without user namespaces.
 */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags for every Chromium the tests and benchmarks start. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
