import { describe, expect, it } from 'vitest';

import { type KeyContext, type KeyInput, isTypeToSearch, matchShortcut, shortcutHelp } from '../../../src/renderer/model/shortcuts';
import { resolveTheme } from '../../../src/renderer/model/theme';

const key = (value: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: value,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const where = (context: Partial<KeyContext> = {}): KeyContext => ({
  isMac: false,
  inTextField: false,
  inList: false,
  overlayOpen: false,
  ...context,
});

describe('matchShortcut', () => {
  it.each([
    [key('f', { ctrlKey: true }), 'focus-search'],
    [key('F', { ctrlKey: true, shiftKey: true }), 'focus-search'],
    [key('r', { ctrlKey: true }), 'refresh'],
    [key('F5'), 'refresh'],
    [key('d', { ctrlKey: true }), 'toggle-favorite'],
    [key('s', { ctrlKey: true }), 'save-rdp'],
    [key('1', { ctrlKey: true }), 'view-machines'],
    [key('2', { ctrlKey: true }), 'view-no-access'],
    [key('3', { ctrlKey: true }), 'view-favorites'],
    [key('4', { ctrlKey: true }), 'view-explain'],
    [key('5', { ctrlKey: true }), 'view-settings'],
    [key(',', { ctrlKey: true }), 'view-settings'],
    [key('?'), 'help'],
    [key('/'), 'focus-search'],
  ] as const)('%j → %s', (input, action) => {
    expect(matchShortcut(input, where())).toBe(action);
  });

  it('uses ⌘ on macOS and ignores Ctrl there', () => {
    expect(matchShortcut(key('f', { metaKey: true }), where({ isMac: true }))).toBe('focus-search');
    expect(matchShortcut(key('f', { ctrlKey: true }), where({ isMac: true }))).toBeNull();
    expect(matchShortcut(key('f', { metaKey: true }), where())).toBeNull();
  });

  it('leaves plain keys to text fields but keeps modifier shortcuts working there', () => {
    expect(matchShortcut(key('?'), where({ inTextField: true }))).toBeNull();
    expect(matchShortcut(key('/'), where({ inTextField: true }))).toBeNull();
    expect(matchShortcut(key('r', { ctrlKey: true }), where({ inTextField: true }))).toBe('refresh');
  });

  it('stars with F only when the list has focus', () => {
    expect(matchShortcut(key('f'), where({ inList: true }))).toBe('toggle-favorite');
    expect(matchShortcut(key('f'), where())).toBeNull();
  });

  it('does nothing while a dialog is open', () => {
    expect(matchShortcut(key('r', { ctrlKey: true }), where({ overlayOpen: true }))).toBeNull();
  });

  it('lists every shortcut it handles in the help overlay', () => {
    const text = JSON.stringify(shortcutHelp(false));
    for (const shortcut of ['Ctrl+F', 'Ctrl+R', 'Ctrl+D', 'Ctrl+S', 'Ctrl+1', 'Ctrl+2', 'Ctrl+3', 'Ctrl+4', 'Ctrl+5', 'Ctrl+,', 'F5', '?', '/', 'Enter', 'Esc']) {
      expect(text).toContain(`"${shortcut}`);
    }
    expect(JSON.stringify(shortcutHelp(true))).toContain('⌘+F');
  });
});

describe('isTypeToSearch', () => {
  it.each(['a', 'Z', '7', '-', '.', 'é'])('starts a search with %s', (value) => {
    expect(isTypeToSearch(key(value), where())).toBe(true);
  });

  it.each([
    [key(' '), where()],
    [key('Enter'), where()],
    [key('ArrowDown'), where()],
    [key('a', { ctrlKey: true }), where()],
    [key('a', { altKey: true }), where()],
    [key('a'), where({ inTextField: true })],
    [key('a'), where({ overlayOpen: true })],
    [key('?'), where()],
  ])('not for %j in %j', (input, context) => {
    expect(isTypeToSearch(input, context)).toBe(false);
  });
});

describe('resolveTheme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
