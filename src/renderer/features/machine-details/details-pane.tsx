import { useEffect, useId, useState } from 'react';

import { FindingsList } from './findings-list';
import { CATALOGUE } from '../../../shared/readiness/catalogue';
import { type FindingCode, findingCodeSchema } from '../../../shared/readiness/finding';
import { ConnectConfirm } from '../connect-confirm';
import type { AppError } from '../../../shared/errors/app-error';
import type { ListedMachine } from '../../../shared/ipc/schemas';
import { RightBadge, VerdictBadge } from '../../components/badges';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { enabledRedirections, favoriteForMachine, favoriteLabel, resolveSignInMethod } from '../../model/favorites-model';
import {
  extensionLabel,
  kindLabel,
  loginRightDescription,
  osLabel,
  stateLabel,
  subscriptionLabel,
} from '../../model/machine-facts';
import { useConnection } from '../../state/connection';
import { useFavorites } from '../../state/favorites';
import { useListView } from '../../state/list-view';
import { useMachines } from '../../state/machines';
import { checkKey, useReadiness } from '../../state/readiness';
import { useSettings } from '../../state/settings';
import { useUi } from '../../state/ui';
import { connectBlocker, connectMachine, connectionPlan, copyReport, openInPortal, saveRdpFile, toggleFavorite } from '../machine-actions';

