import { describe, expect, it } from 'vitest';

import { formatRemaining } from '../../../src/renderer/features/sign-in/device-code-panel';

describe('device-code countdown', () => {
  it.each([
    [0, '0:00'],
    [-5000, '0:00'],
    [999, '0:01'],
    [61_000, '1:01'],
    [900_000, '15:00'],
  ])('%i ms reads %s', (ms, text) => expect(formatRemaining(ms)).toBe(text));
});
