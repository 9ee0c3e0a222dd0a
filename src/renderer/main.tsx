import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { connectBroker } from './api/broker';
import { App } from './app';
import { setBrokerClient } from './state/client';
import { useMachines } from './state/machines';
import { useSession } from './state/session';
import './styles.css';

const root = document.getElementById('root');
const client = connectBroker();
if (root && client) {
  setBrokerClient(client);
  void useSession.getState().initialise();
  void useMachines.getState().initialise();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else if (root) {
  root.textContent =
    'RDP Broker could not reach its core. In the browser demo, open the exact URL printed by `npm run demo`.';
}
