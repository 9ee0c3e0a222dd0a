import { favoriteTargetKey } from '../../shared/favorites/operations';
import { type Favorite, type FavoriteInput, type FavoriteSignIn, favoriteInputSchema } from '../../shared/favorites/schema';
import type { ListedMachine } from '../../shared/ipc/schemas';
import {
  DEFAULT_RDP_DISPLAY,
  DEFAULT_RDP_REDIRECTIONS,
  type RdpDisplay,
  type RdpRedirections,
  rdpDisplaySchema,
} from '../../shared/rdp/rdp-settings';
import type { Settings } from '../../shared/settings/schema';

/** Machines by lower-cased ARM id: how favorites find their machine in the latest discovery. */
export type MachineLookup = ReadonlyMap<string, ListedMachine>;

/** A favorite with the machine it points at now (null when the machine is not in the latest discovery). */
export interface FavoriteItem {
  readonly favorite: Favorite;
  readonly machine: ListedMachine | null;
  readonly label: string;
}

/** Favorites in one folder, in the user's order. */
export interface FavoriteFolder {
  /** '' = not in a folder. */
  readonly name: string;
  readonly items: readonly FavoriteItem[];
}

/** What a favorite is called in lists: its alias, else the machine's name. */
export function favoriteLabel(favorite: Pick<Favorite, 'alias' | 'machineName'>): string {
  const alias = favorite.alias.trim();
  return alias === '' ? favorite.machineName : alias;
}

/** The machine a favorite points at, if discovery found it. */
export function machineOf(favorite: Favorite, machines: MachineLookup): ListedMachine | null {
  return favorite.machineId === null ? null : (machines.get(favorite.machineId.toLowerCase()) ?? null);
}

/** Folders in the order their first favorite appears; favorites without a folder come first. */
export function buildFolders(favorites: readonly Favorite[], machines: MachineLookup): FavoriteFolder[] {
  const folders = new Map<string, FavoriteItem[]>([['', []]]);
  for (const favorite of favorites) {
    const name = favorite.group.trim();
    let items = folders.get(name);
    if (!items) {
      items = [];
      folders.set(name, items);
    }
    items.push({ favorite, machine: machineOf(favorite, machines), label: favoriteLabel(favorite) });
  }
  return [...folders.entries()].filter(([name, items]) => name !== '' || items.length > 0).map(([name, items]) => ({ name, items }));
}

/** Folder names in use, for the folder field's suggestions. */
export function folderNames(favorites: readonly Favorite[]): string[] {
  return [...new Set(favorites.map((favorite) => favorite.group.trim()).filter((name) => name !== ''))].sort((a, b) =>
    a.localeCompare(b),
  );
}

/**
 * The new order after moving a favorite one place up or down within its folder (folders keep their positions).
 * Null when it cannot move that way.
 */
export function moveFavorite(favorites: readonly Favorite[], id: string, direction: 'up' | 'down'): string[] | null {
  const ids = favorites.map((favorite) => favorite.id);
  const index = favorites.findIndex((favorite) => favorite.id === id);
  const moving = favorites[index];
  if (!moving) return null;
  const folder = moving.group.trim();
  const step = direction === 'up' ? -1 : 1;
  for (let i = index + step; i >= 0 && i < favorites.length; i += step) {
    if (favorites[i]?.group.trim() === folder) {
      const swapped = [...ids];
      swapped[index] = ids[i] as string;
      swapped[i] = id;
      return swapped;
    }
  }
  return null;
}

/** Lower-cased machine ids that have a favorite: the stars in the machine list. */
export function starredMachineKeys(favorites: readonly Favorite[]): ReadonlySet<string> {
  return new Set(favorites.flatMap((favorite) => (favorite.machineId === null ? [] : [favorite.machineId.toLowerCase()])));
}

/** The favorite that points at a machine. */
export function favoriteForMachine(favorites: readonly Favorite[], machineId: string): Favorite | undefined {
  const key = favoriteTargetKey({ machineId, machineName: '' });
  return favorites.find((favorite) => favoriteTargetKey(favorite) === key);
}

