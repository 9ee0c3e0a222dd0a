import type { EventSink } from '../ipc/dispatch';
import { toErrorPayload } from '../../shared/errors/app-error';
import { parseDeepLink } from '../../shared/deep-link';
import type { DeepLinkEvent } from '../../shared/ipc/schemas';

/**
 * Receives rdp-broker:// links from the OS (start-up arguments, a second instance, macOS open-url), keeps the latest
 * until the window has taken it, and tells an already open window at once. A link never starts a connection.
 */
export class DeepLinkInbox {
  private pending: DeepLinkEvent | null = null;

  constructor(private readonly emit: EventSink) {}

  /** Parses a link; a malformed one becomes an error event, never an exception. */
  receive(url: string): void {
    let event: DeepLinkEvent;
    try {
      event = { machineId: parseDeepLink(url).machineId, error: null };
    } catch (error: unknown) {
      event = { machineId: null, error: toErrorPayload(error) };
    }
    this.pending = event;
    this.emit('app:deep-link', event);
  }

  /** The link not yet shown, once. */
  take(): DeepLinkEvent | null {
    const event = this.pending;
    this.pending = null;
    return event;
  }
}
