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
