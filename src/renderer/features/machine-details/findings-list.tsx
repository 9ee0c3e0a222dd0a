import { useState } from 'react';

import type { AppError } from '../../../shared/errors/app-error';
import type { Verdict } from '../../../shared/readiness/finding';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { type FindingView, describeFinding } from '../../model/findings';
import { openExternal } from '../machine-actions';

const SEVERITY = {
  block: { icon: 'block', label: 'Blocks sign-in' },
  warn: { icon: 'warning', label: 'Warning' },
  info: { icon: 'info', label: 'Note' },
} as const;

/** One finding: what it means, what was observed, what the user and an admin can do, and the documentation. */
export function FindingCard({ finding }: { readonly finding: FindingView }) {
  const [linkError, setLinkError] = useState<AppError | null>(null);
  const severity = SEVERITY[finding.severity];
  return (
    <li className={`finding severity-${finding.severity}`} data-finding={finding.code}>
      <div className="finding-head">
        <Icon name={severity.icon} size={16} />
        <span className="sr-only">{severity.label}: </span>
        <strong>{finding.title}</strong>
      </div>
      <p>{finding.summary}</p>
      {finding.severity !== 'info' && finding.userSteps.length > 0 ? (
        <>
          <p className="finding-subhead">What you can do</p>
          <ol>
            {finding.userSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      ) : null}
      {finding.evidence.length > 0 || finding.adminSteps.length > 0 || finding.causes.length > 0 ? (
        <details>
          <summary>Details for you or your administrator</summary>
          {finding.evidence.length > 0 ? (
            <>
              <p className="finding-subhead">What RDP Broker saw</p>
              <dl className="evidence">
                {finding.evidence.map(([key, value]) => (
                  <div key={key}>
                    <dt>{key}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          {finding.causes.length > 0 ? (
            <>
              <p className="finding-subhead">Why this happens</p>
              <ul>
                {finding.causes.map((cause) => (
                  <li key={cause}>{cause}</li>
                ))}
              </ul>
            </>
          ) : null}
          {finding.adminSteps.length > 0 ? (
            <>
              <p className="finding-subhead">What an administrator can do</p>
              <ol>
                {finding.adminSteps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </>
          ) : null}
          <p className="muted small">
            Finding <code>{finding.code}</code>
          </p>
        </details>
      ) : null}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          void openExternal(finding.docUrl).then(setLinkError);
        }}
      >
        Microsoft documentation <Icon name="external" size={13} />
      </button>
      {linkError ? <ErrorBanner error={linkError} onDismiss={() => setLinkError(null)} /> : null}
    </li>
  );
}

/**
 * The verdict's findings, most serious first (main sorted them). `scope` says which check they come from: the
 * list's (what Azure reports), the full one (plus name resolution and this computer), or the list's while the full
 * one runs.
 */
export function FindingsList({
  verdict,
  scope,
  checkError,
  onRecheck,
}: {
  readonly verdict: Verdict;
  readonly scope: 'list' | 'checking' | 'full';
  readonly checkError: AppError | null;
  readonly onRecheck: () => void;
}) {
  const counts = { block: 0, warn: 0, info: 0 };
  for (const finding of verdict.findings) counts[finding.severity] += 1;
  const summary =
    verdict.findings.length === 0
      ? 'No findings: everything RDP Broker can check looks right'
      : [
          counts.block > 0 ? `${counts.block} blocking` : null,
          counts.warn > 0 ? `${counts.warn} ${counts.warn === 1 ? 'warning' : 'warnings'}` : null,
          counts.info > 0 ? `${counts.info} ${counts.info === 1 ? 'note' : 'notes'}` : null,
        ]
          .filter(Boolean)
          .join(', ');
  return (
    <section className="findings" aria-labelledby="findings-title" aria-busy={scope === 'checking'}>
      <div className="section-head">
        <h3 id="findings-title">Readiness</h3>
        <button type="button" className="ghost small" onClick={onRecheck} disabled={scope === 'checking'}>
          <Icon name="refresh" size={13} /> Check again
        </button>
      </div>
      <p className="muted small" data-testid="readiness-scope">
        {summary}. For {verdict.signInMethod === 'web-account' ? 'web account sign-in' : 'password sign-in'};{' '}
        {scope === 'full'
          ? 'includes name resolution and this PC.'
          : scope === 'checking'
            ? 'checking name resolution and this PC…'
            : 'from what Azure reports (name resolution and this PC not checked).'}
      </p>
      {checkError ? <ErrorBanner error={checkError} /> : null}
      {verdict.findings.length > 0 ? (
        <ul className="finding-list">
          {verdict.findings.map((finding, index) => (
            <FindingCard key={`${finding.code}-${index}`} finding={describeFinding(finding)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
