import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { AuthService } from '../../auth/auth-service';
import { completeDemoConsent } from '../../auth/demo-consent';
import { createEncryptedCachePlugin } from '../../auth/encrypted-cache-plugin';
import { createOsKeyringCipher, resolveCliDataDir } from '../../auth/os-keyring-cipher';
import { startDemoEnvironment } from '../../demo/demo-environment';
import { createHttpTransport } from '../../net/http-transport';
import { type CliCommand, type CliIo, parseCliArgs } from '../command';
import type { AuthStatus } from '../../../shared/auth/schemas';
import { azureClouds, type CloudName, cloudNameSchema } from '../../../shared/clouds';
import { AppError } from '../../../shared/errors/app-error';
import type { AccountSummary } from '../../../shared/ipc/schemas';
import { CLIENT_ID_PLACEHOLDER } from '../../../shared/settings/schema';
import { toBrowserAuthorizeUrl } from '../../../simulator/index';

/** An auth service for one CLI run, and how to end it. */
export interface CliAuthSession {
  readonly auth: AuthService;
  /** Demo only: the simulator's "user typed the code" (for `--user`). */
  readonly approveDeviceCode: ((userCode: string, upn: string) => void) | null;
  close(): Promise<void>;
}

/** Builds the session; injected in tests (simulator, test cipher) and defaulted for real use. */
export type CliAuthFactory = (options: { readonly demo: boolean; readonly user: string | undefined; readonly io: CliIo }) => Promise<CliAuthSession>;

/**
 * The real session: Azure clouds, client id from RDP_BROKER_CLIENT_ID, system browser, token cache encrypted with a
 * key in the OS credential store under the per-user data folder (memory only when there is none).
 * `--demo`: the simulated tenant in this process, as the demo app uses it; nothing persists.
 */
export const createDefaultCliAuth: CliAuthFactory = async ({ demo, user, io }) => {
  if (demo) {
    const environment = await startDemoEnvironment({
      openBrowser: async (url, simulator) => {
        const pageUrl = toBrowserAuthorizeUrl(simulator, url);
        if (user) {
          await completeDemoConsent((target, init) => fetch(target, init), pageUrl, user);
          return;
        }
        io.err(`Open this page to pick a simulated account:\n  ${pageUrl}`);
        openSystemBrowser(pageUrl);
      },
    });
    return {
      auth: environment.broker.services.auth,
      approveDeviceCode: (code, upn) => environment.simulator.approveDeviceCode(code, upn),
      close: () => environment.stop(),
    };
  }
  const dataDir = resolveCliDataDir(process.env, process.platform);
  const cipher = await createOsKeyringCipher({ platform: process.platform, dataDir });
  const transport = createHttpTransport();
  const auth = new AuthService({
    clouds: azureClouds,
    clientId: () => process.env.RDP_BROKER_CLIENT_ID?.trim() || CLIENT_ID_PLACEHOLDER,
    networkClient: transport.msalNetworkClient,
    fetch: transport.fetch,
    openBrowser: (url) => {
      io.err(`Opening your browser to sign in. If it does not open, visit:\n  ${url}`);
      openSystemBrowser(url);
      return Promise.resolve();
    },
    cachePlugin: (cloud) => createEncryptedCachePlugin({ path: join(dataDir, 'auth', `msal-cache.${cloud}.bin`), cipher }),
  });
  return {
    auth,
    approveDeviceCode: null,
    close: async () => {
      await auth.dispose();
      await transport.close();
    },
  };
};

/** Starts the platform's URL opener without a shell (the URL is one argument, never parsed by cmd or sh). */
function openSystemBrowser(url: string): void {
  if (!/^https?:\/\//i.test(url)) return;
  const [file, args] =
    process.platform === 'win32'
      ? ['rundll32.exe', ['url.dll,FileProtocolHandler', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL was printed; the user can open it by hand.
  }
}

function parseCloud(value: string | undefined): CloudName {
  const parsed = cloudNameSchema.safeParse(value ?? 'AzureCloud');
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `--cloud must be one of ${cloudNameSchema.options.join(', ')}, got "${value ?? ''}"`, { field: 'cloud' });
  }
  return parsed.data;
}

/** One line on where the tokens are, so the user knows whether the next command will still be signed in. */
function describeCache(status: AuthStatus['cache'], demo: boolean): string {
  if (demo) return 'Demo mode: the simulated tenant and its tokens live only while this command runs.';
  if (status.persistence === 'encrypted') {
    return status.recoveredCorruptFile
      ? 'Tokens are saved encrypted. A damaged token cache was set aside; earlier sign-ins were lost.'
      : 'Tokens are saved encrypted with a key kept in the OS credential store.';
  }
  return `Tokens are kept in memory only, so this sign-in ends when the command exits. ${status.detail ?? ''}`.trim();
}

function describeAccount(account: AccountSummary): string {
  return `${account.username}${account.name ? ` (${account.name})` : ''} · ${account.cloud} · home tenant ${account.homeTenantId}`;
}

