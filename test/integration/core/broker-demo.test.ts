import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { completeDemoConsent } from '../../../src/main/auth/demo-consent';
import { type DemoEnvironment, startDemoEnvironment } from '../../../src/main/demo/demo-environment';
import { dispatchInvoke } from '../../../src/main/ipc/dispatch';
import { toBrowserAuthorizeUrl } from '../../../src/simulator/index';
import type { ListedMachine } from '../../../src/shared/ipc/schemas';
import { decodeRdpFile } from '../../../src/shared/rdp/parse-rdp';

/**
 * The whole main-process core against the simulated tenant, through the contract's dispatcher exactly as the
 * Electron shell and the demo bridge call it: sign in, discover, check, gate, connect, start.
 */
describe('the broker core over the demo tenant', () => {
  let demo: DemoEnvironment;
  let machines: ListedMachine[];
  const invoke = async (channel: string, input: unknown) => dispatchInvoke(demo.broker.handlers, channel, input);
  const byName = (name: string) => {
    const found = machines.find((machine) => machine.name === name);
    if (!found) throw new Error(`${name} not discovered`);
    return found;
  };

  beforeAll(async () => {
    demo = await startDemoEnvironment({
      openBrowser: (url, simulator) =>
        completeDemoConsent((target, init) => fetch(target, init), toBrowserAuthorizeUrl(simulator, url), 'avery@contoso.example'),
    });
    const signIn = await invoke('auth:sign-in', { cloud: 'AzureCloud', method: 'interactive', loginHint: 'avery@contoso.example' });
    expect(signIn).toMatchObject({ ok: true, value: { username: 'avery@contoso.example' } });
    await invoke('machines:refresh', {});
    await demo.broker.services.discovery.settled();
    const snapshot = await invoke('machines:snapshot', {});
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    machines = (snapshot.value as { machines: ListedMachine[] }).machines;
  }, 60_000);
  afterAll(() => demo.stop());

  it('lists at least 15 machines, each with a verdict', () => {
    expect(machines.length).toBeGreaterThanOrEqual(15);
    for (const machine of machines) expect(['ready', 'warnings', 'blocked']).toContain(machine.verdict.status);
    expect(byName('vm-web-01').verdict.status).not.toBe('blocked');
    expect(byName('fab-app-01').verdict.findings.map((f) => f.code)).toContain('GUEST_ACCOUNT');
  });

  it('the full check reads the extension instance view: 1007 is named as such', async () => {
    const result = await invoke('readiness:check', { machineId: byName('vm-ext-1007').id });
    expect(result).toMatchObject({ ok: true });
    const codes = (result as { value: { verdict: { findings: { code: string }[] } } }).value.verdict.findings.map((f) => f.code);
    expect(codes).toContain('EXTENSION_FAILED_1007_MSI');
  });

  it('the full check resolves the dial name (simulated DNS): a stale record is a warning', async () => {
    const result = await invoke('readiness:check', { machineId: byName('vm-custom-role').id });
    const codes = (result as { value: { verdict: { findings: { code: string }[] } } }).value.verdict.findings.map((f) => f.code);
    expect(codes).toContain('DNS_RESOLVES_ELSEWHERE');
  });

  it('refuses to connect to a blocked machine and says why', async () => {
    const result = await invoke('connect:start', { machineId: byName('vm-owner-only').id });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONNECT_BLOCKED' } });
    expect(JSON.stringify(result)).toContain('ACCESS_NONE');
  });

  it('asks for confirmation on warnings, then connects once acknowledged', async () => {
    const id = byName('vm-custom-role').id;
    expect(await invoke('connect:start', { machineId: id })).toMatchObject({ ok: false, error: { code: 'CONNECT_NEEDS_CONFIRMATION' } });
    const result = await invoke('connect:start', { machineId: id, acknowledgeWarnings: true });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'written', warnings: expect.arrayContaining(['DNS_RESOLVES_ELSEWHERE']) as unknown } });
  });

  it('writes the .rdp for a healthy machine with its Entra device name and web-account sign-in', async () => {
    const result = await invoke('connect:start', { machineId: byName('vm-web-01').id });
    expect(result).toMatchObject({ ok: true, value: { outcome: 'written' } });
    const { filePath } = (result as { value: { filePath: string } }).value;
    const text = decodeRdpFile(readFileSync(filePath));
    expect(text).toContain('full address:s:CONTOSO-WEB01\r\n');
    expect(text).toContain('enablerdsaadauth:i:1\r\n');
    expect(text).not.toMatch(/alternate shell|password 51/i);
  });

  it('starts a deallocated VM the user may start, and refuses one they may not', async () => {
    const progress: string[] = [];
    const stop = demo.broker.events.subscribe((event, payload) => {
      if (event === 'machines:start-progress') progress.push((payload as { phase: string }).phase);
    });
    const started = await invoke('machines:start', { machineId: byName('vm-dev-02').id });
    stop();
    expect(started).toMatchObject({ ok: true, value: { name: 'vm-dev-02', powerState: 'running' } });
    expect(progress).toContain('running');
    expect(await invoke('machines:start', { machineId: byName('vm-app-dealloc').id })).toMatchObject({
      ok: false,
      error: { code: 'MACHINE_START_FORBIDDEN' },
    });
  }, 60_000);
});
