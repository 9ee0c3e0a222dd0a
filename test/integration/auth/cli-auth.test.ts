import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { AuthService } from '../../../src/main/auth/auth-service';
import { type CliAuthFactory, createAuthCommands } from '../../../src/main/cli/commands/auth';
import type { CliCommand } from '../../../src/main/cli/command';
import { simulatedClouds } from '../../../src/shared/clouds';
import { createFakeBrowser } from '../../support/fake-browser';
import { type AuthHarness, CLIENT_ID, createCacheDir, DEMO, startAuthHarness } from './support';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err, text: () => out.join('\n') };
}

function command(commands: readonly CliCommand[], name: string): CliCommand {
  const found = commands.find((each) => each.name === name);
  if (!found) throw new Error(`no ${name} command`);
  return found;
}

describe('cli: login, accounts, logout, tenants on the auth service', () => {
  let h: AuthHarness;
  let cache: Awaited<ReturnType<typeof createCacheDir>>;
  let commands: CliCommand[];

  beforeAll(async () => {
    h = await startAuthHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    cache = await createCacheDir();
    // Each command run is a new "process": a new service over the same encrypted files and key.
    const factory: CliAuthFactory = ({ user }) => {
      const auth = new AuthService({
        clouds: simulatedClouds(h.sim.clouds),
        clientId: () => CLIENT_ID,
        networkClient: h.transport.msalNetworkClient,
        fetch: h.transport.fetch,
        openBrowser: createFakeBrowser({ fetch: h.transport.fetch, ...(user ? { upn: user } : {}) }).openBrowser,
        cachePlugin: cache.plugins(),
      });
      return Promise.resolve({ auth, approveDeviceCode: null, close: () => auth.dispose() });
    };
    commands = createAuthCommands(factory);
  });
  afterEach(async () => {
    await cache.remove();
  });

  it('logs in, lists the account in a later run, lists its tenants, and logs out', async () => {
    const login = capture();
    await expect(command(commands, 'login').run(['--login-hint', DEMO.avery], login.io)).resolves.toBe(0);
    expect(login.text()).toContain(`Signed in: ${DEMO.avery} (Avery Jansen) · AzureCloud · home tenant ${DEMO.contoso}`);
    expect(login.text()).toContain('saved encrypted');

    const listed = capture();
    await expect(command(commands, 'accounts').run(['--json'], listed.io)).resolves.toBe(0);
    const json = JSON.parse(listed.text()) as { accounts: { id: string; username: string }[]; cache: { persistence: string } };
    expect(json.accounts.map((each) => each.username)).toEqual([DEMO.avery]);
    expect(json.cache.persistence).toBe('encrypted');

    const tenants = capture();
    await expect(command(commands, 'tenants').run([DEMO.avery.toUpperCase()], tenants.io)).resolves.toBe(0);
    expect(tenants.out[0]).toContain(`${DEMO.contoso}  Contoso (contoso.example)  [home tenant]`);
    expect(tenants.out[1]).toContain(`${DEMO.fabrikam}  Fabrikam`);
    expect(tenants.out[1]).toContain('guest or delegated');

    const logout = capture();
    await expect(command(commands, 'logout').run([DEMO.avery], logout.io)).resolves.toBe(0);
    expect(logout.text()).toContain(`Signed out ${DEMO.avery}`);
    const after = capture();
    await command(commands, 'accounts').run([], after.io);
    expect(after.out[0]).toBe('No account is signed in.');
    await expect(command(commands, 'logout').run([DEMO.avery], capture().io)).rejects.toMatchObject({ code: 'AUTH_NO_ACCOUNT' });
  });

  it('validates its arguments', async () => {
    await expect(command(commands, 'login').run(['--cloud', 'Mars'], capture().io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(command(commands, 'login').run(['--user', DEMO.avery], capture().io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(command(commands, 'login').run(['extra'], capture().io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(command(commands, 'logout').run([], capture().io)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('cli with the default session', () => {
  const saved = { ...process.env };
  const dirs: Awaited<ReturnType<typeof createCacheDir>>[] = [];
  const dataDir = async () => {
    const dir = await createCacheDir();
    dirs.push(dir);
    return dir.dir;
  };
  afterEach(async () => {
    process.env = { ...saved };
    await Promise.all(dirs.splice(0).map((dir) => dir.remove()));
  });

  it('login --demo signs in to the in-process simulator, interactively and with a device code', async () => {
    const commands = createAuthCommands();
    const interactive = capture();
    await expect(command(commands, 'login').run(['--demo', '--user', DEMO.avery], interactive.io)).resolves.toBe(0);
    expect(interactive.text()).toContain(`Signed in: ${DEMO.avery}`);
    expect(interactive.text()).toContain('Demo mode');

    const device = capture();
    await expect(command(commands, 'login').run(['--demo', '--device-code', '--cloud', 'AzureUSGovernment', '--user', DEMO.gov], device.io)).resolves.toBe(0);
    expect(device.out[0]).toMatch(/enter the code [A-Z0-9]{9}/);
    expect(device.text()).toContain(`Signed in: ${DEMO.gov}`);
    expect(device.text()).toContain('AzureUSGovernment');
  });

  it('refuses a real cloud without a client id, explaining the app registration', async () => {
    delete process.env.RDP_BROKER_CLIENT_ID;
    process.env.RDP_BROKER_DATA_DIR = await dataDir();
    const error: unknown = await command(createAuthCommands(), 'login')
      .run(['--cloud', 'AzureChinaCloud'], capture().io)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AUTH_CLIENT_ID_MISSING' });
    expect((error as Error).message).toContain('Allow public client flows');
  });

  it('accounts says where tokens are kept on this machine', async () => {
    process.env.RDP_BROKER_DATA_DIR = await dataDir();
    const listed = capture();
    await expect(command(createAuthCommands(), 'accounts').run([], listed.io)).resolves.toBe(0);
    expect(listed.out[0]).toBe('No account is signed in.');
    expect(listed.out[1]).toMatch(/^(Tokens are kept in memory only|Tokens are saved encrypted)/);
  });
});
