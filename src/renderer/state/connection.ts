import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import { useFavorites } from './favorites';
import type { AppError } from '../../shared/errors/app-error';
import type { ConnectResult } from '../../shared/ipc/schemas';
import { type FindingCode, findingCodeSchema } from '../../shared/readiness/finding';

/** How to connect: the sign-in method, and the favorite whose display and redirections apply. */
export interface ConnectOptions {
  readonly signInMethod: 'web-account' | 'password';
  readonly favoriteId?: string | undefined;
}

/**
 * One connect attempt. `confirm`: main's readiness gate found warnings; the user decides whether to go ahead
 * (the connection may still work), and only then is the file written.
 */
export type ConnectionState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'confirm';
      readonly machineId: string;
      readonly options: ConnectOptions;
      readonly warnings: readonly FindingCode[];
    }
  | { readonly status: 'connecting'; readonly machineId: string }
  | { readonly status: 'done'; readonly machineId: string; readonly result: ConnectResult }
  | { readonly status: 'failed'; readonly machineId: string; readonly error: AppError };

interface ConnectionSlice {
  readonly connection: ConnectionState;
  /** Connects; with warnings not yet acknowledged, main refuses and the slice asks the user instead. */
  readonly connect: (machineId: string, options: ConnectOptions, acknowledgeWarnings?: boolean) => Promise<void>;
  /** Asks before connecting, when the UI already knows the verdict has warnings. */
  readonly askToConfirm: (machineId: string, options: ConnectOptions, warnings: readonly FindingCode[]) => void;
  /** The user read the warnings and goes ahead. */
  readonly confirm: () => Promise<void>;
  /** Refuses a connection the UI already knows would fail, with the same error shape as main's refusals. */
  readonly refuse: (machineId: string, error: AppError) => void;
  /** The .rdp text Connect would write, for "Save .rdp as…"; null (with the error shown) when it cannot be built. */
  readonly buildRdp: (machineId: string, options: ConnectOptions) => Promise<{ fileName: string; rdpText: string } | null>;
  readonly reset: () => void;
}

/** Finding codes listed in an error's details (main names the warnings it stopped on). */
function findingsOf(error: AppError): FindingCode[] {
  const findings = error.details?.findings;
  if (!Array.isArray(findings)) return [];
  return findings.flatMap((code) => {
    const parsed = findingCodeSchema.safeParse(code);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The connect slice. */
export const useConnection = create<ConnectionSlice>()((set, get) => ({
  connection: { status: 'idle' },
  async connect(machineId, options, acknowledgeWarnings = false) {
    set({ connection: { status: 'connecting', machineId } });
    try {
      const result = await brokerClient().invoke('connect:start', {
        machineId,
        signInMethod: options.signInMethod,
        ...(options.favoriteId ? { favoriteId: options.favoriteId } : {}),
        ...(acknowledgeWarnings ? { acknowledgeWarnings: true } : {}),
      });
      set({ connection: { status: 'done', machineId, result } });
      // Main recorded the connection in the recent list; show it.
      void useFavorites.getState().reload();
    } catch (error: unknown) {
      const appError = asAppError(error);
      if (appError.code === 'CONNECT_NEEDS_CONFIRMATION' && !acknowledgeWarnings) {
        set({ connection: { status: 'confirm', machineId, options, warnings: findingsOf(appError) } });
        return;
      }
      set({ connection: { status: 'failed', machineId, error: appError } });
    }
  },
  askToConfirm(machineId, options, warnings) {
    set({ connection: { status: 'confirm', machineId, options, warnings } });
  },
  async confirm() {
    const current = get().connection;
    if (current.status !== 'confirm') return;
    await get().connect(current.machineId, current.options, true);
  },
  refuse(machineId, error) {
    set({ connection: { status: 'failed', machineId, error } });
  },
  async buildRdp(machineId, options) {
    try {
      return await brokerClient().invoke('rdp:build', {
        machineId,
        signInMethod: options.signInMethod,
        ...(options.favoriteId ? { favoriteId: options.favoriteId } : {}),
      });
    } catch (error: unknown) {
      set({ connection: { status: 'failed', machineId, error: asAppError(error) } });
      return null;
    }
  },
  reset() {
    set({ connection: { status: 'idle' } });
  },
}));
