import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { startDemoEnvironment } from './demo-environment';
import { startHttpBridge } from '../bridge/http-bridge';

// `npm run demo`: the real renderer in your browser, the real main-process services behind a loopback bridge,
// and the simulated tenant instead of Azure. Nothing leaves 127.0.0.1.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5199' },
    scenario: { type: 'string', default: 'demo' },
    // Where favorites.json lives; default: a fresh temp folder removed on exit. E2E points it at prepared files.
    'data-dir': { type: 'string' },
    // Sizes of the generated world for --scenario scale (defaults: 10,000 VMs, 2,000 Arc servers, 200 subscriptions).
    vms: { type: 'string' },
    arc: { type: 'string' },
    subscriptions: { type: 'string' },
    seed: { type: 'string' },
    // Simulated trouble, to see the app's partial-failure and progress states.
    'forbid-subscription': { type: 'string', multiple: true },
    'latency-ms': { type: 'string' },
  },
  strict: true,
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a number from 0 to 65535, got "${values.port}"\n`);
  process.exit(2);
}
if (values.scenario !== 'demo' && values.scenario !== 'scale') {
  process.stderr.write(`--scenario must be demo or scale, got "${values.scenario}"\n`);
  process.exit(2);
}

function countOption(name: 'vms' | 'arc' | 'subscriptions' | 'seed', max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (name === 'subscriptions' ? 1 : 0) || value > max) {
    process.stderr.write(`--${name} must be a whole number up to ${max}, got "${raw}"\n`);
    process.exit(2);
  }
  if (values.scenario !== 'scale') {
    process.stderr.write(`--${name} only applies to --scenario scale\n`);
    process.exit(2);
  }
  return value;
}
const vms = countOption('vms', 50_000);
const arcServers = countOption('arc', 50_000);
const subscriptions = countOption('subscriptions', 2_000);
const seed = countOption('seed', 2 ** 31);
const scale = {
  ...(vms !== undefined ? { vms } : {}),
  ...(arcServers !== undefined ? { arcServers } : {}),
  ...(subscriptions !== undefined ? { subscriptions } : {}),
  ...(seed !== undefined ? { seed } : {}),
};
const latencyMs = values['latency-ms'] === undefined ? 0 : Number(values['latency-ms']);
if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000) {
  process.stderr.write(`--latency-ms must be a whole number of milliseconds up to 60000, got "${values['latency-ms']}"\n`);
  process.exit(2);
}
const faults = { latencyMs, forbiddenSubscriptions: values['forbid-subscription'] ?? [] };
const ownDataDir = values['data-dir'] === undefined;
const dataDir = ownDataDir ? await mkdtemp(join(tmpdir(), 'rdp-broker-demo-')) : resolve(values['data-dir'] ?? '');

const environment = await startDemoEnvironment({
  scenario: values.scenario,
  scale,
  dataDir,
  faults,
  log: (message, meta) => process.stderr.write(`[demo] ${message} ${JSON.stringify(meta)}\n`),
});
const bridge = await startHttpBridge({
  handlers: environment.broker.handlers,
  events: environment.broker.events,
  rendererDir: fileURLToPath(new URL('../../../dist/renderer', import.meta.url)),
  port,
});

process.stdout.write(
  [
    '',
    'RDP Broker demo is running (simulated tenant; nothing reaches Azure).',
    `Open ${bridge.url}`,
    '',
    `Data folder: ${dataDir}${ownDataDir ? ' (temporary, removed on exit)' : ''}`,
    '',
    'Demo accounts:',
    ...environment.simulator.scenario.users.map((user) => `  ${user.upn}  (${user.displayName})`),
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await environment.stop();
  if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
