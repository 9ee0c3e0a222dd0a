import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './session';
import type { AppError } from '../../shared/errors/app-error';
import type { ConnectResult } from '../../shared/ipc/schemas';

/** One connect attempt. */
export type ConnectionState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly machineId: string }
  | { readonly status: 'done'; readonly machineId: string; readonly result: ConnectResult }
  | { readonly status: 'failed'; readonly machineId: string; readonly error: AppError };

interface ConnectionSlice {
  readonly connection: ConnectionState;
  connect(machineId: string): Promise<void>;
  reset(): void;
}

/** The connect slice. */
export const useConnection = create<ConnectionSlice>()((set) => ({
  connection: { status: 'idle' },
  async connect(machineId) {
    set({ connection: { status: 'connecting', machineId } });
    try {
      const result = await brokerClient().invoke('connect:start', { machineId, signInMethod: 'web-account' });
      set({ connection: { status: 'done', machineId, result } });
    } catch (error: unknown) {
      set({ connection: { status: 'failed', machineId, error: asAppError(error) } });
    }
  },
  reset() {
    set({ connection: { status: 'idle' } });
  },
}));
