import { shell } from 'electron';

import { isAllowedExternalUrl, isAllowedSignInUrl } from '../security/policy';
import { AppError } from '../../shared/errors/app-error';

/** The only caller of shell.openExternal: https documentation and portal links on the allow-list. */
export async function openAllowedExternal(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) {
    throw new AppError('EXTERNAL_URL_BLOCKED', 'That link is not on the allow-list.', { url: url.slice(0, 200) });
  }
  await shell.openExternal(url);
}

/** Opens an Entra sign-in page (built by MSAL) in the system browser, only for the configured authority hosts. */
export async function openSignInPage(url: string, authorityHosts: readonly string[]): Promise<void> {
  if (!isAllowedSignInUrl(url, authorityHosts)) {
    throw new AppError('EXTERNAL_URL_BLOCKED', 'The sign-in page is not on a known authority host.', { url: url.slice(0, 200) });
  }
  await shell.openExternal(url);
}

/** Demo mode only: opens the simulated tenant's consent page, which is served over plain HTTP on 127.0.0.1. */
export async function openSimulatorPage(url: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') {
    throw new AppError('EXTERNAL_URL_BLOCKED', 'Only loopback simulator pages may be opened in demo mode.', { url: url.slice(0, 200) });
  }
  await shell.openExternal(url);
}

/** Opens one of the app's own folders (logs, data) in the file manager; false when the OS could not. */
export async function openFolder(path: string): Promise<boolean> {
  return (await shell.openPath(path)) === '';
}
