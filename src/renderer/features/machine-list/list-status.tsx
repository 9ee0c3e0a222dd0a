import { useState } from 'react';

import type { DiscoveryProblem } from '../../../shared/ipc/schemas';
import { fromErrorPayload } from '../../../shared/errors/app-error';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { messageFor } from '../../messages/errors';
import { useMachines } from '../../state/machines';

/** Which sources failed and why, with what to do: a partial list must say it is partial. */
export function ProblemsPanel({ problems, failed }: { readonly problems: readonly DiscoveryProblem[]; readonly failed: boolean }) {
  const [open, setOpen] = useState(failed);
  const refresh = useMachines((state) => state.refresh);
  return (
    <div className={failed ? 'problems failed' : 'problems'} role={failed ? 'alert' : 'status'} data-testid="discovery-problems">
      <div className="problems-head">
        <Icon name="warning" />
        <strong>
          {failed
            ? 'No machines could be read.'
            : `${problems.length === 1 ? 'One source' : `${problems.length} sources`} could not be read, so this list is incomplete.`}
        </strong>
        <button type="button" className="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide details' : 'Show details'}
        </button>
        <button type="button" className="ghost" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
      {open ? (
        <ul className="problem-list">
          {problems.map((problem, index) => {
            const message = messageFor(fromErrorPayload(problem.error).code);
            return (
              <li key={`${problem.scope}-${index}`}>
                <span className="problem-scope">{problem.scope}</span>
                <span>
                  <strong>{message.title}.</strong> {message.explanation} {message.nextStep}
                </span>
                <span className="muted small">
                  Code <code>{problem.error.code}</code> — {problem.error.message}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * What the list area says when it has nothing ordinary to show: loading, looking, failed, empty, nothing matches,
 * cancelled, or incomplete. Every state says what happened and what to do.
 */
export function ListStatus({
  shown,
  filtering,
  onClearFilters,
}: {
  readonly shown: number;
  readonly filtering: boolean;
  readonly onClearFilters: () => void;
}) {
  const loaded = useMachines((state) => state.loaded);
  const discovery = useMachines((state) => state.discovery);
  const problems = useMachines((state) => state.problems);
  const total = useMachines((state) => state.machines.length);
  const refresh = useMachines((state) => state.refresh);

  if (!loaded) {
    return (
      <div className="list-state" role="status">
        <span className="spinner" aria-hidden="true" /> Loading the machine list…
      </div>
    );
  }
  if (discovery.error) {
    return (
      <div className="list-state">
        <ErrorBanner error={discovery.error} />
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  }
  const problemBlock = problems.length > 0 ? <ProblemsPanel problems={problems} failed={discovery.status === 'failed' && total === 0} /> : null;
  if (total === 0) {
    if (discovery.status === 'running') {
      return (
        <div className="list-state" role="status">
          <span className="spinner" aria-hidden="true" /> Looking for machines… <span className="muted">{discovery.message}</span>
        </div>
      );
    }
    if (discovery.status === 'failed') return <div className="list-state">{problemBlock}</div>;
    return (
      <div className="list-state empty-state" data-testid="empty-state">
        {problemBlock}
        <h2>{discovery.status === 'idle' ? 'The machine list has not been read yet' : 'No machines found'}</h2>
        <p>
          {discovery.status === 'cancelled'
            ? 'Discovery was cancelled before any machine was found.'
            : discovery.status === 'idle'
              ? 'Refresh to look for the Azure VMs and Arc-enabled servers your accounts can see.'
              : 'Your signed-in accounts can see no Azure VMs or Arc-enabled servers.'}
        </p>
        {discovery.status === 'idle' || discovery.status === 'cancelled' ? null : (
          <ul className="muted">
            <li>Check that you signed in with the account that has access to the machines (add another account from the top bar).</li>
            <li>You need at least Reader on a subscription or resource group to see its machines.</li>
            <li>New role assignments can take a few minutes to apply; refresh then.</li>
          </ul>
        )}
        <button type="button" className="primary" onClick={() => void refresh()}>
          <Icon name="refresh" /> Refresh
        </button>
      </div>
    );
  }
  return (
    <>
      {discovery.status === 'cancelled' ? (
        <div className="notice" role="status">
          <Icon name="info" /> Discovery was cancelled, so this list may be incomplete.
          <button type="button" className="ghost" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
      ) : null}
      {problemBlock}
      {shown === 0 ? (
        <div className="list-state empty-state" data-testid="no-match">
          <h2>No machines match</h2>
          <p>{filtering ? 'Nothing matches this search and these filters.' : 'No machine matches the current view.'}</p>
          <button type="button" onClick={onClearFilters}>
            Clear search and filters
          </button>
        </div>
      ) : null}
    </>
  );
}
