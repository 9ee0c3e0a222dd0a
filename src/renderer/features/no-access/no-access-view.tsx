import { useMemo, useState } from 'react';

import type { ListedMachine } from '../../../shared/ipc/schemas';
import { Icon } from '../../components/icons';
import { type NoAccessReason, buildAccessRequest, noAccessReason } from '../../model/findings';
import { subscriptionLabel } from '../../model/machine-facts';
import { copyText } from '../../platform/files';
import { useListView } from '../../state/list-view';
import { useMachines } from '../../state/machines';
import { useSession } from '../../state/session';
import { useUi } from '../../state/ui';
import { openExternal } from '../machine-actions';
import { formatCount } from '../../model/numbers';

/** Machines shown per reason; the rest are reachable through the Machines list's "No access" filter. */
const MAX_SHOWN = 200;

interface ReasonGroup {
  readonly reason: NoAccessReason;
  readonly machines: ListedMachine[];
}

function ReasonSection({ group, username }: { readonly group: ReasonGroup; readonly username: string | null }) {
  const selectedId = useListView((state) => state.selectedId);
  const select = useListView((state) => state.select);
  const announce = useUi((state) => state.announce);
  const [copied, setCopied] = useState<string | null>(null);
  const { finding } = group.reason;
  const headingId = `no-access-${group.reason.kind}`;
  return (
    <section className="reason" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Icon name="lock" /> {finding.title} <span className="muted">({formatCount(group.machines.length)})</span>
      </h3>
      <p>{finding.summary}</p>
      {finding.causes.length > 0 ? <p className="muted">{finding.causes[0]}</p> : null}
      <ol>
        {finding.userSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void copyText(buildAccessRequest(group.machines, username)).then(
              () => {
                setCopied('Request copied: paste it into a message or ticket for your administrator.');
                announce('Access request copied.');
              },
              () => setCopied('The request could not be copied.'),
            )
          }
        >
          <Icon name="copy" /> Copy a request for your administrator
        </button>
        <button type="button" className="link-button" onClick={() => void openExternal(finding.docUrl)}>
          How sign-in roles work <Icon name="external" size={13} />
        </button>
      </div>
      {copied ? (
        <p className="feedback" role="status">
          {copied}
        </p>
      ) : null}
      <ul className="no-access-list" aria-label={`Machines: ${finding.title}`}>
        {group.machines.slice(0, MAX_SHOWN).map((machine) => (
          <li key={machine.id}>
            <button
              type="button"
              className={machine.id === selectedId ? 'machine-button selected' : 'machine-button'}
              aria-current={machine.id === selectedId ? 'true' : undefined}
              onClick={() => select(machine.id)}
            >
              <strong>{machine.name}</strong>
              <span className="muted small">
                {subscriptionLabel(machine)} · {machine.resourceGroup}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {group.machines.length > MAX_SHOWN ? (
        <p className="muted small">
          …and {formatCount(group.machines.length - MAX_SHOWN)} more. Use the Machines view with the “No access” filter
          to search them.
        </p>
      ) : null}
    </section>
  );
}

/**
 * Machines the user can see but not sign in to, grouped by why: most often an Owner or Contributor who lacks the
 * separate login role. The reason comes from main's verdict; this view only explains it and helps ask for access.
 */
export function NoAccessView() {
  const machines = useMachines((state) => state.machines);
  const accounts = useSession((state) => state.accounts);
  const groups = useMemo(() => {
    const byKind = new Map<NoAccessReason['kind'], ReasonGroup>();
    for (const machine of machines) {
      const reason = noAccessReason(machine);
      if (!reason) continue;
      const group = byKind.get(reason.kind);
      if (group) group.machines.push(machine);
      else byKind.set(reason.kind, { reason, machines: [machine] });
    }
    return [byKind.get('control-plane-only'), byKind.get('no-role')].filter((group): group is ReasonGroup => group !== undefined);
  }, [machines]);
  const total = groups.reduce((sum, group) => sum + group.machines.length, 0);
  return (
    <section className="no-access-view" aria-labelledby="no-access-title">
      <h2 id="no-access-title">No access</h2>
      <p className="muted">
        {total === 0
          ? 'You hold a sign-in role on every machine you can see.'
          : `You can see ${formatCount(total)} ${total === 1 ? 'machine' : 'machines'} but hold no role that lets you sign in. Signing in needs Virtual Machine User Login or Virtual Machine Administrator Login; managing a machine (Owner, Contributor) does not include it.`}
      </p>
      {groups.map((group) => (
        <ReasonSection key={group.reason.kind} group={group} username={accounts[0]?.username ?? null} />
      ))}
    </section>
  );
}
