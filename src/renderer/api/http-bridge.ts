import type { BrokerBridge } from '../../shared/ipc/contract';

const SESSION_KEY = 'rdp-broker.bridge-session';

/**
 * Demo mode only: the contract over the loopback HTTP bridge. The per-run secret comes from the printed URL once,
 * is kept in sessionStorage, and is removed from the address bar so it does not end up in bookmarks or history.
 */
export function createHttpBridge(location: Location, history: History, storage: Storage): BrokerBridge | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('session');
  if (fromUrl) {
    storage.setItem(SESSION_KEY, fromUrl);
    url.searchParams.delete('session');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const session = storage.getItem(SESSION_KEY);
  if (!session) return null;

  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const ensureSource = (): EventSource => {
    if (source) return source;
    source = new EventSource(`/bridge/events?session=${encodeURIComponent(session)}`);
    return source;
  };

  return {
    async invoke(channel, input) {
      const response = await fetch(`/bridge/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Broker-Session': session },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as unknown;
    },
    on(event, listener) {
      const stream = ensureSource();
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(event, created);
        stream.addEventListener(event, (message: MessageEvent<string>) => {
          const payload = JSON.parse(message.data) as unknown;
          for (const each of created) each(payload);
        });
        set = created;
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
