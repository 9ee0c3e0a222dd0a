import { useEffect } from 'react';

import { ErrorBanner } from './components/error-banner';
import { DetailsPane } from './features/machine-details/details-pane';
import { MachineList } from './features/machine-list/machine-list';
import { SignInView } from './features/sign-in/sign-in-view';
import { useMachines } from './state/machines';
import { useSession } from './state/session';

/** The app shell: sign-in until an account exists, then the machine list and details. */
export function App() {
  const load = useSession((state) => state.load);
  const accounts = useSession((state) => state.accounts);
  const info = useSession((state) => state.info);
  const signOut = useSession((state) => state.signOut);
  const discovery = useMachines((state) => state.discovery);
  const problems = useMachines((state) => state.problems);
  const refresh = useMachines((state) => state.refresh);
  const cancel = useMachines((state) => state.cancel);
  const selected = useMachines((state) => state.machines.find((machine) => machine.id === state.selectedId) ?? null);
  const signedIn = accounts.length > 0;

  useEffect(() => {
    if (signedIn) void refresh();
  }, [signedIn, refresh]);

  if (load.status === 'loading') return <p className="loading" role="status">Loading…</p>;
  if (load.status === 'failed') return <ErrorBanner error={load.error} />;
  if (!signedIn) return <SignInView />;

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={24} height={24} />
          <span>RDP Broker</span>
          {info?.mode === 'demo' ? <span className="badge">Demo</span> : null}
        </div>
        <div className="discovery" role="status" aria-live="polite">
          {discovery.status === 'running' ? (
            <>
              <span className="spinner" aria-hidden="true" /> {discovery.message}{' '}
              <button type="button" className="ghost" onClick={() => void cancel()}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="ghost" onClick={() => void refresh()}>
              Refresh
            </button>
          )}
        </div>
        <div className="accounts">
          {accounts.map((account) => (
            <span key={account.id} className="account">
              {account.username}
              <button type="button" className="ghost small" onClick={() => void signOut(account.id)}>
                Sign out
              </button>
            </span>
          ))}
        </div>
      </header>
      {discovery.error ? <ErrorBanner error={discovery.error} /> : null}
      {problems.length > 0 ? (
        <div className="problems" role="alert">
          <strong>Some sources could not be read; the list is incomplete.</strong>
          <ul>
            {problems.map((problem) => (
              <li key={problem.scope}>
                {problem.scope}: <code>{problem.error.code}</code> {problem.error.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="workspace">
        <MachineList />
        <DetailsPane machine={selected} />
      </div>
    </div>
  );
}
