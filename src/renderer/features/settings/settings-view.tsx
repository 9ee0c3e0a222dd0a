import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';

import { CLOUDS, cloudNameSchema } from '../../../shared/clouds';
import type { Settings, SettingsPatch } from '../../../shared/settings/schema';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { useMachines } from '../../state/machines';
import { useSession } from '../../state/session';
import { useSettings } from '../../state/settings';

/** Saved / failed line for one field. */
function FieldStatus({ field }: { readonly field: string }) {
  const save = useSettings((state) => state.save);
  if (save.status === 'saved' && save.field === field) {
    return (
      <span className="feedback small" role="status">
        <Icon name="check" size={13} /> Saved
      </span>
    );
  }
  if (save.status === 'failed' && save.field === field) return <ErrorBanner error={save.error} />;
  return null;
}

/** A text setting saved with its own button (and Enter), so half-typed values are never written. */
function TextSetting({
  label,
  field,
  value,
  hint,
  placeholder,
  toPatch,
}: {
  readonly label: string;
  readonly field: string;
  readonly value: string;
  readonly hint: ReactNode;
  readonly placeholder?: string;
  readonly toPatch: (value: string) => SettingsPatch;
}) {
  const update = useSettings((state) => state.update);
  const [draft, setDraft] = useState(value);
  const id = useId();
  useEffect(() => setDraft(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void update(toPatch(draft.trim()), field);
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <div className="inline">
        <input id={id} type="text" value={draft} placeholder={placeholder} spellCheck={false} aria-describedby={`${id}-hint`} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" disabled={draft.trim() === value}>
          Save
        </button>
      </div>
      <span id={`${id}-hint`} className="muted small">
        {hint}
      </span>
      <FieldStatus field={field} />
    </form>
  );
}

function RadioSetting<T extends string>({
  legend,
  field,
  value,
  options,
  onChange,
}: {
  readonly legend: string;
  readonly field: string;
  readonly value: T;
  readonly options: ReadonlyArray<readonly [T, string]>;
  readonly onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([option, text]) => (
        <label key={option} className="check">
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {text}
        </label>
      ))}
      <FieldStatus field={field} />
    </fieldset>
  );
}

/** Where sign-ins are kept and whether the Windows broker is used, in words. */
function SignInFacts() {
  const status = useSession((state) => state.authStatus);
  if (!status) return null;
  const cache =
    status.cache.persistence === 'encrypted'
      ? 'Saved sign-ins are encrypted on this computer.'
      : `Sign-ins are kept in memory only, so you sign in again at each start${status.cache.reason ? ` (${status.cache.reason.replace(/-/g, ' ')})` : ''}.`;
  const broker =
    status.broker.kind === 'in-use'
      ? 'The Windows account broker signs you in.'
      : status.broker.kind === 'fallback'
        ? `The Windows account broker is not used${status.broker.reason ? `: ${status.broker.reason}` : ''}.`
        : null;
  return (
    <p className="muted small" data-testid="sign-in-facts">
      {cache} {broker}
      {status.cache.recoveredCorruptFile ? ' A saved sign-in that could not be read was set aside; sign in again.' : ''}
    </p>
  );
}

/**
 * Settings: cloud and app registration, default sign-in method and display, RDP client, broker, theme, and where
 * data lives. Main validates and stores every change; a refused change shows why and leaves the old value.
 */
