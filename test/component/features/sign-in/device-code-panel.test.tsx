import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';

import { DeviceCodePanel } from '../../../../src/renderer/features/sign-in/device-code-panel';
import type { DeviceCodeInfo } from '../../../../src/shared/auth/schemas';

const NOW = Date.UTC(2026, 10, 30, 9, 0, 0);
const info: DeviceCodeInfo = {
  userCode: 'KX7-PQ2M',
  verificationUri: 'https://microsoft.com/devicelogin',
  expiresAt: NOW + 15 * 60_000,
  message: 'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code KX7-PQ2M.',
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('DeviceCodePanel', () => {
  it('shows where to go and the code to enter', async () => {
    const screen = await render(<DeviceCodePanel info={info} />);
    const panel = screen.getByTestId('device-code');
    await expect.element(panel).toHaveAttribute('role', 'status');
    const link = panel.getByRole('link', { name: 'https://microsoft.com/devicelogin' });
    await expect.element(link).toHaveAttribute('href', info.verificationUri);
    // Opened outside the app window, without handing the page a reference back.
    await expect.element(link).toHaveAttribute('target', '_blank');
    await expect.element(link).toHaveAttribute('rel', 'noreferrer');
    await expect.element(panel.getByText('KX7-PQ2M', { exact: true })).toBeVisible();
  });

  it('counts down to the expiry every second, then says to start again', async () => {
    // Only the clock and the interval are faked: the locators keep polling on real timers.
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const screen = await render(<DeviceCodePanel info={info} />);
    const countdown = screen.getByTestId('device-code-countdown');
    await expect.element(countdown).toHaveTextContent('The code expires in 15:00.');
    // The countdown is not read out every second.
    await expect.element(countdown).toHaveAttribute('aria-live', 'off');
    vi.advanceTimersByTime(1000);
    await expect.element(countdown).toHaveTextContent('The code expires in 14:59.');
    vi.advanceTimersByTime(14 * 60_000 + 58_000);
    await expect.element(countdown).toHaveTextContent('The code expires in 0:01.');
    vi.advanceTimersByTime(1000);
    await expect.element(countdown).toHaveTextContent('The code has expired; start again.');
  });

  it('copies the code and says so', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const screen = await render(<DeviceCodePanel info={info} />);
    await screen.getByRole('button', { name: 'Copy code' }).click();
    await expect.element(screen.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(writeText).toHaveBeenCalledExactlyOnceWith('KX7-PQ2M');
  });

  it('says to type the code when the clipboard is unavailable', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
    const execCommand = vi.spyOn(document, 'execCommand').mockReturnValue(false);
    const screen = await render(<DeviceCodePanel info={info} />);
    await screen.getByRole('button', { name: 'Copy code' }).click();
    await expect.element(screen.getByText('The code could not be copied; type it instead.')).toBeVisible();
    expect(execCommand).toHaveBeenCalledWith('copy');
    await expect.element(screen.getByRole('button', { name: 'Copy code' })).toBeVisible();
  });
});
