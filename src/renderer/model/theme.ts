import type { Settings } from '../../shared/settings/schema';

/** The theme actually drawn. */
export type ResolvedTheme = 'light' | 'dark';

/** 'system' follows the OS (prefers-color-scheme); light and dark are fixed choices. */
export function resolveTheme(preference: Settings['theme'], systemPrefersDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}
