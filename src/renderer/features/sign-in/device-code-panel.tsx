import { useEffect, useState } from 'react';

import type { DeviceCodeInfo } from '../../../shared/auth/schemas';
import { formatRemaining } from '../../model/countdown';
import { copyText } from '../../platform/files';

/** Device-code sign-in: where to go, the code with a copy button, and a live countdown to its expiry. */
export function DeviceCodePanel({ info }: { readonly info: DeviceCodeInfo }) {
  const expiresAt = new Date(info.expiresAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const remaining = expiresAt - now;
  return (
    <div className="device-code" role="status" data-testid="device-code">
      <p>
        On any device, open{' '}
        <a href={info.verificationUri} target="_blank" rel="noreferrer">
          {info.verificationUri}
        </a>{' '}
        and enter this code:
      </p>
      <p className="code">
        <code>{info.userCode}</code>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void copyText(info.userCode).then(
              () => setCopied('copied'),
              () => setCopied('failed'),
            )
          }
        >
          {copied === 'copied' ? 'Copied' : 'Copy code'}
        </button>
      </p>
      {copied === 'failed' ? <p className="small">The code could not be copied; type it instead.</p> : null}
      <p className="muted small" aria-live="off" data-testid="device-code-countdown">
        {remaining > 0 ? `The code expires in ${formatRemaining(remaining)}.` : 'The code has expired; start again.'}
      </p>
    </div>
  );
}
