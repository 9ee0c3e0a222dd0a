import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import { hostActions } from './host';
import type { AppError } from '../../shared/errors/app-error';
import type { CloudName } from '../../shared/clouds';
import type { AuthStatus, DeviceCodeInfo } from '../../shared/auth/schemas';
import type { AccountSummary, AppInfo } from '../../shared/ipc/schemas';

export { asAppError } from './errors';

/** The sign-in attempt in progress, if any. */
export type SignInPhase =
  | { readonly status: 'idle' }
  | { readonly status: 'waiting-for-browser'; readonly cloud: CloudName; readonly url: string | null }
  | { readonly status: 'failed'; readonly error: AppError };

interface SessionState {
  readonly load: { readonly status: 'loading' } | { readonly status: 'ready' } | { readonly status: 'failed'; readonly error: AppError };
  readonly info: AppInfo | null;
  readonly accounts: readonly AccountSummary[];
  readonly signIn: SignInPhase;
  /** The user asked to add another account while signed in: show the sign-in screen over the app. */
  readonly addingAccount: boolean;
  /** Tenant display names by tenant id, from the signed-in accounts (for filters; ids are shown where unknown). */
  readonly tenantNames: ReadonlyMap<string, string>;
  /** Token cache, broker and accounts that must sign in again; null until main answers. */
  readonly authStatus: AuthStatus | null;
  /** The code to enter while a device-code sign-in waits; null otherwise. */
  readonly deviceCode: DeviceCodeInfo | null;
  readonly signInWithCode: (cloud: CloudName) => Promise<void>;
  readonly initialise: () => Promise<void>;
  readonly signInInteractive: (cloud: CloudName, loginHint?: string) => Promise<void>;
  readonly cancelSignIn: () => Promise<void>;
  readonly signOut: (accountId: string) => Promise<void>;
  readonly setAddingAccount: (adding: boolean) => void;
}

/** Accounts and sign-in: the session slice. */
export const useSession = create<SessionState>()((set, get) => ({
  load: { status: 'loading' },
  info: null,
  accounts: [],
  signIn: { status: 'idle' },
  addingAccount: false,
  tenantNames: new Map(),
  authStatus: null,
  deviceCode: null,

  async initialise() {
    const client = brokerClient();
    const loadTenantNames = async (accounts: readonly AccountSummary[]) => {
      const names = new Map<string, string>();
      for (const account of accounts) {
        // Names only label the tenant filter: an account whose tenants cannot be listed keeps showing ids.
        const tenants = await client.invoke('auth:tenants', { accountId: account.id }).catch(() => []);
        for (const tenant of tenants) names.set(tenant.tenantId, tenant.displayName);
      }
      set({ tenantNames: names });
    };
    client.on('auth:status', (authStatus) => set({ authStatus }));
    client.on('auth:device-code', (deviceCode) => set({ deviceCode }));
    client.on('auth:changed', ({ accounts }) => {
      set({ accounts });
      void loadTenantNames(accounts);
    });
    client.on('auth:browser', ({ url }) => {
      // In the browser demo there is no system browser to hand the page to: this tab opens it.
      if (get().info?.mode === 'demo') hostActions().openUrl(url);
      const phase = get().signIn;
      if (phase.status === 'waiting-for-browser') set({ signIn: { ...phase, url } });
    });
    try {
      const [info, accounts] = await Promise.all([client.invoke('app:info', {}), client.invoke('auth:accounts', {})]);
      set({ info, accounts, load: { status: 'ready' } });
      void loadTenantNames(accounts);
      // Status only adds explanations (memory-only cache, "sign in again"); without it the app still works.
      void client.invoke('auth:status', {}).then(
        (authStatus) => set({ authStatus }),
        () => undefined,
      );
    } catch (error: unknown) {
      set({ load: { status: 'failed', error: asAppError(error) } });
    }
  },

  async signInInteractive(cloud, loginHint) {
    set({ signIn: { status: 'waiting-for-browser', cloud, url: null } });
    try {
      const account = await brokerClient().invoke('auth:sign-in', {
        cloud,
        method: 'interactive',
        ...(loginHint ? { loginHint } : {}),
      });
      set((state) => ({
        signIn: { status: 'idle' },
        addingAccount: false,
        accounts: [...state.accounts.filter((each) => each.id !== account.id), account],
      }));
    } catch (error: unknown) {
      set({ signIn: { status: 'failed', error: asAppError(error) } });
    }
  },

  async signInWithCode(cloud) {
    set({ signIn: { status: 'waiting-for-browser', cloud, url: null }, deviceCode: null });
    try {
      const account = await brokerClient().invoke('auth:sign-in', { cloud, method: 'device-code' });
      set((state) => ({
        signIn: { status: 'idle' },
        deviceCode: null,
        addingAccount: false,
        accounts: [...state.accounts.filter((each) => each.id !== account.id), account],
      }));
    } catch (error: unknown) {
      set({ signIn: { status: 'failed', error: asAppError(error) }, deviceCode: null });
    }
  },

  async cancelSignIn() {
    await brokerClient().invoke('auth:cancel', {});
    set({ signIn: { status: 'idle' }, deviceCode: null });
  },

  async signOut(accountId) {
    await brokerClient().invoke('auth:sign-out', { accountId });
    set((state) => ({ accounts: state.accounts.filter((each) => each.id !== accountId) }));
  },

  setAddingAccount(adding) {
    set({ addingAccount: adding, signIn: { status: 'idle' } });
  },
}));
