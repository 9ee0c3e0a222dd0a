import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';

import type { Favorite } from '../../../shared/favorites/schema';
import { RDP_SCALE_FACTORS } from '../../../shared/rdp/properties';
import type { RdpDisplay, RdpRedirections } from '../../../shared/rdp/rdp-settings';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { type FavoriteDraft, draftFromFavorite, draftToInput, enabledRedirections, favoriteLabel, folderNames, validateDraft } from '../../model/favorites-model';
import { useFavorites } from '../../state/favorites';
import { useSettings } from '../../state/settings';
import { useUi } from '../../state/ui';

type BooleanRedirection = Exclude<keyof RdpRedirections, 'audioPlayback'>;

const REDIRECTIONS: ReadonlyArray<readonly [BooleanRedirection, string]> = [
  ['clipboard', 'Clipboard'],
  ['drives', 'Drives'],
  ['printers', 'Printers'],
  ['devices', 'USB and Plug and Play devices'],
  ['smartCards', 'Smart cards'],
  ['audioCapture', 'Microphone'],
  ['webAuthn', 'WebAuthn (passkeys, Windows Hello)'],
  ['comPorts', 'Serial ports'],
  ['camera', 'Cameras'],
];

/** A labelled field with its error message wired for screen readers. */
function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string;
  readonly children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Edits one favorite: alias, folder, notes, sign-in method, its own display settings, and what it shares with the
 * machine. Sharing is off unless turned on here, one resource at a time.
 */
