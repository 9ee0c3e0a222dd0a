import { AppError } from '../../shared/errors/app-error';
import { CLIENT_ID_PLACEHOLDER } from '../../shared/settings/schema';

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True when an authority host (https://host[:port]) is this machine: the simulator, never a real cloud. */
export function isLoopbackAuthority(authorityHost: string): boolean {
  try {
    return LOOPBACK_HOSTNAMES.has(new URL(authorityHost).hostname);
  } catch {
    return false;
  }
}

/** True for the shipped placeholder (and an empty value): no app registration has been configured. */
export function isPlaceholderClientId(clientId: string): boolean {
  const trimmed = clientId.trim().toLowerCase();
  return trimmed === '' || trimmed === CLIENT_ID_PLACEHOLDER;
}

/** How to register the app; shown with AUTH_CLIENT_ID_MISSING so an admin can fix it without reading the source. */
export function describeClientIdRegistration(): string {
  return [
    'RDP Broker has no app registration (client id) configured for this cloud.',
    'Register a multi-tenant public client in Microsoft Entra ID (App registrations, New registration):',
    '  1. Supported account types: "Accounts in any organizational directory (multitenant)".',
    '  2. Authentication, add a platform "Mobile and desktop applications" with the redirect URI http://localhost',
    '     and, for the Windows broker (WAM), ms-appx-web://Microsoft.AAD.BrokerPlugin/<application (client) id>.',
    '  3. Authentication, Advanced settings: "Allow public client flows" = Yes (needed for device code sign-in).',
    '  4. API permissions: add "Azure Service Management" > Delegated > user_impersonation; each tenant then needs',
    '     user or admin consent (https://login.microsoftonline.com/<tenant>/adminconsent?client_id=<client id>).',
    'Then set the client id in Settings, or start the app with RDP_BROKER_CLIENT_ID=<client id>.',
    "Do not use the Azure CLI's client id: it belongs to the Azure CLI and cannot carry the broker redirect URI.",
  ].join('\n');
}

/**
 * Refuses the placeholder for a real cloud (the simulator accepts any id). Thrown before MSAL is called, so the user
 * gets setup instructions instead of Entra's AADSTS700016 "application not found" page.
 */
export function assertUsableClientId(clientId: string, authorityHost: string): void {
  if (!isPlaceholderClientId(clientId) || isLoopbackAuthority(authorityHost)) return;
  throw new AppError('AUTH_CLIENT_ID_MISSING', describeClientIdRegistration(), {
    authorityHost,
    settingsKey: 'clientId',
    environmentVariable: 'RDP_BROKER_CLIENT_ID',
  });
}
