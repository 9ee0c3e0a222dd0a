import ElectronStore from 'electron-store';

import {
  type DocumentLocation,
  type DocumentStore,
  type StoredDocument,
  adaptConfDocument,
  documentStoreOptions,
} from '../settings/document-store';

/**
 * A DocumentStore on electron-store, for the desktop app. Adapter only: the options and the adaptation are the ones
 * the conf store uses (tested there), because electron-store is conf plus Electron's userData default.
 */
export function createElectronDocumentStore(location: DocumentLocation): DocumentStore {
  // electron-store takes the file name as `name` and overwrites any configName with it.
  const { configName, ...options } = documentStoreOptions(location);
  return adaptConfDocument(new ElectronStore<StoredDocument>({ ...options, name: configName }));
}
