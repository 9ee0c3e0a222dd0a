import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { ErrorBanner } from '../../../src/renderer/components/error-banner';
import { ERROR_MESSAGES } from '../../../src/renderer/messages/errors';
import { AppError } from '../../../src/shared/errors/app-error';

describe('ErrorBanner', () => {
  it('says what happened, what to do, and the code for the helpdesk', async () => {
    const screen = await render(<ErrorBanner error={new AppError('AZURE_THROTTLED', '429 from management.azure.com')} />);
    const alert = screen.getByRole('alert');
    await expect.element(alert.getByText(ERROR_MESSAGES.AZURE_THROTTLED.title)).toBeVisible();
    await expect.element(alert.getByText(ERROR_MESSAGES.AZURE_THROTTLED.explanation)).toBeVisible();
    await expect.element(alert.getByText(ERROR_MESSAGES.AZURE_THROTTLED.nextStep)).toBeVisible();
    await expect.element(alert).toHaveTextContent('Code AZURE_THROTTLED — 429 from management.azure.com');
    expect(alert.getByRole('button').elements()).toHaveLength(0);
  });

  it('lists exactly what was wrong with an input, from problems and from field issues', async () => {
    const error = new AppError('VALIDATION_FAILED', 'Invalid input', {
      problems: ['favorites[2].machineName: must not be empty'],
      issues: [{ path: 'display.width', message: 'Too small' }, { path: '', message: 'Unrecognized key: "token"' }, 'not an issue'],
    });
    const screen = await render(<ErrorBanner error={error} />);
    const items = screen.getByRole('alert').getByRole('listitem');
    expect(items.elements().map((item) => item.textContent)).toEqual([
      'favorites[2].machineName: must not be empty',
      'display.width: Too small',
      'Unrecognized key: "token"',
    ]);
  });

  it('can be dismissed when the caller allows it', async () => {
    const onDismiss = vi.fn();
    const screen = await render(<ErrorBanner error={new AppError('INTERNAL', 'boom')} onDismiss={onDismiss} />);
    await screen.getByRole('button', { name: 'Dismiss' }).click();
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});
