import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import { useFavorites } from './favorites';
import type { AppError } from '../../shared/errors/app-error';
import type { ConnectResult } from '../../shared/ipc/schemas';

/** One connect attempt. */
export type ConnectionState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly machineId: string }
  | { readonly status: 'done'; readonly machineId: string; readonly result: ConnectResult }
  | { readonly status: 'failed'; readonly machineId: string; readonly error: AppError };

/** How to connect: the sign-in method, and the favorite whose display and redirections apply. */
export interface ConnectOptions {
  readonly signInMethod: 'web-account' | 'password';
  readonly favoriteId?: string | undefined;
  /** The user has seen the readiness warnings and chose to go ahead (main refuses warnings otherwise). */
  readonly acknowledgeWarnings?: boolean;
}

interface ConnectionSlice {
  readonly connection: ConnectionState;
  readonly connect: (machineId: string, options: ConnectOptions) => Promise<void>;
  /** Refuses a connection the UI already knows would fail, with the same error shape as main's refusals. */
  readonly refuse: (machineId: string, error: AppError) => void;
  /** The .rdp text Connect would write, for "Save .rdp as…"; null (with the error shown) when it cannot be built. */
  readonly buildRdp: (machineId: string, options: ConnectOptions) => Promise<{ fileName: string; rdpText: string } | null>;
  readonly reset: () => void;
}

/** The connect slice. */
export const useConnection = create<ConnectionSlice>()((set) => ({
  connection: { status: 'idle' },
  async connect(machineId, options) {
    set({ connection: { status: 'connecting', machineId } });
    try {
      const result = await brokerClient().invoke('connect:start', {
        machineId,
        signInMethod: options.signInMethod,
        ...(options.favoriteId ? { favoriteId: options.favoriteId } : {}),
        ...(options.acknowledgeWarnings ? { acknowledgeWarnings: true } : {}),
      });
      set({ connection: { status: 'done', machineId, result } });
      // Main recorded the connection in the recent list; show it.
      void useFavorites.getState().reload();
    } catch (error: unknown) {
      set({ connection: { status: 'failed', machineId, error: asAppError(error) } });
    }
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
