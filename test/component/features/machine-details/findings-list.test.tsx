import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { FindingsList } from '../../../../src/renderer/features/machine-details/findings-list';
import { ERROR_MESSAGES } from '../../../../src/renderer/messages/errors';
import { AppError } from '../../../../src/shared/errors/app-error';
import { CATALOGUE } from '../../../../src/shared/readiness/catalogue';
import type { Verdict } from '../../../../src/shared/readiness/finding';
import { finding, makeMachine } from '../../../unit/renderer/machine-fixtures';
import { installFakeBroker } from '../../support/fake-broker';

const blockedVerdict: Verdict = makeMachine('vm-a', {
  verdict: {
    status: 'blocked',
    findings: [
      finding('EXTENSION_MISSING', 'block'),
      finding('DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME', 'warn', { computerName: 'WEB01', resourceName: 'vm-web-01' }),
      finding('IDENTITY_NOT_SYSTEM_ASSIGNED', 'warn'),
      finding('DIAL_NAME_IP_FALLBACK', 'info', { ip: '10.0.0.4', reason: 'the computer name does not resolve' }),
    ],
  },
}).verdict;

function renderFindings(props: Partial<Parameters<typeof FindingsList>[0]> = {}) {
  const onRecheck = vi.fn();
  const rendered = render(<FindingsList verdict={blockedVerdict} scope="list" checkError={null} onRecheck={onRecheck} {...props} />);
  return { rendered, onRecheck };
}

describe('FindingsList', () => {
  it('summarises the findings by severity and says what the check covered', async () => {
    const screen = await renderFindings().rendered;
    await expect.element(screen.getByRole('region', { name: 'Readiness' })).toBeVisible();
    await expect.element(screen.getByTestId('readiness-scope')).toHaveTextContent(
      '1 blocking, 2 warnings, 1 note. For web account sign-in; from what Azure reports (name resolution and this PC not checked).',
    );
    await expect.element(screen.getByRole('listitem').filter({ hasText: CATALOGUE.EXTENSION_MISSING.title })).toBeVisible();
    expect(screen.getByRole('list').first().element().children).toHaveLength(4);
  });

  it('says a clean verdict has nothing to fix', async () => {
    const clean = makeMachine('vm-a', { verdict: { signInMethod: 'password' } }).verdict;
    const screen = await renderFindings({ verdict: clean, scope: 'full' }).rendered;
    await expect.element(screen.getByTestId('readiness-scope')).toHaveTextContent(
      'No findings: everything RDP Broker can check looks right. For password sign-in; includes name resolution and this PC.',
    );
  });

  it('marks the running full check as busy and offers no second one meanwhile', async () => {
    const { rendered, onRecheck } = renderFindings({ scope: 'checking' });
    const screen = await rendered;
    await expect.element(screen.getByRole('region', { name: 'Readiness' })).toHaveAttribute('aria-busy', 'true');
    await expect.element(screen.getByTestId('readiness-scope')).toHaveTextContent('checking name resolution and this PC…');
    await expect.element(screen.getByRole('button', { name: 'Check again' })).toBeDisabled();
    expect(onRecheck).not.toHaveBeenCalled();
  });

  it('checks again on request', async () => {
    const { rendered, onRecheck } = renderFindings({ scope: 'full' });
    const screen = await rendered;
    await screen.getByRole('button', { name: 'Check again' }).click();
    expect(onRecheck).toHaveBeenCalledOnce();
  });

  it('shows a failed full check as an error next to the list verdict', async () => {
    const screen = await renderFindings({ checkError: new AppError('AZURE_UNAVAILABLE', 'timeout') }).rendered;
    await expect.element(screen.getByRole('alert')).toHaveTextContent(ERROR_MESSAGES.AZURE_UNAVAILABLE.title);
    await expect.element(screen.getByText(CATALOGUE.EXTENSION_MISSING.title)).toBeVisible();
  });

  it('tells screen readers the severity, and the user what to do, for a blocking finding', async () => {
    const screen = await renderFindings().rendered;
    const card = screen.getByRole('listitem').filter({ hasText: CATALOGUE.EXTENSION_MISSING.title }).first();
    await expect.element(card).toHaveTextContent(`Blocks sign-in: ${CATALOGUE.EXTENSION_MISSING.title}`);
    await expect.element(card.getByText('What you can do')).toBeVisible();
    await expect.element(card.getByText(CATALOGUE.EXTENSION_MISSING.userSteps[0]!)).toBeVisible();
    // Administrator detail is folded away until asked for.
    const adminStep = card.getByText(CATALOGUE.EXTENSION_MISSING.adminSteps[0]!);
    await expect.element(adminStep).not.toBeVisible();
    await card.getByText('Details for you or your administrator').click();
    await expect.element(adminStep).toBeVisible();
    await expect.element(card.getByText('What an administrator can do')).toBeVisible();
    await expect.element(card).toHaveTextContent('Finding EXTENSION_MISSING');
  });

  it('fills the catalogue text from the evidence and lists what was seen', async () => {
    const screen = await renderFindings().rendered;
    const card = screen.getByRole('listitem').filter({ hasText: CATALOGUE.DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME.title }).first();
    await expect.element(card).toHaveTextContent('Warning: ');
    await expect.element(card).toHaveTextContent('RDP Broker dials WEB01, the computer name, not the resource name vm-web-01.');
    await card.getByText('Details for you or your administrator').click();
    await expect.element(card.getByText('What RDP Broker saw')).toBeVisible();
    await expect.element(card.getByRole('definition').filter({ hasText: 'WEB01' })).toBeVisible();
  });

  it('gives a note no to-do list', async () => {
    const screen = await renderFindings().rendered;
    const card = screen.getByRole('listitem').filter({ hasText: CATALOGUE.DIAL_NAME_IP_FALLBACK.title }).first();
    await expect.element(card).toHaveTextContent('Note: ');
    await expect.element(card).toHaveTextContent('Dialling 10.0.0.4: the computer name does not resolve.');
    expect(card.getByText('What you can do').elements()).toHaveLength(0);
  });

  it("opens a finding's documentation through main", async () => {
    const broker = installFakeBroker({ 'shell:open-external': () => Promise.resolve({}) });
    const screen = await renderFindings().rendered;
    const card = screen.getByRole('listitem').filter({ hasText: CATALOGUE.EXTENSION_MISSING.title }).first();
    await card.getByRole('button', { name: 'Microsoft documentation' }).click();
    await vi.waitFor(() => expect(broker.inputsOf('shell:open-external')).toEqual([{ url: CATALOGUE.EXTENSION_MISSING.docUrl }]));
    expect(card.getByRole('alert').elements()).toHaveLength(0);
  });

  it('says why a documentation link was not opened, until dismissed', async () => {
    installFakeBroker({ 'shell:open-external': () => Promise.reject(new AppError('EXTERNAL_URL_BLOCKED', 'host not allowed')) });
    const screen = await renderFindings().rendered;
    const card = screen.getByRole('listitem').filter({ hasText: CATALOGUE.EXTENSION_MISSING.title }).first();
    await card.getByRole('button', { name: 'Microsoft documentation' }).click();
    const alert = card.getByRole('alert');
    await expect.element(alert).toHaveTextContent(ERROR_MESSAGES.EXTERNAL_URL_BLOCKED.title);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect.element(alert).not.toBeInTheDocument();
  });
});
