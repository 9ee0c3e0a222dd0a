import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { startDemoEnvironment } from './demo-environment';
import { startHttpBridge } from '../bridge/http-bridge';

// `npm run demo`: the real renderer in your browser, the real main-process services behind a loopback bridge,
// and the simulated tenant instead of Azure. Nothing leaves 127.0.0.1.
const { values } = parseArgs({
  options: { port: { type: 'string', default: '5199' }, scenario: { type: 'string', default: 'demo' } },
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

const environment = await startDemoEnvironment({
  scenario: values.scenario,
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
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
