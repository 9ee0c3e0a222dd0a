import { useEffect, useState } from 'react';

import { type CloudName, CLOUDS, cloudNameSchema } from '../../../shared/clouds';
import { ErrorBanner } from '../../components/error-banner';
import { useSession } from '../../state/session';
import { useSettings } from '../../state/settings';
import { DeviceCodePanel } from './device-code-panel';

/** First screen: choose a cloud and sign in with Microsoft Entra ID in the system browser. */
export function SignInView() {
  const info = useSession((state) => state.info);
  const signIn = useSession((state) => state.signIn);
  const signInInteractive = useSession((state) => state.signInInteractive);
  const cancelSignIn = useSession((state) => state.cancelSignIn);
  const addingAccount = useSession((state) => state.addingAccount);
  const deviceCode = useSession((state) => state.deviceCode);
  const signInWithCode = useSession((state) => state.signInWithCode);
  const setAddingAccount = useSession((state) => state.setAddingAccount);
  const defaultCloud = useSettings((state) => state.settings.defaultCloud);
  const [cloud, setCloud] = useState<CloudName>(defaultCloud);
  useEffect(() => setCloud(defaultCloud), [defaultCloud]);
  const waiting = signIn.status === 'waiting-for-browser';

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <div className="sign-in-card">
        <img src="./icon.svg" alt="" width={56} height={56} />
        <h1 id="sign-in-title">{addingAccount ? 'Add an account' : 'Sign in to RDP Broker'}</h1>
        <p className="muted">
          Use your Microsoft Entra ID work account. We list the Azure VMs and Arc-enabled servers you may sign in to,
          check each one, and start Remote Desktop with web-account sign-in.
        </p>
        {info?.mode === 'demo' ? (
          <p className="demo-note" role="note">
            Demo mode: everything runs against a simulated tenant on this computer. Nothing reaches Azure.
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="sign-in-cloud">Cloud</label>
          <select id="sign-in-cloud" value={cloud} aria-describedby="cloud-hint" onChange={(event) => setCloud(cloudNameSchema.parse(event.target.value))} disabled={waiting}>
            {cloudNameSchema.options.map((name) => (
              <option key={name} value={name}>
                {CLOUDS[name].displayName}
              </option>
            ))}
          </select>
          <span id="cloud-hint" className="muted small">
            Government and China clouds are separate sign-in worlds: choose the one your organisation uses.
          </span>
        </div>
        {info?.mode === 'demo' && info.demoUsers ? (
          <div className="demo-users" role="group" aria-label="Demo accounts">
            {info.demoUsers
              .filter((user) => user.cloud === cloud)
              .map((user) => (
                <button
                  key={user.upn}
                  type="button"
                  className="secondary"
                  disabled={waiting}
                  onClick={() => void signInInteractive(cloud, user.upn)}
                >
                  Sign in as {user.upn}
                  <span className="muted small"> — {user.description}</span>
                </button>
              ))}
          </div>
        ) : null}
        <button type="button" className="primary" disabled={waiting} onClick={() => void signInInteractive(cloud)}>
          {waiting ? 'Waiting for the browser…' : 'Sign in with Microsoft'}
        </button>
        {waiting ? null : (
          <button type="button" className="ghost" onClick={() => void signInWithCode(cloud)}>
            Sign in on another device with a code
          </button>
        )}
        {deviceCode ? <DeviceCodePanel info={deviceCode} /> : null}
        {waiting ? (
          <div className="waiting" role="status">
            <p>{deviceCode ? 'Waiting for you to enter the code…' : 'Finish signing in in your browser. This window updates by itself.'}</p>
            {signIn.url && !deviceCode ? (
              <p>
                Browser did not open?{' '}
                <a href={signIn.url} target="_blank" rel="noreferrer">
                  Open the sign-in page
                </a>
              </p>
            ) : null}
            <button type="button" className="ghost" onClick={() => void cancelSignIn()}>
              Cancel
            </button>
          </div>
        ) : null}
        {signIn.status === 'failed' ? <ErrorBanner error={signIn.error} /> : null}
        {addingAccount && !waiting ? (
          <button type="button" className="ghost" onClick={() => setAddingAccount(false)}>
            Back to my machines
          </button>
        ) : null}
      </div>
    </main>
  );
}
