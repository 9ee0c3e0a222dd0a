import { useDeferredValue, useId, useMemo, useState } from 'react';

import { fillTemplate } from '../../../shared/readiness/catalogue';
import { explainError } from '../../../shared/readiness/explain';
import { Icon } from '../../components/icons';
import { openExternal } from '../machine-actions';

const EXAMPLES = ["Your credentials didn't work", 'AADSTS293004', '0x801C0042', 'The sign-in method you are trying to use is not allowed'];

/** How sure a match is, in words (scores are 0–1: codes score 1, phrases by coverage). */
function confidence(score: number): string {
  if (score >= 0.95) return 'Exact match';
  if (score >= 0.75) return 'Close match';
  return 'Possible match';
}

/**
 * "I saw this error": paste what Remote Desktop, Windows or the portal said, and get what it means and what to do,
 * from the same catalogue the readiness findings use. Runs entirely in this window (pure matching, no network).
 */
export function ExplainView() {
  const [text, setText] = useState('');
  const query = useDeferredValue(text);
  const matches = useMemo(() => (query.trim() === '' ? [] : explainError(query).slice(0, 5)), [query]);
  const inputId = useId();
  return (
    <section className="explain-view" aria-labelledby="explain-title">
      <h2 id="explain-title">Explain an error</h2>
      <p className="muted">
        Paste the message or error code you saw when connecting (from Remote Desktop, Windows, the Azure portal or an extension
        log). Codes work in any form: 1007, -2145648574, 0x801C0042, AADSTS293004.
      </p>
      <div className="field">
        <label htmlFor={inputId}>What did it say?</label>
        <textarea id={inputId} rows={3} value={text} spellCheck={false} onChange={(event) => setText(event.target.value)} />
      </div>
      <div className="actions" role="group" aria-label="Examples">
        <span className="muted small">Examples:</span>
        {EXAMPLES.map((example) => (
          <button key={example} type="button" className="chip" onClick={() => setText(example)}>
            {example}
          </button>
        ))}
      </div>
      <div aria-live="polite" className="explain-results" data-testid="explain-results">
        {query.trim() === '' ? null : matches.length === 0 ? (
          <p className="notice">
            <Icon name="info" /> Nothing in the catalogue matches. Check the exact wording or the code, or copy the readiness report of
            the machine for your helpdesk.
          </p>
        ) : (
          matches.map(({ entry, score, matchedOn }) => (
            <article key={entry.id} className="finding explain-match" aria-labelledby={`${inputId}-${entry.id}`}>
              <div className="finding-head">
                <Icon name={entry.kind === 'message' ? 'info' : 'warning'} size={16} />
                <h3 id={`${inputId}-${entry.id}`}>{entry.title}</h3>
                <span className="badge">{confidence(score)}</span>
              </div>
              <p>{fillTemplate(entry.summary)}</p>
              {entry.causes.length > 0 ? (
                <>
                  <p className="finding-subhead">Why this happens</p>
                  <ul>
                    {entry.causes.map((cause) => (
                      <li key={cause}>{fillTemplate(cause)}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {entry.userSteps.length > 0 ? (
                <>
                  <p className="finding-subhead">What you can do</p>
                  <ol>
                    {entry.userSteps.map((step) => (
                      <li key={step}>{fillTemplate(step)}</li>
                    ))}
                  </ol>
                </>
              ) : null}
              {entry.adminSteps.length > 0 ? (
                <details>
                  <summary>What an administrator can do</summary>
                  <ol>
                    {entry.adminSteps.map((step) => (
                      <li key={step}>{fillTemplate(step)}</li>
                    ))}
                  </ol>
                </details>
              ) : null}
              <p className="muted small">
                Matched on {matchedOn.join(', ')} · <code>{entry.id}</code>
              </p>
              <button type="button" className="link-button" onClick={() => void openExternal(entry.docUrl)}>
                Microsoft documentation <Icon name="external" size={13} />
              </button>
            </article>
          ))
        )}
      </div>
    </section>
  );
}