/** Facts about the machine, as a definition list. */
function MachineFacts({ machine }: { readonly machine: ListedMachine }) {
  const facts: Array<readonly [string, string]> = [
    ['Kind', machine.kind === 'azure-vm' ? 'Azure virtual machine' : 'Azure Arc-enabled server'],
    ['Computer name', machine.computerName ?? 'Unknown'],
    ['Connects to', machine.verdict.dialName ?? 'No name to dial'],
    ['OS', osLabel(machine)],
    [machine.kind === 'azure-vm' ? 'Power state' : 'Agent status', stateLabel(machine)],
    ['Location', machine.location],
    ['Cloud', machine.cloud],
    ['Tenant', machine.tenantId],
    ['Subscription', `${subscriptionLabel(machine)}${machine.subscriptionName ? ` (${machine.subscriptionId})` : ''}`],
    ['Resource group', machine.resourceGroup],
    ['DNS names', machine.network.fqdns.join(', ') || '—'],
    ['Private IPs', machine.network.privateIps.join(', ') || '—'],
    ['Public IPs', machine.network.publicIps.join(', ') || '—'],
    ['Entra login extension', extensionLabel(machine)],
    ['Managed identity', machine.identity.systemAssigned ? 'System-assigned' : machine.identity.type || 'None'],
    ['Sign-in role', loginRightDescription(machine.access.right)],
    ['Resource ID', machine.id],
  ];
  return (
    <section aria-labelledby="facts-title">
      <h3 id="facts-title">Machine</h3>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type MethodChoice = 'default' | 'web-account' | 'password';

function isFindingCode(code: string): code is FindingCode {
  return findingCodeSchema.safeParse(code).success;
}

const STARTABLE = new Set(['stopped', 'deallocated']);

/**
 * "Start VM" for a stopped or deallocated Azure VM. Offered only when the user may start it (the start action, e.g.
 * through Virtual Machine Contributor); otherwise it says why not. Progress comes from main while Azure works.
 */
function StartVm({ machine }: { readonly machine: ListedMachine }) {
  const start = useMachines((state) => state.starts.get(machine.id.toLowerCase()));
  const startMachine = useMachines((state) => state.startMachine);
  const announce = useUi((state) => state.announce);
  if (machine.kind !== 'azure-vm' || (!STARTABLE.has(machine.powerState) && start?.status !== 'starting')) {
    return start?.status === 'done' ? (
      <p className="feedback" role="status">
        <Icon name="check" /> {machine.name} is running.
      </p>
    ) : null;
  }
  const allowed = machine.access.canStart !== false;
  return (
    <div className="start-vm">
      <button
        type="button"
        disabled={!allowed || start?.status === 'starting'}
        aria-describedby={allowed ? undefined : `start-${machine.name}-why`}
        onClick={() =>
          void startMachine(machine.id).then(() => {
            const outcome = useMachines.getState().starts.get(machine.id.toLowerCase());
            announce(outcome?.status === 'done' ? `${machine.name} is running.` : `${machine.name} could not be started.`);
          })
        }
      >
        <Icon name="power" /> {start?.status === 'starting' ? 'Starting…' : 'Start VM'}
      </button>
      {!allowed ? (
        <span id={`start-${machine.name}-why`} className="muted small">
          You may not start this VM: that needs the start action (for example Virtual Machine Contributor).
        </span>
      ) : start?.status === 'starting' ? (
        <span className="small" role="status">
          {start.message}
        </span>
      ) : (
        <span className="muted small">The VM is {machine.powerState}: start it before you connect.</span>
      )}
      {start?.status === 'failed' ? <ErrorBanner error={start.error} /> : null}
    </div>
  );
}

/** Connect, Save .rdp as…, copy report, open in portal, with the outcome of the last attempt. */
function ConnectPanel({
  machine,
  methodChoice,
  onMethodChoice,
  blocker,
}: {
  readonly machine: ListedMachine;
  readonly methodChoice: MethodChoice;
  readonly onMethodChoice: (choice: MethodChoice) => void;
  readonly blocker: AppError | null;
}) {
  const connection = useConnection((state) => state.connection);
  const [feedback, setFeedback] = useState<{ text: string } | { error: AppError } | null>(null);
  const methodId = useId();
  useEffect(() => setFeedback(null), [machine.id]);

  const override = methodChoice === 'default' ? undefined : methodChoice;
  const { favorite } = connectionPlan(machine, override);
  const mine = connection.status !== 'idle' && connection.machineId === machine.id ? connection : null;
  const shared = favorite ? enabledRedirections(favorite.redirections) : [];
  const defaultLabel = `Default (${resolveLabel(connectionPlan(machine).signInMethod)}${favorite && favorite.signInMethod !== 'default' ? ', from the favorite' : ''})`;

  return (
    <section className="connect-panel" aria-label="Connect">
      <div className="method">
        <label htmlFor={methodId}>Sign in with</label>
        <select id={methodId} value={methodChoice} onChange={(event) => onMethodChoice(event.target.value as MethodChoice)}>
          <option value="default">{defaultLabel}</option>
          <option value="web-account">Web account (Microsoft Entra, recommended)</option>
          <option value="password">Password (legacy)</option>
        </select>
      </div>
      {favorite ? (
        <p className="muted small">
          Using favorite “{favoriteLabel(favorite)}”: {favorite.display ? 'its own display settings' : 'display settings from Settings'}
          {shared.length > 0 ? `; shares ${shared.join(', ')}` : '; shares nothing from this PC'}.
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={mine?.status === 'connecting' || blocker !== null}
          aria-describedby={blocker ? `${methodId}-blocked` : undefined}
          aria-keyshortcuts="Enter"
          onClick={() => void connectMachine(machine, override)}
        >
          <Icon name="connect" /> {mine?.status === 'connecting' ? 'Connecting…' : 'Connect'}
        </button>
        <button type="button" onClick={() => void saveRdpFile(machine, override)}>
          <Icon name="download" /> Save .rdp as…
        </button>
        <button
          type="button"
          onClick={() =>
            void copyReport(machine, override).then((ok) =>
              setFeedback(ok ? { text: 'Readiness report copied to the clipboard.' } : { text: 'The report could not be copied.' }),
            )
          }
        >
          <Icon name="copy" /> Copy report
        </button>
        <button
          type="button"
          onClick={() =>
            void openInPortal(machine).then((error) => setFeedback(error ? { error } : { text: 'Asked your browser to open the Azure portal.' }))
          }
        >
          <Icon name="external" /> Open in Azure portal
        </button>
      </div>
      <StartVm machine={machine} />
      <ConnectConfirm machineId={machine.id} name={machine.name} />
      {blocker ? (
        <p id={`${methodId}-blocked`} className="blocked-note">
          <Icon name="block" /> Connect is not available: {blocker.message.replace(/\.?$/, '.')} See the findings below.
        </p>
      ) : null}
      {feedback ? (
        'error' in feedback ? (
          <ErrorBanner error={feedback.error} onDismiss={() => setFeedback(null)} />
        ) : (
          <p className="feedback" role="status">
            {feedback.text}
          </p>
        )
      ) : null}
      {mine?.status === 'failed' ? <ErrorBanner error={mine.error} /> : null}
      {mine?.status === 'done' ? (
        <div className="connect-result" role="status">
          <p>
            <Icon name="check" />{' '}
            {mine.result.outcome === 'launched'
              ? `Started ${mine.result.client ?? 'the Remote Desktop client'}.`
              : 'Demo mode: the .rdp file was written instead of starting a client.'}
          </p>
          <p className="small">
            File: <code data-testid="rdp-path">{mine.result.filePath}</code>
          </p>
          {mine.result.warnings.length > 0 ? (
            <p className="small">
              <Icon name="warning" /> You went ahead despite:{' '}
              {mine.result.warnings.map((code) => (isFindingCode(code) ? CATALOGUE[code].title : code)).join('; ')}.
            </p>
          ) : null}
          {mine.result.notes.map((note) => (
            <p key={note} className="small">
              <Icon name="info" /> {note}
            </p>
          ))}
          <details open={mine.result.outcome === 'written'}>
            <summary>Connection file</summary>
            <pre data-testid="rdp-content" tabIndex={0} aria-label="Connection file content">
              {mine.result.rdpText}
            </pre>
          </details>
        </div>
      ) : null}
    </section>
  );
}

function resolveLabel(method: 'web-account' | 'password'): string {
  return method === 'web-account' ? 'web account' : 'password';
}

/** Facts about the selected machine, its readiness findings, and what to do with it. */
export function DetailsPane() {
  const selectedId = useListView((state) => state.selectedId);
  const machine = useMachines((state) => (selectedId === null ? null : (state.byKey.get(selectedId.toLowerCase()) ?? null)));
  const running = useMachines((state) => state.discovery.status === 'running');
  if (!machine) {
    return (
      <aside className="details empty" aria-label="Machine details">
        <div>
          <Icon name="list" size={32} />
          <p className="muted">
            {selectedId === null
              ? 'Select a machine to see its details. Use the arrow keys in the search box or the list.'
              : running
                ? 'Looking for the selected machine…'
                : 'The selected machine is not in the current list. It may have been deleted or moved, or your access changed.'}
          </p>
        </div>
      </aside>
    );
  }
  return <MachineDetails key={machine.id} machine={machine} />;
}

function MachineDetails({ machine }: { readonly machine: ListedMachine }) {
  const favorites = useFavorites((state) => state.favorites);
  const defaultMethod = useSettings((state) => state.settings.signInMethod);
  const editFavorite = useUi((state) => state.editFavorite);
  const setView = useUi((state) => state.setView);
  const [methodChoice, setMethodChoice] = useState<MethodChoice>('default');
  const favorite = favoriteForMachine(favorites, machine.id);
  const signInMethod = methodChoice === 'default' ? resolveSignInMethod(favorite, defaultMethod) : methodChoice;
  const check = useReadiness((state) => state.checks.get(checkKey(machine.id, signInMethod)));
  const runCheck = useReadiness((state) => state.check);
  useEffect(() => {
    // Not for machines without a sign-in role: nothing a name lookup finds would change that.
    if (machine.access.right !== 'none') void runCheck(machine.id, signInMethod);
  }, [machine, signInMethod, runCheck]);
  const verdict = check?.status === 'done' ? check.result.verdict : machine.verdict;
  const blocker = connectBlocker(machine, signInMethod, verdict);

  return (
    <aside className="details" aria-label="Machine details">
      <header className="details-head">
        <div>
          <h2>{machine.name}</h2>
          <p className="muted small">
            {kindLabel(machine.kind)} · {stateLabel(machine)} · {subscriptionLabel(machine)}
          </p>
          <div className="badges">
            <VerdictBadge status={verdict.status} />
            <RightBadge right={machine.access.right} />
          </div>
        </div>
        <button
          type="button"
          className={favorite ? 'star-button starred' : 'star-button'}
          aria-pressed={favorite !== undefined}
          aria-keyshortcuts={`${navigator.platform.includes('Mac') ? 'Meta' : 'Control'}+D`}
          onClick={() => void toggleFavorite(machine)}
        >
          <Icon name={favorite ? 'star-filled' : 'star'} size={18} />
          {favorite ? 'Favorite' : 'Add to favorites'}
        </button>
      </header>
      {favorite ? (
        <div className="favorite-summary">
          <p className="small">
            <Icon name="star-filled" size={13} /> {favoriteLabel(favorite)}
            {favorite.group ? ` · in ${favorite.group}` : ''}
            {favorite.notes ? ` · ${favorite.notes}` : ''}
          </p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              editFavorite(favorite.id);
              setView('favorites');
            }}
          >
            Edit favorite
          </button>
        </div>
      ) : null}
      <ConnectPanel machine={machine} methodChoice={methodChoice} onMethodChoice={setMethodChoice} blocker={blocker} />
      <FindingsList
        verdict={verdict}
        scope={check?.status === 'done' ? 'full' : check?.status === 'checking' ? 'checking' : 'list'}
        checkError={check?.status === 'failed' ? check.error : null}
        onRecheck={() => void runCheck(machine.id, signInMethod, true)}
      />
      <MachineFacts machine={machine} />
    </aside>
  );
}
