import type { FavoritesService } from './favorites-service';
import type { Machine } from '../../shared/domain/machine';
import { AppError } from '../../shared/errors/app-error';
import type { Favorite } from '../../shared/favorites/schema';
import type { InvokeChannel, InvokeOutput, InvokeParsedInput } from '../../shared/ipc/contract';
import type { DataLocations } from '../../shared/ipc/schemas';
import type { RdpDisplay, RdpRedirections } from '../../shared/rdp/rdp-settings';

/** What a favorite changes in the .rdp file: its own display (when set) and its redirections (off by default). */
export interface RdpOverrides {
  readonly display?: RdpDisplay;
  readonly redirections?: RdpRedirections;
}

/** The .rdp overrides a favorite carries; none without a favorite, so plain Connect keeps the app defaults. */
export function overridesOf(favorite: Favorite | undefined): RdpOverrides | undefined {
  if (!favorite) return undefined;
  return favorite.display ? { display: favorite.display, redirections: favorite.redirections } : { redirections: favorite.redirections };
}

/** Data folder facts and housekeeping for Settings › Data; each host (desktop, demo) supplies its own. */
export interface AppDataService {
  locations(): DataLocations;
  /** Opens the log folder in the file manager where the host can; returns where it is either way. */
  openLogs(): Promise<{ path: string | null; opened: boolean }>;
  /** Removes what is read again on demand; returns a line per thing removed, for the confirmation message. */
  clearCache(): Promise<{ removed: string[] }>;
}

/** A file name for a machine's .rdp: its dial name, reduced to characters every file system accepts. */
export function rdpFileNameFor(host: string): string {
  const safe = host.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 100);
  return `${safe === '' ? 'connection' : safe}.rdp`;
}

type Handlers<C extends InvokeChannel> = { readonly [K in C]: (input: InvokeParsedInput<K>) => Promise<InvokeOutput<K>> };

/** Channels served by the favorites store and the app-data service. */
export type FavoritesChannel =
  | 'favorites:list'
  | 'favorites:save'
  | 'favorites:remove'
  | 'favorites:reorder'
  | 'favorites:import'
  | 'favorites:import-rdp'
  | 'favorites:export'
  | 'favorites:dismiss-notice'
  | 'recents:list'
  | 'recents:clear'
  | 'app:data-locations'
  | 'app:open-logs'
  | 'app:clear-cache';

/** What the favorites handlers need from the rest of the broker. */
export interface FavoritesHandlerDeps {
  readonly favorites: FavoritesService | undefined;
  readonly appData: AppDataService | undefined;
  /** The machines of the latest discovery, to match an imported .rdp host to a machine. */
  readonly machines: () => readonly Machine[];
}

/** Returns the service or the error that says this host keeps no favorites. */
export function requireFavorites(favorites: FavoritesService | undefined): FavoritesService {
  if (!favorites) throw new AppError('FAVORITES_UNAVAILABLE', 'This host was assembled without a favorites store.');
  return favorites;
}

/** The favorites, recents and app-data handlers; thin, like every handler: the rules live in the services. */
export function createFavoritesHandlers(deps: FavoritesHandlerDeps): Handlers<FavoritesChannel> {
  const store = () => requireFavorites(deps.favorites);
  return {
    'favorites:list': () => store().state(),
    'favorites:save': ({ favorite }) => store().save(favorite),
    'favorites:remove': ({ id }) => store().remove(id),
    'favorites:reorder': ({ ids }) => store().reorder(ids),
    'favorites:import': ({ text }) => store().importJson(text),
    'favorites:import-rdp': ({ fileName, contentBase64 }) =>
      store().importRdp(fileName, Uint8Array.from(Buffer.from(contentBase64, 'base64')), deps.machines()),
    'favorites:export': () => store().exportJson(),
    'favorites:dismiss-notice': () => store().dismissNotice(),
    'recents:list': async () => (await store().state()).recents,
    'recents:clear': () => store().clearRecents(),
    'app:data-locations': () =>
      Promise.resolve(
        deps.appData?.locations() ?? { dataDir: null, favoritesFile: deps.favorites?.path ?? null, settingsFile: null, logsDir: null },
      ),
    'app:open-logs': () => deps.appData?.openLogs() ?? Promise.resolve({ path: null, opened: false }),
    'app:clear-cache': () => deps.appData?.clearCache() ?? Promise.resolve({ removed: [] }),
  };
}
