import type { RdpDropped } from '../../../shared/favorites/schema';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { useFavorites } from '../../state/favorites';

const REASONS: Readonly<Record<RdpDropped['reason'], string>> = {
  forbidden: 'Dangerous, never used',
  unknown: 'Not a setting RDP Broker manages',
  'invalid-value': 'Invalid value',
  'not-configurable': 'Set by RDP Broker itself',
  'needs-consent': 'Sharing you must turn on yourself',
  duplicate: 'Appears more than once',
  malformed: 'Not a setting line',
};

function DroppedTable({ dropped }: { readonly dropped: readonly RdpDropped[] }) {
  if (dropped.length === 0) return <p className="muted small">Every setting in the file was understood and kept.</p>;
  return (
    <table className="dropped">
      <caption className="sr-only">Settings from the file that were left out</caption>
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">Value</th>
          <th scope="col">Why it was left out</th>
        </tr>
      </thead>
      <tbody>
        {dropped.map((item, index) => (
          <tr key={`${item.name}-${index}`} className={`reason-${item.reason}`}>
            <td>
              <code>{item.name || '(line)'}</code>
            </td>
            <td>
              <code>{item.value}</code>
            </td>
            <td>
              <strong>{REASONS[item.reason]}.</strong> {item.detail}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the last import did: added, skipped, what an .rdp file contained that was not carried over, or why it failed. */
export function ImportSummaryPanel() {
  const summary = useFavorites((state) => state.lastImport);
  const clear = useFavorites((state) => state.clearImport);
  if (!summary) return null;
  return (
    <section className="import-summary" aria-label="Import result" data-testid="import-summary">
      <div className="section-head">
        <h3>Import result</h3>
        <button type="button" className="icon-button" aria-label="Close the import result" onClick={clear}>
          <Icon name="close" />
        </button>
      </div>
      {summary.kind === 'failed' ? (
        <>
          <p>
            <strong>{summary.fileName}</strong> was not imported. Your favorites are unchanged.
          </p>
          <ErrorBanner error={summary.error} />
        </>
      ) : summary.kind === 'json' ? (
        <p role="status">
          <Icon name="check" /> From <strong>{summary.fileName}</strong>: {summary.report.added.length} added
          {summary.report.skipped.length > 0
            ? `, ${summary.report.skipped.length} skipped because you already have them (${summary.report.skipped.slice(0, 5).join(', ')}${summary.report.skipped.length > 5 ? '…' : ''}); existing favorites are never changed by an import`
            : ''}
          .
        </p>
      ) : (
        <>
          {summary.outcomes.map((outcome) => (
            <div key={outcome.fileName} className="rdp-outcome">
              <p role="status">
                <Icon name="check" /> <strong>{outcome.fileName}</strong>:{' '}
                {outcome.created ? 'added as a favorite' : 'you already have a favorite for it; nothing changed'} —{' '}
                {outcome.matchedMachineId ? `matches a machine in your list (${outcome.host})` : `${outcome.host} matches no machine in your list yet`}.
              </p>
              <DroppedTable dropped={outcome.dropped} />
            </div>
          ))}
          {summary.failures.map((failure) => (
            <div key={failure.fileName}>
              <p>
                <strong>{failure.fileName}</strong> was not imported.
              </p>
              <ErrorBanner error={failure.error} />
            </div>
          ))}
        </>
      )}
    </section>
  );
}
