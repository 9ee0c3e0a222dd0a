// The preload runs sandboxed: it may require only 'electron' (a subset) and must be bundled into one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';

import { type BrokerBridge, isEventChannel, isInvokeChannel } from '../shared/ipc/contract';

/**
 * `window.broker`: the renderer's only door to main. Built from the contract's channel names, so nothing outside
 * the contract can be invoked or listened to, and no Electron object ever reaches the page.
 */
const broker: BrokerBridge = {
  invoke(channel, input) {
    if (!isInvokeChannel(channel)) return Promise.reject(new Error(`Unknown channel ${channel}`));
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!isEventChannel(event)) throw new Error(`Unknown event ${event}`);
    // Strip the IpcRendererEvent: it exposes `sender`, which must not reach the page.
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('broker', broker);
