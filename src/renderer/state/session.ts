import { create } from 'zustand';

import { brokerClient } from './client';
import { AppError, isAppError } from '../../shared/errors/app-error';
import type { CloudName } from '../../shared/clouds';
import type { AccountSummary, AppInfo } from '../../shared/ipc/schemas';

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
  initialise(): Promise<void>;
  signInInteractive(cloud: CloudName, loginHint?: string): Promise<void>;
  cancelSignIn(): Promise<void>;
  signOut(accountId: string): Promise<void>;
}

/** Accounts and sign-in: the session slice. */
export const useSession = create<SessionState>()((set, get) => ({
  load: { status: 'loading' },
  info: null,
  accounts: [],
  signIn: { status: 'idle' },

  async initialise() {
    const client = brokerClient();
    client.on('auth:changed', ({ accounts }) => set({ accounts }));
    client.on('auth:browser', ({ url }) => {
      // In the browser demo there is no system browser to hand the page to: this tab opens it.
      if (get().info?.mode === 'demo') window.open(url, '_blank', 'noopener');
      const phase = get().signIn;
      if (phase.status === 'waiting-for-browser') set({ signIn: { ...phase, url } });
    });
    try {
      const [info, accounts] = await Promise.all([client.invoke('app:info', {}), client.invoke('auth:accounts', {})]);
      set({ info, accounts, load: { status: 'ready' } });
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
        accounts: [...state.accounts.filter((each) => each.id !== account.id), account],
      }));
    } catch (error: unknown) {
      set({ signIn: { status: 'failed', error: asAppError(error) } });
    }
  },

  async cancelSignIn() {
    await brokerClient().invoke('auth:cancel', {});
    set({ signIn: { status: 'idle' } });
  },

  async signOut(accountId) {
    await brokerClient().invoke('auth:sign-out', { accountId });
    set((state) => ({ accounts: state.accounts.filter((each) => each.id !== accountId) }));
  },
}));

/** Anything caught becomes an AppError so the UI can always show a catalogue entry. */
export function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
}
