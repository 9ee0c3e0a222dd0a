import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { connectBroker } from './api/broker';
import { App } from './app';
import { CrashBoundary } from './components/crash-boundary';
import { resolveTheme } from './model/theme';
import { setBrokerClient } from './state/client';
import { useFavorites } from './state/favorites';
import { setHostActions } from './state/host';
import { useMachines } from './state/machines';
import { useSession } from './state/session';
import { useSettings } from './state/settings';
import { useUi } from './state/ui';
import './styles.css';

// Follow the OS theme from the first frame; the saved preference replaces it once settings arrive.
document.documentElement.dataset.theme = resolveTheme('system', window.matchMedia('(prefers-color-scheme: dark)').matches);

const root = document.getElementById('root');
const client = connectBroker();
if (root && client) {
  setBrokerClient(client);
  setHostActions({
    openUrl: (url) => void window.open(url, '_blank', 'noopener'),
    now: () => performance.now(),
    mark: (name) => void performance.mark(name),
  });
  // Subscriptions start here, explicitly, never at import time.
  void useSession.getState().initialise();
  void useSettings.getState().initialise();
  void useMachines.getState().initialise();
  void useFavorites.getState().initialise();
  void useUi.getState().initialise();
  createRoot(root).render(
    <StrictMode>
      <CrashBoundary>
        <App />
      </CrashBoundary>
    </StrictMode>,
  );
} else if (root) {
  root.textContent =
    'RDP Broker could not reach its core. In the browser demo, open the exact URL printed by `npm run demo`.';
}
