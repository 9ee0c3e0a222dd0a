import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createListCommand, listCommand } from '../../../src/main/cli/commands/list';
import type { Machine } from '../../../src/shared/domain/machine';
import { DEMO, type DiscoveryHarness, startDiscoveryHarness } from './support';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('cli list', () => {
  it('--demo --json runs the simulator in-process, signs in as the demo user and prints one JSON object', async () => {
    const { io, out } = capture();
    await expect(listCommand.run(['--demo', '--json'], io)).resolves.toBe(0);
    const result = JSON.parse(out.join('\n')) as { status: string; machines: Machine[]; problems: unknown[] };
    expect(result.status).toBe('complete');
    expect(result.problems).toEqual([]);
    const names = result.machines.map((m) => m.name);
    expect(names).toContain('vm-web-01');
    expect(names).toContain('arc-fs-2025');
    // Default view: only machines the user may sign in to.
    expect(names).not.toContain('vm-owner-only');
    expect(result.machines.every((m) => m.access.right === 'user' || m.access.right === 'admin')).toBe(true);
  });

  describe('on a shared simulator', () => {
    let h: DiscoveryHarness;
    let signedIn = false;
    const command = () =>
      createListCommand(async () => {
        if (!signedIn) {
          await h.signIn(DEMO.avery);
          signedIn = true;
        }
        return { auth: h.auth, clouds: h.clouds, transportPolicy: h.transport.azurePipelinePolicy, close: () => Promise.resolve() };
      });

    beforeAll(async () => {
      h = await startDiscoveryHarness();
    });
    afterAll(async () => {
      await h.close();
    });

    it('--all adds the machines without the right, with the reason in JSON', async () => {
      const { io, out } = capture();
      await expect(command().run(['--all', '--json'], io)).resolves.toBe(0);
      const result = JSON.parse(out.join('\n')) as { machines: Machine[] };
      const owner = result.machines.find((m) => m.name === 'vm-owner-only');
      expect(owner?.access).toMatchObject({ right: 'none', hasControlPlaneOnly: true });
      expect(result.machines).toHaveLength(28);
    });

    it('prints a table, a summary and progress on stderr', async () => {
      const { io, out, err } = capture();
      await expect(command().run([], io)).resolves.toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/^NAME\s+KIND\s+RIGHT\s+STATE/m);
      expect(text).toMatch(/^vm-admin-login\s+vm\s+admin\s+running\s+/m);
      expect(text).toMatch(/^arc-print-2025\s+arc\s+user\s+arc expired/m);
      expect(text).toContain('25 machines you may sign in to; 3 more without the right (--all shows them).');
      expect(err.some((line) => line.startsWith('Checking sign-in rights'))).toBe(true);
    });

    it('exits 1 and names the scope when the list is partial', async () => {
      h.sim.setFaults({ forbiddenSubscriptions: [DEMO.devTest] });
      try {
        const { io, err } = capture();
        await expect(command().run([], io)).resolves.toBe(1);
        expect(err.join('\n')).toContain(`Could not read Contoso Dev/Test (/subscriptions/${DEMO.devTest}): AZURE_FORBIDDEN`);
        expect(err.join('\n')).toContain('The list is partial');
      } finally {
        h.sim.setFaults({ forbiddenSubscriptions: [] });
      }
    });

    it('refuses unknown flags', async () => {
      const { io } = capture();
      await expect(command().run(['--everything'], io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
