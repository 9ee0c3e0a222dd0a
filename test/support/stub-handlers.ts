import type { HandlerMap } from '../../src/main/ipc/dispatch';
import { invokeChannels } from '../../src/shared/ipc/contract';
import { DEFAULT_SETTINGS } from '../../src/shared/settings/schema';

/**
 * A HandlerMap for transport tests: every channel of the contract refuses ("not used in this test") unless
 * overridden; app:info, auth:accounts, app:take-deep-link and settings:get answer. Built from the contract's channel
 * list, so a new channel needs no edit here.
 */
export function stubHandlers(overrides: Partial<HandlerMap> = {}): HandlerMap {
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  const all = Object.fromEntries(invokeChannels.map((channel) => [channel, notUsed])) as unknown as HandlerMap;
  return {
    ...all,
    'app:info': () => Promise.resolve({ version: '1.0.0', mode: 'demo', platform: 'linux' }),
    'app:take-deep-link': () => Promise.resolve(null),
    'auth:accounts': () => Promise.resolve([]),
    'settings:get': () => Promise.resolve(DEFAULT_SETTINGS),
    ...overrides,
  };
}
