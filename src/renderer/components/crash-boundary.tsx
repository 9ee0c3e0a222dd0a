import { Component, type ErrorInfo, type ReactNode } from 'react';

import { messageFor } from '../messages/errors';

interface CrashState {
  readonly error: Error | null;
}

/**
 * The last line of defence: a render error shows a message and a way out instead of an empty window. Errors are
 * expected to arrive as AppError data through the stores; reaching this is a bug.
 */
export class CrashBoundary extends Component<{ readonly children: ReactNode }, CrashState> {
  override state: CrashState = { error: null };

  static getDerivedStateFromError(error: Error): CrashState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('RDP Broker window error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const message = messageFor('INTERNAL');
    return (
      <main className="sign-in">
        <div className="sign-in-card" role="alert">
          <h1>{message.title}</h1>
          <p>{message.explanation}</p>
          <p className="next-step">{message.nextStep}</p>
          <p className="muted small">
            <code>{this.state.error.message}</code>
          </p>
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            Reload the window
          </button>
        </div>
      </main>
    );
  }
}
