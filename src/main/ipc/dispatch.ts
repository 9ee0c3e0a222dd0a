import type { z } from 'zod';

import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import { type Envelope, err, ok } from '../../shared/ipc/envelope';
import {
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeOutput,
  type InvokeParsedInput,
  eventContract,
  invokeContract,
  isInvokeChannel,
} from '../../shared/ipc/contract';

/** One implementation per channel of the contract; the compiler refuses a missing or extra one. */
export type HandlerMap = {
  readonly [C in InvokeChannel]: (input: InvokeParsedInput<C>) => Promise<InvokeOutput<C>>;
};

/** Receives push events for the renderer; each transport (Electron IPC, the demo's HTTP bridge) supplies one. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** Logs what the user does not see: the raw cause of an error. */
export type DispatchLogger = (message: string, meta: Record<string, unknown>) => void;

/**
 * Runs one invoke: unknown channel, bad input and bad output are refused with stable codes; any throw becomes an
 * error envelope. This is the only path from a transport to a handler, so no channel can skip validation.
 */
export async function dispatchInvoke(
  handlers: HandlerMap,
  channel: string,
  rawInput: unknown,
  log: DispatchLogger = () => undefined,
): Promise<Envelope<unknown>> {
  if (!isInvokeChannel(channel)) {
    return err({ code: 'IPC_UNKNOWN_CHANNEL', message: `Unknown channel ${channel.slice(0, 80)}` });
  }
  const spec = invokeContract[channel];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return err({
      code: 'VALIDATION_FAILED',
      message: `Invalid input for ${channel}`,
      details: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
    });
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = (spec.output as z.ZodType).safeParse(value);
    if (!checked.success) {
      log('handler returned data outside its contract', { channel, issues: checked.error.issues.slice(0, 5) });
      return err({ code: 'INTERNAL', message: `The ${channel} handler returned an unexpected shape.` });
    }
    return ok(checked.data);
  } catch (error: unknown) {
    if (!(error instanceof AppError)) log('unexpected error in handler', { channel, error: String(error) });
    return err(toErrorPayload(error));
  }
}

/** Validates an event before it leaves main, so the renderer can trust its shape. */
export function checkEvent<E extends EventChannel>(event: E, payload: EventPayload<E>): EventPayload<E> {
  return eventContract[event].parse(payload) as EventPayload<E>;
}

/** Fan-out of events to every connected transport. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  /** Adds a sink; returns its removal. */
  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** Sends a validated event to all sinks. */
  readonly emit: EventSink = (event, payload) => {
    const checked = checkEvent(event, payload);
    for (const sink of this.sinks) sink(event, checked);
  };
}

/** For tests and the CLI: throws the AppError an error envelope carries. */
export function unwrapEnvelope<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
}