export function FavoriteEditor({ favorite, missing }: { readonly favorite: Favorite; readonly missing: boolean }) {
  const displayDefaults = useSettings((state) => state.settings.display);
  const favorites = useFavorites((state) => state.favorites);
  const save = useFavorites((state) => state.save);
  const error = useFavorites((state) => state.error);
  const clearError = useFavorites((state) => state.clearError);
  const editFavorite = useUi((state) => state.editFavorite);
  const announce = useUi((state) => state.announce);
  const [draft, setDraft] = useState<FavoriteDraft>(() => draftFromFavorite(favorite, displayDefaults));
  const [showErrors, setShowErrors] = useState(false);
  const [saved, setSaved] = useState(false);
  const base = useId();
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setDraft(draftFromFavorite(favorite, displayDefaults));
    setShowErrors(false);
    setSaved(false);
  }, [favorite, displayDefaults]);
  // Opening the editor (Edit, from the list or the details pane) takes the keyboard user straight to it.
  useEffect(() => firstField.current?.focus(), [favorite.id]);

  const problems = useMemo(() => validateDraft(draft), [draft]);
  const visibleProblem = (field: string) => (showErrors ? problems[field] : undefined);
  const update = (patch: Partial<FavoriteDraft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const updateDisplay = (patch: Partial<RdpDisplay>) => update({ display: { ...draft.display, ...patch } });
  const updateRedirections = (patch: Partial<RdpRedirections>) => update({ redirections: { ...draft.redirections, ...patch } });
  const numberOrUndefined = (value: string) => (value.trim() === '' ? undefined : Number(value));
  const sharing = enabledRedirections(draft.redirections);

  return (
    <form
      className="favorite-editor"
      aria-labelledby={`${base}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (Object.keys(problems).length > 0) {
          setShowErrors(true);
          announce('The favorite was not saved: correct the marked fields.');
          return;
        }
        void save(draftToInput(draft)).then((ok) => {
          setSaved(ok);
          if (ok) announce(`Saved ${favoriteLabel(draft)}.`);
        });
      }}
    >
      <header className="editor-head">
        <h3 id={`${base}-title`}>Edit “{favoriteLabel(favorite)}”</h3>
        <button type="button" className="icon-button" aria-label="Close the editor" onClick={() => editFavorite(null)}>
          <Icon name="close" />
        </button>
      </header>
      <p className="muted small">
        Machine: {favorite.machineName}
        {favorite.host ? ` (${favorite.host})` : ''}
      </p>
      {missing ? (
        <p className="notice warn">
          <Icon name="warning" /> This machine is not in the latest discovery. The favorite stays; Connect comes back when the
          machine does.
        </p>
      ) : null}
      <Field id={`${base}-alias`} label="Name shown" error={visibleProblem('alias')} hint="Leave empty to show the machine name.">
        {(props) => (
          <input {...props} ref={firstField} type="text" maxLength={120} value={draft.alias} onChange={(event) => update({ alias: event.target.value })} />
        )}
      </Field>
      <Field id={`${base}-group`} label="Folder" error={visibleProblem('group')} hint="Favorites with the same folder are listed together.">
        {(props) => (
          <>
            <input
              {...props}
              type="text"
              maxLength={120}
              list={`${base}-folders`}
              value={draft.group}
              onChange={(event) => update({ group: event.target.value })}
            />
            <datalist id={`${base}-folders`}>
              {folderNames(favorites).map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id={`${base}-notes`} label="Notes" error={visibleProblem('notes')}>
        {(props) => <textarea {...props} rows={3} maxLength={4000} value={draft.notes} onChange={(event) => update({ notes: event.target.value })} />}
      </Field>
      <fieldset>
        <legend>Sign in with</legend>
        {(
          [
            ['default', 'The default from Settings'],
            ['web-account', 'Web account (Microsoft Entra, recommended)'],
            ['password', 'Password (legacy; this PC must be joined to the same tenant)'],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="check">
            <input type="radio" name={`${base}-method`} value={value} checked={draft.signInMethod === value} onChange={() => update({ signInMethod: value })} />
            {text}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Display</legend>
        <label className="check">
          <input type="checkbox" checked={draft.customDisplay} onChange={(event) => update({ customDisplay: event.target.checked })} />
          Use display settings just for this favorite
        </label>
        {draft.customDisplay ? (
          <div className="display-grid">
            <Field id={`${base}-screen`} label="Screen">
              {(props) => (
                <select {...props} value={draft.display.screenMode} onChange={(event) => updateDisplay({ screenMode: event.target.value as RdpDisplay['screenMode'] })}>
                  <option value="windowed">Window</option>
                  <option value="fullscreen">Full screen</option>
                </select>
              )}
            </Field>
            <Field id={`${base}-width`} label="Width (pixels)" error={visibleProblem('display.width')}>
              {(props) => (
                <input {...props} type="number" min={200} max={8192} value={draft.display.width ?? ''} onChange={(event) => updateDisplay({ width: numberOrUndefined(event.target.value) })} />
              )}
            </Field>
            <Field id={`${base}-height`} label="Height (pixels)" error={visibleProblem('display.height')}>
              {(props) => (
                <input {...props} type="number" min={200} max={8192} value={draft.display.height ?? ''} onChange={(event) => updateDisplay({ height: numberOrUndefined(event.target.value) })} />
              )}
            </Field>
            <Field id={`${base}-scale`} label="Scale">
              {(props) => (
                <select
                  {...props}
                  value={draft.display.scaleFactor ?? ''}
                  onChange={(event) => updateDisplay({ scaleFactor: numberOrUndefined(event.target.value) })}
                >
                  <option value="">As this PC</option>
                  {RDP_SCALE_FACTORS.map((factor) => (
                    <option key={factor} value={factor}>
                      {factor}%
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <label className="check">
              <input type="checkbox" checked={draft.display.multiMonitor} onChange={(event) => updateDisplay({ multiMonitor: event.target.checked, ...(event.target.checked ? {} : { selectedMonitors: undefined }) })} />
              Use all my monitors
            </label>
            <label className="check">
              <input type="checkbox" checked={draft.display.dynamicResolution} onChange={(event) => updateDisplay({ dynamicResolution: event.target.checked })} />
              Adjust the resolution when the window resizes
            </label>
            <label className="check">
              <input type="checkbox" checked={draft.display.smartSizing} onChange={(event) => updateDisplay({ smartSizing: event.target.checked })} />
              Scale the session to fit the window
            </label>
          </div>
        ) : (
          <p className="muted small">Uses the display settings from Settings.</p>
        )}
      </fieldset>
      <fieldset>
        <legend>Share with the remote machine</legend>
        <p className="muted small">
          Each of these gives the remote machine access to part of this PC. All are off unless you turn them on; turn on only
          what you need for this machine.
        </p>
        <div className="check-grid">
          {REDIRECTIONS.map(([key, text]) => (
            <label key={key} className="check">
              <input type="checkbox" checked={draft.redirections[key]} onChange={(event) => updateRedirections({ [key]: event.target.checked })} />
              {text}
            </label>
          ))}
        </div>
        <Field id={`${base}-audio`} label="Play remote sound">
          {(props) => (
            <select {...props} value={draft.redirections.audioPlayback} onChange={(event) => updateRedirections({ audioPlayback: event.target.value as RdpRedirections['audioPlayback'] })}>
              <option value="none">Nowhere</option>
              <option value="local">On this computer</option>
              <option value="remote">On the remote machine</option>
            </select>
          )}
        </Field>
        {sharing.length > 0 ? (
          <p className="notice warn small" role="note">
            <Icon name="warning" /> Shares: {sharing.join(', ')}.
          </p>
        ) : null}
      </fieldset>
      {showErrors && Object.keys(problems).length > 0 ? (
        <p className="field-error" role="alert">
          Correct the marked fields, then save.
        </p>
      ) : null}
      {error ? <ErrorBanner error={error} onDismiss={clearError} /> : null}
      <div className="actions">
        <button type="submit" className="primary">
          Save favorite
        </button>
        <button type="button" onClick={() => editFavorite(null)}>
          Close
        </button>
        {saved ? (
          <span className="feedback" role="status">
            <Icon name="check" /> Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}
