import { describe, expect, it } from 'vitest';

import { eventChannels, invokeChannels, isInvokeChannel } from '../../../../src/shared/ipc/contract';

describe('the IPC contract', () => {
  it('names every channel area:verb in lower case', () => {
    for (const channel of [...invokeChannels, ...eventChannels]) expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
  });

  it('does not treat inherited object keys as channels', () => {
    expect(isInvokeChannel('constructor')).toBe(false);
    expect(isInvokeChannel('toString')).toBe(false);
  });
});
