import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import type { AppError } from '../../shared/errors/app-error';
import type { ReadinessResult } from '../../shared/ipc/schemas';

/** The full check of one machine (DNS from this computer, this computer's state) for one sign-in method. */
export type FullCheck =
  | { readonly status: 'checking' }
  | { readonly status: 'done'; readonly result: ReadinessResult }
  | { readonly status: 'failed'; readonly error: AppError };

interface ReadinessSlice {
  /** Checks by `checkKey`; cleared when the machine list is read again. */
  readonly checks: ReadonlyMap<string, FullCheck>;
  /** Runs the check unless one for this machine and method is running or done (`force` runs it again). */
  readonly check: (machineId: string, signInMethod: 'web-account' | 'password', force?: boolean) => Promise<void>;
  readonly clear: () => void;
}

/** Key of a check: machine (case-insensitive ARM id) and sign-in method. */
export function checkKey(machineId: string, signInMethod: 'web-account' | 'password'): string {
  return `${machineId.toLowerCase()}|${signInMethod}`;
}

/**
 * Full readiness checks, run by main when a machine is opened. The list's verdict leaves out the slow parts (name
 * resolution, this computer's join state); this adds them. Main decides; the renderer only shows the result.
 */
export const useReadiness = create<ReadinessSlice>()((set, get) => ({
  checks: new Map(),
  async check(machineId, signInMethod, force = false) {
    const key = checkKey(machineId, signInMethod);
    const existing = get().checks.get(key);
    if (!force && existing && existing.status !== 'failed') return;
    const put = (value: FullCheck) => set((state) => ({ checks: new Map(state.checks).set(key, value) }));
    put({ status: 'checking' });
    try {
      put({ status: 'done', result: await brokerClient().invoke('readiness:check', { machineId, signInMethod }) });
    } catch (error: unknown) {
      put({ status: 'failed', error: asAppError(error) });
    }
  },
  clear() {
    set({ checks: new Map() });
  },
}));
