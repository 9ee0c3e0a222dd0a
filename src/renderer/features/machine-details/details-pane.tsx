import type { Machine } from '../../../shared/domain/machine';
import { ErrorBanner } from '../../components/error-banner';
import { useConnection } from '../../state/connection';
import { describeState } from '../machine-list/machine-list';

/** Facts about the selected machine and the Connect action. */
export function DetailsPane({ machine }: { readonly machine: Machine | null }) {
  const connection = useConnection((state) => state.connection);
  const connect = useConnection((state) => state.connect);
  if (!machine) {
    return (
      <aside className="details empty" aria-label="Machine details">
        <p className="muted">Select a machine to see its details.</p>
      </aside>
    );
  }
  const mine = connection.status !== 'idle' && connection.machineId === machine.id ? connection : null;
  const facts: [string, string][] = [
    ['Kind', machine.kind === 'azure-vm' ? 'Azure virtual machine' : 'Azure Arc-enabled server'],
    ['Computer name', machine.computerName ?? 'unknown'],
    ['State', describeState(machine)],
    ['OS', [machine.os.name, machine.os.version].filter(Boolean).join(' ') || machine.os.type],
    ['Location', machine.location],
    ['Subscription', machine.subscriptionName ?? machine.subscriptionId],
    ['Resource group', machine.resourceGroup],
    ['Tenant', machine.tenantId],
    ['Sign-in right', machine.access.right],
    ['Entra login extension', machine.aadExtension ? machine.aadExtension.provisioningState : 'not installed'],
    ['Private IPs', machine.network.privateIps.join(', ') || '—'],
    ['DNS names', machine.network.fqdns.join(', ') || '—'],
  ];
  return (
    <aside className="details" aria-label="Machine details">
      <h2>{machine.name}</h2>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={mine?.status === 'connecting'}
          onClick={() => void connect(machine.id)}
        >
          {mine?.status === 'connecting' ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      {mine?.status === 'failed' ? <ErrorBanner error={mine.error} /> : null}
      {mine?.status === 'done' ? (
        <section className="connect-result" aria-label="Connection file">
          <p role="status">
            {mine.result.outcome === 'launched'
              ? `Started ${mine.result.client ?? 'the Remote Desktop client'}.`
              : 'Demo mode: the .rdp file was written instead of starting a client.'}
          </p>
          <p className="small">
            File: <code data-testid="rdp-path">{mine.result.filePath}</code>
          </p>
          <pre data-testid="rdp-content">{mine.result.rdpText}</pre>
        </section>
      ) : null}
    </aside>
  );
}
