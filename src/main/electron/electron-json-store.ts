import ElectronStore from 'electron-store';

import type { JsonStore } from '../settings/settings-service';

/**
 * Settings on disk through electron-store (atomic writes, in userData). The service above it owns schema,
 * defaults and migrations, so this stays a dumb adapter.
 */
export function createElectronJsonStore(name: string): JsonStore {
  const store = new ElectronStore<{ data?: unknown }>({ name, clearInvalidConfig: false });
  return {
    read: () => store.get('data'),
    write: (value) => store.set('data', value),
  };
}