/** The sign-in method a connection uses: the favorite's own choice, else the app setting. */
export function resolveSignInMethod(
  favorite: Pick<Favorite, 'signInMethod'> | undefined,
  fallback: Settings['signInMethod'],
): 'web-account' | 'password' {
  return favorite === undefined || favorite.signInMethod === 'default' ? fallback : favorite.signInMethod;
}

/** A new favorite for a machine: nothing shared, display from Settings. */
export function newFavoriteFor(machine: Pick<ListedMachine, 'id' | 'name'>): FavoriteInput {
  return { machineId: machine.id, machineName: machine.name };
}

/** The editor's working copy of a favorite. */
export interface FavoriteDraft {
  readonly id: string;
  readonly machineId: string | null;
  readonly machineName: string;
  readonly host: string | undefined;
  readonly alias: string;
  readonly group: string;
  readonly notes: string;
  readonly signInMethod: FavoriteSignIn;
  /** false = use the display defaults from Settings. */
  readonly customDisplay: boolean;
  readonly display: RdpDisplay;
  readonly redirections: RdpRedirections;
}

/** Starts editing a favorite; a favorite without its own display starts from the Settings display. */
export function draftFromFavorite(favorite: Favorite, defaults: Settings['display']): FavoriteDraft {
  return {
    id: favorite.id,
    machineId: favorite.machineId,
    machineName: favorite.machineName,
    host: favorite.host,
    alias: favorite.alias,
    group: favorite.group,
    notes: favorite.notes,
    signInMethod: favorite.signInMethod,
    customDisplay: favorite.display !== null,
    display: favorite.display ?? { ...DEFAULT_RDP_DISPLAY, ...defaults },
    redirections: { ...DEFAULT_RDP_REDIRECTIONS, ...favorite.redirections },
  };
}

/** Field → message for everything wrong with a draft; empty when it can be saved. */
export function validateDraft(draft: FavoriteDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const input = favoriteInputSchema.safeParse(draftToInput(draft));
  if (!input.success) {
    for (const issue of input.error.issues) {
      const field = issue.path.filter((part) => typeof part === 'string').join('.') || 'favorite';
      problems[field] ??= issue.message;
    }
  }
  if (draft.customDisplay) {
    const display = rdpDisplaySchema.safeParse(draft.display);
    if (!display.success) {
      for (const issue of display.error.issues) {
        problems[`display.${issue.path.filter((part) => typeof part === 'string').join('.')}`] ??= issue.message;
      }
    }
    if ((draft.display.width === undefined) !== (draft.display.height === undefined)) {
      problems['display.width'] ??= 'Set both width and height, or neither.';
    }
  }
  return problems;
}

/** The draft as the contract's input. */
export function draftToInput(draft: FavoriteDraft): FavoriteInput {
  return {
    id: draft.id,
    machineId: draft.machineId,
    machineName: draft.machineName,
    ...(draft.host !== undefined ? { host: draft.host } : {}),
    alias: draft.alias.trim(),
    group: draft.group.trim(),
    notes: draft.notes,
    signInMethod: draft.signInMethod,
    display: draft.customDisplay ? draft.display : null,
    redirections: draft.redirections,
  };
}

/** Redirections that are on, for a warning next to Connect: each one shares something of this PC. */
export function enabledRedirections(redirections: RdpRedirections): string[] {
  const labels: Record<Exclude<keyof RdpRedirections, 'audioPlayback'>, string> = {
    clipboard: 'clipboard',
    drives: 'drives',
    printers: 'printers',
    devices: 'USB and Plug and Play devices',
    smartCards: 'smart cards',
    audioCapture: 'microphone',
    webAuthn: 'WebAuthn (passkeys)',
    comPorts: 'serial ports',
    camera: 'cameras',
  };
  const on = (Object.keys(labels) as Array<keyof typeof labels>).filter((key) => redirections[key]).map((key) => labels[key]);
  if (redirections.audioPlayback === 'local') on.push('sound played on this computer');
  return on;
}
