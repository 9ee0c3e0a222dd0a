import type { BrokerClient } from '../api/broker-client';

let current: BrokerClient | null = null;

/** Gives the stores their client; called once from main.tsx (and by tests with a fake). */
export function setBrokerClient(client: BrokerClient): void {
  current = client;
}

/** The client the stores talk through. */
export function brokerClient(): BrokerClient {
  if (!current) throw new Error('The broker client is not initialised');
  return current;
}