/** Finds an account by id or user name (case-insensitive); a name signed in to two clouds must be given by id. */
function pickAccount(accounts: readonly AccountSummary[], wanted: string): AccountSummary {
  const byId = accounts.find((account) => account.id === wanted);
  if (byId) return byId;
  const byName = accounts.filter((account) => account.username.toLowerCase() === wanted.toLowerCase());
  if (byName.length > 1) {
    throw new AppError('VALIDATION_FAILED', `"${wanted}" is signed in to several clouds; give the account id instead.`, {
      ids: byName.map((account) => account.id),
    });
  }
  const [found] = byName;
  if (!found) throw new AppError('AUTH_NO_ACCOUNT', `No signed-in account "${wanted}". Run "accounts" to list them.`, { account: wanted });
  return found;
}

function refuseExtra(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new AppError('VALIDATION_FAILED', `Unexpected argument "${positionals[0] ?? ''}".`, { field: 'argument' });
}

async function withSession<T>(factory: CliAuthFactory, options: Parameters<CliAuthFactory>[0], body: (session: CliAuthSession) => Promise<T>): Promise<T> {
  const session = await factory(options);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/** The auth commands on a given session factory (tests inject one on the simulator). */
export function createAuthCommands(factory: CliAuthFactory = createDefaultCliAuth): CliCommand[] {
  const login: CliCommand = {
    name: 'login',
    summary: 'Sign in with Microsoft Entra ID (system browser, or a device code).',
    usage: 'login [--device-code] [--cloud AzureCloud|AzureUSGovernment|AzureChinaCloud] [--login-hint UPN] [--demo [--user UPN]]',
    async run(argv, io) {
      const { values, positionals } = parseCliArgs(argv, {
        'device-code': { type: 'boolean', default: false },
        cloud: { type: 'string' },
        'login-hint': { type: 'string' },
        demo: { type: 'boolean', default: false },
        user: { type: 'string' },
      });
      refuseExtra(positionals);
      const cloud = parseCloud(values.cloud);
      if (values.user && !values.demo) throw new AppError('VALIDATION_FAILED', '--user picks a simulated account; use it with --demo.', { field: 'user' });
      const user = values.user ?? values['login-hint'];
      return withSession(factory, { demo: values.demo, user, io }, async (session) => {
        const account = values['device-code']
          ? await session.auth.signInWithDeviceCode(cloud, (info) => {
              io.out(info.message);
              io.out(`The code expires at ${new Date(info.expiresAt).toLocaleTimeString()}.`);
              if (values.demo && values.user) session.approveDeviceCode?.(info.userCode, values.user);
            })
          : await session.auth.signInInteractive(cloud, user);
        io.out(`Signed in: ${describeAccount(account)}`);
        io.out(`Account id: ${account.id}`);
        io.out(describeCache((await session.auth.getStatus()).cache, values.demo));
        return 0;
      });
    },
  };

  const accounts: CliCommand = {
    name: 'accounts',
    summary: 'List signed-in accounts and where their tokens are kept.',
    usage: 'accounts [--json]',
    async run(argv, io) {
      const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean', default: false } });
      refuseExtra(positionals);
      return withSession(factory, { demo: false, user: undefined, io }, async (session) => {
        const list = await session.auth.listAccounts();
        const status = await session.auth.getStatus();
        if (values.json) {
          io.out(JSON.stringify({ accounts: list, cache: status.cache, attention: status.attention }, null, 2));
          return 0;
        }
        if (list.length === 0) io.out('No account is signed in.');
        for (const account of list) io.out(`${describeAccount(account)}\n  id ${account.id}`);
        io.out(describeCache(status.cache, false));
        return 0;
      });
    },
  };

  const logout: CliCommand = {
    name: 'logout',
    summary: 'Sign one account out and remove its cached tokens.',
    usage: 'logout <account id or user name>',
    async run(argv, io) {
      const { positionals } = parseCliArgs(argv, {});
      const [wanted, ...extra] = positionals;
      if (!wanted || extra.length > 0) throw new AppError('VALIDATION_FAILED', 'Usage: logout <account id or user name>', { field: 'account' });
      return withSession(factory, { demo: false, user: undefined, io }, async (session) => {
        const account = pickAccount(await session.auth.listAccounts(), wanted);
        await session.auth.signOut(account.id);
        io.out(`Signed out ${account.username} (${account.cloud}); its cached tokens were removed.`);
        return 0;
      });
    },
  };

  const tenants: CliCommand = {
    name: 'tenants',
    summary: 'List the tenants an account can use (home tenant first; others are guest or delegated).',
    usage: 'tenants <account id or user name> [--json]',
    async run(argv, io) {
      const { values, positionals } = parseCliArgs(argv, { json: { type: 'boolean', default: false } });
      const [wanted] = positionals;
      if (!wanted) throw new AppError('VALIDATION_FAILED', 'Usage: tenants <account id or user name> [--json]', { field: 'account' });
      return withSession(factory, { demo: false, user: undefined, io }, async (session) => {
        const account = pickAccount(await session.auth.listAccounts(), wanted);
        const list = await session.auth.listTenants(account.id);
        if (values.json) io.out(JSON.stringify(list, null, 2));
        else {
          for (const tenant of list) {
            const kind = tenant.isHome ? 'home tenant' : 'not home: guest or delegated, no Entra sign-in to machines';
            io.out(`${tenant.tenantId}  ${tenant.displayName}${tenant.defaultDomain ? ` (${tenant.defaultDomain})` : ''}  [${kind}]`);
          }
        }
        return 0;
      });
    },
  };

  return [login, accounts, logout, tenants];
}

/** `login`, `accounts`, `logout`, `tenants` on the real session. */
export const authCommands: readonly CliCommand[] = createAuthCommands();
