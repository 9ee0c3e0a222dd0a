import { type HandlerMap, checkEvent, dispatchInvoke } from '../../../src/main/ipc/dispatch';
import { connectBroker } from '../../../src/renderer/api/broker';
import { setBrokerClient } from '../../../src/renderer/state/client';
import type { BrokerBridge, EventChannel, EventPayload, InvokeChannel, InvokeInput } from '../../../src/shared/ipc/contract';
import { stubHandlers } from '../../support/stub-handlers';

/** One invoke the page made, as it crossed the bridge. */
export interface BrokerCall {
  readonly channel: string;
  readonly input: unknown;
}

/** The fake `window.broker` a test installed: what was asked of it, and a way to push events. */
export interface FakeBroker {
  readonly calls: readonly BrokerCall[];
  /** Inputs of every invoke on one channel, in order, as the page sent them (before main applies defaults). */
  inputsOf<C extends InvokeChannel>(channel: C): Array<InvokeInput<C>>;
  /** Pushes an event to the page, checked against the contract as main would. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
}

/**
 * Installs `window.broker` as the preload would, and points the stores at it through the app's own `connectBroker`.
 * Every invoke goes through main's real dispatcher (input and output validated against the zod contract, errors as
 * envelopes), so a component test cannot pass with a request main would refuse. Channels not overridden refuse.
 */
export function installFakeBroker(overrides: Partial<HandlerMap> = {}): FakeBroker {
  const handlers = stubHandlers(overrides);
  const calls: BrokerCall[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: BrokerBridge = {
    invoke(channel, input) {
      calls.push({ channel, input });
      return dispatchInvoke(handlers, channel, input);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'broker', { value: bridge, configurable: true });
  const client = connectBroker();
  if (!client) throw new Error('connectBroker() found no bridge');
  setBrokerClient(client);
  return {
    calls,
    inputsOf: <C extends InvokeChannel>(channel: C) =>
      calls.filter((call) => call.channel === channel).map((call) => call.input as InvokeInput<C>),
    emit(event, payload) {
      const checked = checkEvent(event, payload);
      for (const listener of listeners.get(event) ?? []) listener(checked);
    },
  };
}
