import { describe, expect, it } from 'vitest';

import { AppError, fromErrorPayload, toErrorPayload } from '../../../src/shared/errors/app-error';

describe('AppError payloads', () => {
  it('round-trips code, message and details', () => {
    const payload = new AppError('AZURE_FORBIDDEN', 'no access', { subscriptionId: 's1' }).toPayload();
    const back = fromErrorPayload(payload);
    expect(back.code).toBe('AZURE_FORBIDDEN');
    expect(back.details).toEqual({ subscriptionId: 's1' });
  });

  it('turns unknown exceptions into INTERNAL', () => {
    expect(toErrorPayload(new TypeError('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});
