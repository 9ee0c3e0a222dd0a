/**
 * Keyboard shortcuts: one table drives both the handler and the help overlay, so the overlay cannot drift from
 * what the keys do. Pure: takes a key description and where the focus is, returns an action.
 */

export type ShortcutAction =
  | 'help'
  | 'focus-search'
  | 'refresh'
  | 'toggle-favorite'
  | 'connect'
  | 'save-rdp'
  | 'view-machines'
  | 'view-no-access'
  | 'view-favorites'
  | 'view-explain'
  | 'view-settings';

/** The parts of a KeyboardEvent the matcher reads. */
export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** Where the key was pressed. */
export interface KeyContext {
  readonly isMac: boolean;
  /** Focus is in a text field, text area, or select: plain keys belong to it. */
  readonly inTextField: boolean;
  /** Focus is on the machine list itself. */
  readonly inList: boolean;
  /** A dialog is open: only its own keys apply. */
  readonly overlayOpen: boolean;
}

/** One line of the help overlay. */
export interface ShortcutHelp {
  readonly keys: readonly string[];
  readonly description: string;
}

/** The help overlay's content, per platform (⌘ on macOS, Ctrl elsewhere). */
export function shortcutHelp(isMac: boolean): ReadonlyArray<{ readonly section: string; readonly items: readonly ShortcutHelp[] }> {
  const mod = isMac ? '⌘' : 'Ctrl';
  return [
    {
      section: 'Finding machines',
      items: [
        { keys: ['Type anywhere'], description: 'Start searching: letters and digits go to the search box' },
        { keys: [`${mod}+F`, '/'], description: 'Focus the search box' },
        { keys: ['↑', '↓'], description: 'Move through the list (also from the search box)' },
        { keys: ['Page Up', 'Page Down', 'Home', 'End'], description: 'Jump through the list (when the list has focus)' },
        { keys: ['Esc'], description: 'Clear the search, or close a dialog' },
        { keys: [`${mod}+R`, 'F5'], description: 'Refresh the machine list' },
      ],
    },
    {
      section: 'The selected machine',
      items: [
        { keys: ['Enter'], description: 'Connect' },
        { keys: [`${mod}+D`, 'F (in the list)'], description: 'Add to or remove from favorites' },
        { keys: [`${mod}+S`], description: 'Save the .rdp file' },
      ],
    },
    {
      section: 'Views',
      items: [
        { keys: [`${mod}+1`], description: 'Machines' },
        { keys: [`${mod}+2`], description: 'No access' },
        { keys: [`${mod}+3`], description: 'Favorites and recent connections' },
        { keys: [`${mod}+4`], description: 'Explain an error' },
        { keys: [`${mod}+5`, `${mod}+,`], description: 'Settings' },
        { keys: ['?'], description: 'Show these shortcuts' },
      ],
    },
  ];
}

/** The global shortcut a key press means, or null. Plain keys never fire inside text fields. */
export function matchShortcut(input: KeyInput, context: KeyContext): ShortcutAction | null {
  if (context.overlayOpen) return null;
  const mod = context.isMac ? input.metaKey && !input.ctrlKey : input.ctrlKey && !input.metaKey;
  const key = input.key;
  if (mod && !input.altKey) {
    switch (key.toLowerCase()) {
      case 'f':
        return 'focus-search';
      case 'r':
        return input.shiftKey ? null : 'refresh';
      case 'd':
        return 'toggle-favorite';
      case 's':
        return 'save-rdp';
      case '1':
        return 'view-machines';
      case '2':
        return 'view-no-access';
      case '3':
        return 'view-favorites';
      case '4':
        return 'view-explain';
      case '5':
      case ',':
        return 'view-settings';
      default:
        return null;
    }
  }
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (key === 'F5') return 'refresh';
  if (context.inTextField) return null;
  if (key === '?') return 'help';
  if (key === '/') return 'focus-search';
  if (context.inList && (key === 'f' || key === 'F')) return 'toggle-favorite';
  return null;
}

/** True for a key that should start a search: a printable character typed outside any text field. */
export function isTypeToSearch(input: KeyInput, context: KeyContext): boolean {
  if (context.overlayOpen || context.inTextField) return false;
  if (input.ctrlKey || input.metaKey || input.altKey) return false;
  if ([...input.key].length !== 1) return false;
  return /[\p{L}\p{N}._:=@-]/u.test(input.key);
}
