import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { clientStateCommand, explainCommand } from '../../../src/main/cli/commands/readiness';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dsregcmd/${name}`, import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('cli explain', () => {
  it.each([
    ['Your account is configured to prevent you from using this device', 'MSG_ACCOUNT_PREVENTED'],
    ['-2145648574', 'EXTENSION_FAILED_1007_MSI'],
    ['0x801C0042', 'EXTENSION_FAILED_1007_MSI'],
    ['DSREG_AUTOJOIN_DISC_FAILED', 'EXTENSION_FAILED_DISCOVERY'],
    ['AADSTS293004', 'MSG_AADSTS293004'],
  ])('explains "%s"', async (text, id) => {
    const { io, out } = capture();
    await expect(explainCommand.run([text, '--json'], io)).resolves.toBe(0);
    const results = JSON.parse(out.join('\n')) as { id: string }[];
    expect(results.map((result) => result.id)).toContain(id);
  });

  it('says so, and exits non-zero, when nothing matches', async () => {
    const { io, out } = capture();
    await expect(explainCommand.run(['purple elephants dancing'], io)).resolves.toBe(1);
    expect(out.join('\n')).toContain('No known explanation');
  });
});

describe('cli client-state', () => {
  it('prints the promised JSON fields from a saved dsregcmd output', async () => {
    const { io, out } = capture();
    await expect(clientStateCommand.run(['--dsregcmd-file', fixture('hybrid-joined.txt'), '--json'], io)).resolves.toBe(0);
    const state = JSON.parse(out.join('\n')) as Record<string, unknown>;
    expect(state).toMatchObject({ joinType: 'hybrid-joined', azureAdJoined: true, domainJoined: true, enterpriseJoined: false });
    for (const key of ['workplaceJoined', 'tenantId', 'tenantName', 'azureAdPrt']) expect(state).toHaveProperty(key);
  });

  it('exits non-zero on unparseable input and prints no guess', async () => {
    const { io, out, err } = capture();
    await expect(clientStateCommand.run(['--dsregcmd-file', fixture('garbage.txt'), '--json'], io)).resolves.toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('Could not read the join state');
  });

  it('reports an unknown state on a non-Windows computer instead of guessing', async () => {
    const { io, out } = capture();
    if (process.platform === 'win32') return;
    await expect(clientStateCommand.run(['--json'], io)).resolves.toBe(1);
    expect(out).toEqual([]);
  });
});
