import { AppError, fromErrorPayload } from '../../shared/errors/app-error';
import { envelopeSchema } from '../../shared/ipc/envelope';
import type {
  BrokerBridge,
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
} from '../../shared/ipc/contract';

/** The renderer's typed view of the contract. Errors arrive as AppError with their stable code. */
export interface BrokerClient {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wraps a raw bridge (Electron preload or the demo's HTTP bridge) into the typed client. */
export function createBrokerClient(bridge: BrokerBridge): BrokerClient {
  return {
    async invoke(channel, input) {
      const raw = await bridge.invoke(channel, input);
      const envelope = envelopeSchema.safeParse(raw);
      if (!envelope.success) throw new AppError('INTERNAL', `Malformed reply on ${channel}`);
      if (!envelope.data.ok) throw fromErrorPayload(envelope.data.error);
      // Main validated the value against the channel's output schema before sending it.
      return envelope.data.value as InvokeOutput<typeof channel>;
    },
    on(event, listener) {
      return bridge.on(event, (payload) => listener(payload as EventPayload<typeof event>));
    },
  };
}
