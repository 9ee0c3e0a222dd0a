import { describe, expect, it } from 'vitest';

// The countdown's text lives in a pure module: unit tests run in Node without JSX.
import { formatRemaining } from '../../../src/renderer/model/countdown';

describe('device-code countdown', () => {
  it.each([
    [0, '0:00'],
    [-5000, '0:00'],
    [999, '0:01'],
    [61_000, '1:01'],
    [900_000, '15:00'],
  ])('%i ms reads %s', (ms, text) => expect(formatRemaining(ms)).toBe(text));
});
