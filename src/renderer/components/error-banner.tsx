import type { AppError } from '../../shared/errors/app-error';
import { messageFor } from '../messages/errors';

/** Shows an error as its catalogue entry, with the stable code for helpdesks. */
export function ErrorBanner({ error, onDismiss }: { readonly error: AppError; readonly onDismiss?: () => void }) {
  const message = messageFor(error.code);
  return (
    <div className="error-banner" role="alert">
      <div>
        <strong>{message.title}</strong>
        <p>{message.explanation}</p>
        <p className="next-step">{message.nextStep}</p>
        <p className="muted small">
          Code <code>{error.code}</code>
          {error.message ? ` — ${error.message}` : ''}
        </p>
      </div>
      {onDismiss ? (
        <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss error">
          ✕
        </button>
      ) : null}
    </div>
  );
}
