import { Icon } from './icons';
import type { AppError } from '../../shared/errors/app-error';
import { messageFor } from '../messages/errors';

/**
 * What exactly was wrong, when the error says: `problems` (import validation) or the dispatcher's `issues`
 * (`{ path, message }` per invalid input field).
 */
function problemsOf(error: AppError): string[] {
  const { problems, issues } = error.details ?? {};
  const lines: string[] = [];
  if (Array.isArray(problems)) lines.push(...problems.filter((each): each is string => typeof each === 'string'));
  if (Array.isArray(issues)) {
    for (const issue of issues as unknown[]) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      if (typeof message === 'string') lines.push(typeof path === 'string' && path !== '' ? `${path}: ${message}` : message);
    }
  }
  return lines.slice(0, 10);
}

/** Shows an error as its catalogue entry — what happened and what to do — with the stable code for helpdesks. */
export function ErrorBanner({ error, onDismiss }: { readonly error: AppError; readonly onDismiss?: () => void }) {
  const message = messageFor(error.code);
  const problems = problemsOf(error);
  return (
    <div className="error-banner" role="alert">
      <Icon name="block" size={18} />
      <div className="error-body">
        <strong>{message.title}</strong>
        <p>{message.explanation}</p>
        {problems.length > 0 ? (
          <ul className="error-problems">
            {problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="next-step">{message.nextStep}</p>
        <p className="muted small">
          Code <code>{error.code}</code>
          {error.message ? ` — ${error.message}` : ''}
        </p>
      </div>
      {onDismiss ? (
        <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss">
          <Icon name="close" />
        </button>
      ) : null}
    </div>
  );
}