export function SettingsView() {
  const load = useSettings((state) => state.load);
  const settings = useSettings((state) => state.settings);
  const update = useSettings((state) => state.update);
  const locations = useSettings((state) => state.locations);
  const dataAction = useSettings((state) => state.dataAction);
  const openLogs = useSettings((state) => state.openLogs);
  const clearCache = useSettings((state) => state.clearCache);
  const refresh = useMachines((state) => state.refresh);
  const info = useSession((state) => state.info);
  const cloudId = useId();
  const screenId = useId();
  const set = (patch: SettingsPatch, field: string) => void update(patch, field);
  const display = (patch: Partial<Settings['display']>, field: string) => set({ display: patch }, field);

  if (load.status === 'loading') return <p role="status">Loading settings…</p>;
  return (
    <section className="settings-view" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {load.status === 'failed' ? <ErrorBanner error={load.error} /> : null}

      <section className="settings-group" aria-labelledby="settings-signin">
        <h3 id="settings-signin">Sign-in</h3>
        <div className="field">
          <label htmlFor={cloudId}>Default cloud</label>
          <select id={cloudId} value={settings.defaultCloud} onChange={(event) => set({ defaultCloud: cloudNameSchema.parse(event.target.value) }, 'defaultCloud')}>
            {cloudNameSchema.options.map((name) => (
              <option key={name} value={name}>
                {CLOUDS[name].displayName}
              </option>
            ))}
          </select>
          <FieldStatus field="defaultCloud" />
        </div>
        <TextSetting
          label="Client ID (app registration)"
          field="clientId"
          value={settings.clientId}
          placeholder="00000000-0000-0000-0000-000000000000"
          hint="The application (client) ID of your organisation's registration of RDP Broker in Microsoft Entra ID."
          toPatch={(clientId) => ({ clientId })}
        />
        <RadioSetting
          legend="Default sign-in method for connections"
          field="signInMethod"
          value={settings.signInMethod}
          options={[
            ['web-account', 'Web account — Microsoft Entra sign-in in the Remote Desktop client (recommended; works from any PC)'],
            ['password', 'Password — legacy; this PC must be Microsoft Entra joined to the same tenant'],
          ]}
          onChange={(signInMethod) => set({ signInMethod }, 'signInMethod')}
        />
        <label className="check">
          <input type="checkbox" checked={settings.useBroker} onChange={(event) => set({ useBroker: event.target.checked }, 'useBroker')} />
          Sign in through the Windows account broker (WAM) where available
        </label>
        <FieldStatus field="useBroker" />
        <SignInFacts />
      </section>

      <section className="settings-group" aria-labelledby="settings-connection">
        <h3 id="settings-connection">Connections</h3>
        <div className="field">
          <label htmlFor={screenId}>Screen</label>
          <select id={screenId} value={settings.display.screenMode} onChange={(event) => display({ screenMode: event.target.value as Settings['display']['screenMode'] }, 'screenMode')}>
            <option value="windowed">Window</option>
            <option value="fullscreen">Full screen</option>
          </select>
          <FieldStatus field="screenMode" />
        </div>
        <label className="check">
          <input type="checkbox" checked={settings.display.multiMonitor} onChange={(event) => display({ multiMonitor: event.target.checked }, 'multiMonitor')} />
          Use all my monitors
        </label>
        <FieldStatus field="multiMonitor" />
        <label className="check">
          <input type="checkbox" checked={settings.display.dynamicResolution} onChange={(event) => display({ dynamicResolution: event.target.checked }, 'dynamicResolution')} />
          Adjust the resolution when the window resizes
        </label>
        <FieldStatus field="dynamicResolution" />
        <p className="muted small">Favorites can override these. Nothing on this PC is shared with remote machines unless a favorite turns it on.</p>
        <TextSetting
          label="Remote Desktop client"
          field="rdpClientPath"
          value={settings.rdpClientPath}
          placeholder="Found automatically"
          hint="Full path of the client to start. Leave empty to use this platform's client (Remote Desktop Connection, Windows App, or FreeRDP)."
          toPatch={(rdpClientPath) => ({ rdpClientPath })}
        />
      </section>

      <section className="settings-group" aria-labelledby="settings-appearance">
        <h3 id="settings-appearance">Appearance</h3>
        <RadioSetting
          legend="Theme"
          field="theme"
          value={settings.theme}
          options={[
            ['system', 'Follow the system'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
          onChange={(theme) => set({ theme }, 'theme')}
        />
      </section>

      <section className="settings-group" aria-labelledby="settings-data">
        <h3 id="settings-data">Data</h3>
        <dl className="facts" data-testid="data-locations">
          <div>
            <dt>Data folder</dt>
            <dd>{locations?.dataDir ?? 'Not kept on disk in this copy'}</dd>
          </div>
          <div>
            <dt>Favorites file</dt>
            <dd>{locations?.favoritesFile ?? 'Kept in memory only'}</dd>
          </div>
          <div>
            <dt>Settings file</dt>
            <dd>{locations?.settingsFile ?? (info?.mode === 'demo' ? 'Kept in memory (demo)' : 'In the data folder')}</dd>
          </div>
          <div>
            <dt>Log folder</dt>
            <dd>{locations?.logsDir ?? (info?.mode === 'demo' ? 'The demo logs to its terminal' : 'Not set')}</dd>
          </div>
        </dl>
        <p className="muted small">Tokens are kept encrypted by the sign-in library and never written to logs, favorites or .rdp files.</p>
        <div className="actions">
          <button type="button" onClick={() => void openLogs()}>
            <Icon name="folder" /> Open the log folder
          </button>
          <button
            type="button"
            onClick={() =>
              void clearCache().then((ok) => {
                if (ok) void refresh();
              })
            }
          >
            <Icon name="trash" /> Clear cache
          </button>
        </div>
        <p className="muted small">Clearing the cache removes temporary connection files and reads the machine list again. Favorites, settings and accounts are kept.</p>
        {dataAction.status === 'done' ? (
          <p className="feedback" role="status" data-testid="data-action-result">
            {dataAction.message}
          </p>
        ) : dataAction.status === 'failed' ? (
          <ErrorBanner error={dataAction.error} />
        ) : dataAction.status === 'working' ? (
          <p role="status">Working…</p>
        ) : null}
      </section>
    </section>
  );
}
