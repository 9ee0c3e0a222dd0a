import { parseArgs } from 'node:util';

import { startSimulator } from './index';

/**
 * `npm run simulator -- --scenario demo|scale [--vms N --arc N --subscriptions N --seed N] [--latency MS]`
 * Starts the simulated Azure world, prints where it listens and who can sign in, and runs until SIGINT/SIGTERM.
 */

const usage = `Usage: npm run simulator -- [--scenario demo|scale] [--vms N] [--arc N] [--subscriptions N] [--seed N] [--latency MS]

  --scenario        demo (default): one machine per troubleshooting case; scale: generated world
  --vms, --arc, --subscriptions, --seed
                    sizes and seed of the scale scenario (defaults 10000, 2000, 200, 1)
  --latency MS      delay every ARM / Resource Graph answer by MS milliseconds
  --help            this text`;

function toCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'demo' },
      vms: { type: 'string' },
      arc: { type: 'string' },
      subscriptions: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.scenario !== 'demo' && values.scenario !== 'scale') throw new Error(`--scenario must be demo or scale, got '${values.scenario}'`);
  const latencyMs = toCount('latency', values.latency);
  const vms = toCount('vms', values.vms);
  const arcServers = toCount('arc', values.arc);
  const subscriptions = toCount('subscriptions', values.subscriptions);
  const seed = toCount('seed', values.seed);

  const started = performance.now();
  const sim = await startSimulator({
    scenario: values.scenario,
    scale: {
      ...(vms === undefined ? {} : { vms }),
      ...(arcServers === undefined ? {} : { arcServers }),
      ...(subscriptions === undefined ? {} : { subscriptions }),
      ...(seed === undefined ? {} : { seed }),
    },
    ...(latencyMs === undefined ? {} : { faults: { latencyMs } }),
  });
  const s = sim.scenario;
  const lines = [
    `RDP Broker simulator: scenario '${s.name}' started in ${Math.round(performance.now() - started)} ms`,
    `  ${s.virtualMachines.length} VMs, ${s.arcMachines.length} Arc servers, ${s.subscriptions.length} subscriptions, ${s.tenants.length} tenants`,
    '',
    'Clouds (HTTPS, self-signed certificate; trust it only in the process that uses it):',
    ...Object.entries(sim.clouds).map(([cloud, url]) => `  ${cloud.padEnd(18)} ${url}`),
    `Browser pages (HTTP):  ${sim.pagesUrl}`,
    '',
    'Users:',
    ...s.users.map((u) => {
      const home = s.tenants.find((t) => t.id === u.homeTenantId);
      const guest = u.guestOf.map((g) => s.tenants.find((t) => t.id === g.tenantId)?.displayName ?? g.tenantId);
      return `  ${u.upn.padEnd(34)} ${u.displayName} — ${home?.displayName ?? '?'} (${home?.cloud ?? '?'})${guest.length ? `, guest in ${guest.join(', ')}` : ''}`;
    }),
    '',
    'Tenants:',
    ...s.tenants.map((t) => `  ${t.id}  ${t.displayName} (${t.cloud})`),
    '',
    latencyMs ? `Latency: ${latencyMs} ms per ARM / Resource Graph request.` : '',
    'Stop with Ctrl+C.',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '');
  console.log(lines.join('\n'));

  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping the simulator…`);
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
});
