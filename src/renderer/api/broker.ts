import { type BrokerClient, createBrokerClient } from './broker-client';
import { createHttpBridge } from './http-bridge';
import type { BrokerBridge } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser demo. */
    readonly broker?: BrokerBridge;
  }
}

/** Finds the bridge this page runs with: Electron's preload, or the demo's HTTP bridge. Null when neither. */
export function connectBroker(): BrokerClient | null {
  const bridge = window.broker ?? createHttpBridge(window.location, window.history, window.sessionStorage);
  return bridge ? createBrokerClient(bridge) : null;
}
