import { useEffect, useId, useRef } from 'react';

import { confirmConnection } from './machine-actions';
import { CATALOGUE } from '../../shared/readiness/catalogue';
import { Icon } from '../components/icons';
import { useConnection } from '../state/connection';

/**
 * "This machine has warnings — connect anyway?", shown where Connect was pressed. Focus moves to "Connect anyway",
 * so a keyboard user confirms with Enter (or goes back with Esc / Tab to Cancel).
 */
export function ConnectConfirm({ machineId, name }: { readonly machineId: string; readonly name: string }) {
  const connection = useConnection((state) => state.connection);
  const reset = useConnection((state) => state.reset);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  const asking = connection.status === 'confirm' && connection.machineId === machineId;
  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);
  if (connection.status !== 'confirm' || connection.machineId !== machineId) return null;
  return (
    <div
      className="confirm notice warn"
      role="group"
      aria-labelledby={`${id}-title`}
      data-testid="connect-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          reset();
        }
      }}
    >
      <Icon name="warning" />
      <div>
        <strong id={`${id}-title`}>{name} has readiness warnings</strong>
        <ul id={`${id}-list`}>
          {connection.warnings.map((code) => (
            <li key={code}>{CATALOGUE[code].title}</li>
          ))}
          {connection.warnings.length === 0 ? <li>See the readiness findings.</li> : null}
        </ul>
        <p>The connection may still work.</p>
        <div className="actions">
          <button ref={confirmButton} type="button" className="primary" aria-describedby={`${id}-list`} onClick={() => void confirmConnection({ name })}>
            Connect anyway
          </button>
          <button type="button" onClick={reset}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
