import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { SignInView } from '../../../../src/renderer/features/sign-in/sign-in-view';
import { ERROR_MESSAGES } from '../../../../src/renderer/messages/errors';
import { useSession } from '../../../../src/renderer/state/session';
import { AppError } from '../../../../src/shared/errors/app-error';
import type { AccountSummary, AppInfo } from '../../../../src/shared/ipc/schemas';
import { installFakeBroker } from '../../support/fake-broker';

const account: AccountSummary = { id: 'oid-1.tenant-a', username: 'ada@contoso.test', cloud: 'AzureCloud', homeTenantId: 'tenant-a' };
const demo: AppInfo = {
  version: '1.0.0',
  mode: 'demo',
  platform: 'linux',
  demoUsers: [
    { upn: 'ada@contoso.test', description: 'Admin on 3 VMs', cloud: 'AzureCloud' },
    { upn: 'gov@agency.test', description: 'US Government user', cloud: 'AzureUSGovernment' },
  ],
};

/** A sign-in that stays pending until the test settles it, as a real one does while the user is in the browser. */
function pendingSignIn() {
  let settle: { resolve: (value: AccountSummary) => void; reject: (error: unknown) => void } | null = null;
  const signIn = () =>
    new Promise<AccountSummary>((resolve, reject) => {
      settle = { resolve, reject };
    });
  return {
    signIn,
    resolve: (value: AccountSummary) => settle?.resolve(value),
    reject: (error: unknown) => settle?.reject(error),
  };
}

async function start(overrides: Parameters<typeof installFakeBroker>[0] = {}) {
  const broker = installFakeBroker(overrides);
  await useSession.getState().initialise();
  const screen = await render(<SignInView />);
  return { broker, screen };
}

describe('SignInView', () => {
  it('signs in with the chosen cloud in the system browser and waits for it', async () => {
    const pending = pendingSignIn();
    const { broker, screen } = await start({ 'auth:sign-in': pending.signIn, 'auth:cancel': () => Promise.resolve({}) });
    await expect.element(screen.getByRole('heading', { name: 'Sign in to RDP Broker' })).toBeVisible();
    await screen.getByRole('combobox', { name: 'Cloud' }).selectOptions('Azure Government (US)');
    await screen.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('auth:sign-in')).toEqual([{ cloud: 'AzureUSGovernment', method: 'interactive' }]));
    await expect.element(screen.getByRole('button', { name: 'Waiting for the browser…' })).toBeDisabled();
    await expect.element(screen.getByRole('combobox', { name: 'Cloud' })).toBeDisabled();
    await expect.element(screen.getByText('Finish signing in in your browser. This window updates by itself.')).toBeVisible();
    // Main says which page it opened: offered as a link in case the browser did not appear.
    broker.emit('auth:browser', { url: 'https://login.microsoftonline.us/tenant/oauth2/v2.0/authorize?x=1' });
    await expect.element(screen.getByRole('link', { name: 'Open the sign-in page' })).toHaveAttribute('href', 'https://login.microsoftonline.us/tenant/oauth2/v2.0/authorize?x=1');
    await screen.getByRole('button', { name: 'Cancel' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('auth:cancel')).toHaveLength(1));
    await expect.element(screen.getByRole('button', { name: 'Sign in with Microsoft' })).toBeEnabled();
  });

  it('shows the device code main sends, and leaves the page once signed in', async () => {
    const pending = pendingSignIn();
    const { broker, screen } = await start({ 'auth:sign-in': pending.signIn });
    await screen.getByRole('button', { name: 'Sign in on another device with a code' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('auth:sign-in')).toEqual([{ cloud: 'AzureCloud', method: 'device-code' }]));
    broker.emit('auth:device-code', { userCode: 'ABCD-1234', verificationUri: 'https://microsoft.com/devicelogin', expiresAt: Date.now() + 900_000, message: 'Enter ABCD-1234' });
    await expect.element(screen.getByTestId('device-code')).toHaveTextContent('ABCD-1234');
    await expect.element(screen.getByText('Waiting for you to enter the code…')).toBeVisible();
    pending.resolve(account);
    await expect.element(screen.getByTestId('device-code')).not.toBeInTheDocument();
    expect(useSession.getState().accounts).toEqual([account]);
  });

  it('says why a sign-in failed and what to do', async () => {
    const pending = pendingSignIn();
    const { screen } = await start({ 'auth:sign-in': pending.signIn });
    await screen.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    pending.reject(new AppError('AUTH_TIMED_OUT', 'no answer from the browser in 5 minutes'));
    const alert = screen.getByRole('alert');
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.AUTH_TIMED_OUT.title);
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.AUTH_TIMED_OUT.nextStep);
    await expect.element(screen.getByRole('button', { name: 'Sign in with Microsoft' })).toBeEnabled();
  });

  it('in the demo, offers the simulated users of the chosen cloud', async () => {
    const pending = pendingSignIn();
    const { broker, screen } = await start({ 'app:info': () => Promise.resolve(demo), 'auth:sign-in': pending.signIn });
    await expect.element(screen.getByRole('note')).toHaveTextContent('Demo mode');
    const users = screen.getByRole('group', { name: 'Demo accounts' });
    await expect.element(users.getByRole('button', { name: /Sign in as ada@contoso\.test/ })).toBeVisible();
    expect(users.getByRole('button', { name: /gov@agency\.test/ }).elements()).toHaveLength(0);
    await users.getByRole('button', { name: /Sign in as ada@contoso\.test/ }).click();
    await vi.waitFor(() =>
      expect(broker.inputsOf('auth:sign-in')).toEqual([{ cloud: 'AzureCloud', method: 'interactive', loginHint: 'ada@contoso.test' }]),
    );
  });
});
