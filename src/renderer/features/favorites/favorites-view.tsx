import { useMemo, useRef, useState } from 'react';

import { FavoriteEditor } from './favorite-editor';
import { ImportSummaryPanel } from './import-summary';
import type { RecentConnection } from '../../../shared/favorites/schema';
import { RightBadge, VerdictBadge } from '../../components/badges';
import { ErrorBanner } from '../../components/error-banner';
import { Icon } from '../../components/icons';
import { messageFor } from '../../messages/errors';
import { type FavoriteFolder, type FavoriteItem, buildFolders } from '../../model/favorites-model';
import { readFileBase64, readFileText, saveFile } from '../../platform/files';
import { useConnection } from '../../state/connection';
import { useFavorites } from '../../state/favorites';
import { useListView } from '../../state/list-view';
import { useMachines } from '../../state/machines';
import { useUi } from '../../state/ui';
import { ConnectConfirm } from '../connect-confirm';
import { connectMachine } from '../machine-actions';

function FavoriteRow({ item, first, last }: { readonly item: FavoriteItem; readonly first: boolean; readonly last: boolean }) {
  const move = useFavorites((state) => state.move);
  const remove = useFavorites((state) => state.remove);
  const editing = useUi((state) => state.editingFavoriteId === item.favorite.id);
  const editFavorite = useUi((state) => state.editFavorite);
  const announce = useUi((state) => state.announce);
  const [confirming, setConfirming] = useState(false);
  const { favorite, machine, label } = item;
  const connection = useConnection((state) => state.connection);
  const attempt = machine && connection.status !== 'idle' && connection.machineId === machine.id ? connection : null;
  return (
    <li className={editing ? 'favorite-row editing' : 'favorite-row'} data-testid="favorite-row">
      <div className="favorite-info">
        <span className="favorite-title">
          <Icon name="star-filled" size={14} className="star starred" /> <strong>{label}</strong>
          {label !== favorite.machineName ? <span className="muted"> · {favorite.machineName}</span> : null}
        </span>
        {machine ? (
          <span className="badges">
            <VerdictBadge status={machine.verdict.status} />
            <RightBadge right={machine.access.right} />
          </span>
        ) : (
          <span className="missing" data-testid="favorite-missing">
            <Icon name="warning" size={13} /> Not in the latest discovery
          </span>
        )}
        {favorite.notes ? <span className="muted small notes">{favorite.notes}</span> : null}
        {attempt?.status === 'connecting' ? (
          <span className="small" role="status">
            Connecting…
          </span>
        ) : attempt?.status === 'done' ? (
          <span className="feedback small" role="status">
            <Icon name="check" size={13} />
            {attempt.result.outcome === 'launched' ? 'Remote Desktop started.' : `Connection file written: ${attempt.result.filePath}`}
          </span>
        ) : attempt?.status === 'failed' ? (
          <ErrorBanner error={attempt.error} />
        ) : null}
        {machine ? <ConnectConfirm machineId={machine.id} name={label} /> : null}
      </div>
      <div className="favorite-actions">
        <button type="button" className="primary" disabled={!machine} onClick={() => machine && void connectMachine(machine)} aria-label={`Connect to ${label}`}>
          <Icon name="connect" /> Connect
        </button>
        <button type="button" onClick={() => editFavorite(editing ? null : favorite.id)} aria-expanded={editing} aria-label={`Edit ${label}`}>
          <Icon name="edit" /> Edit
        </button>
        <button type="button" className="icon-button" disabled={first} aria-label={`Move ${label} up`} onClick={() => void move(favorite.id, 'up').then(() => announce(`${label} moved up.`))}>
          <Icon name="up" />
        </button>
        <button type="button" className="icon-button" disabled={last} aria-label={`Move ${label} down`} onClick={() => void move(favorite.id, 'down').then(() => announce(`${label} moved down.`))}>
          <Icon name="down" />
        </button>
        {confirming ? (
          <>
            <button type="button" className="danger" onClick={() => void remove(favorite.id).then(() => announce(`${label} removed from favorites.`))}>
              Remove “{label}”
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="icon-button" aria-label={`Remove ${label}`} onClick={() => setConfirming(true)}>
            <Icon name="trash" />
          </button>
        )}
      </div>
    </li>
  );
}

function FolderSection({ folder }: { readonly folder: FavoriteFolder }) {
  const headingId = `folder-${folder.name.replace(/[^A-Za-z0-9]+/g, '-') || 'none'}`;
  return (
    <section className="folder" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Icon name="folder" /> {folder.name === '' ? 'Not in a folder' : folder.name} <span className="muted">({folder.items.length})</span>
      </h3>
      <ul className="favorite-list">
        {folder.items.map((item, index) => (
          <FavoriteRow key={item.favorite.id} item={item} first={index === 0} last={index === folder.items.length - 1} />
        ))}
      </ul>
    </section>
  );
}

function RecentList({ recents }: { readonly recents: readonly RecentConnection[] }) {
  const byKey = useMachines((state) => state.byKey);
  const clearRecents = useFavorites((state) => state.clearRecents);
  const select = useListView((state) => state.select);
  const setView = useUi((state) => state.setView);
  return (
    <section className="recents" aria-labelledby="recents-title">
      <div className="section-head">
        <h3 id="recents-title">
          <Icon name="clock" /> Recent connections
        </h3>
        {recents.length > 0 ? (
          <button type="button" className="ghost" onClick={() => void clearRecents()}>
            Clear
          </button>
        ) : null}
      </div>
      {recents.length === 0 ? (
        <p className="muted">Machines you connect to appear here.</p>
      ) : (
        <ul className="recent-list">
          {recents.map((recent) => {
            const machine = byKey.get(recent.machineId.toLowerCase()) ?? null;
            return (
              <li key={`${recent.machineId}-${recent.at}`} data-testid="recent-row">
                <span>
                  <strong>{recent.machineName}</strong>{' '}
                  <span className="muted small">
                    {new Date(recent.at).toLocaleString()} · {recent.signInMethod === 'web-account' ? 'web account' : 'password'}
                    {recent.outcome === 'written' ? ' · file written' : ''}
                  </span>
                </span>
                {machine ? (
                  <span className="favorite-actions">
                    <button type="button" onClick={() => void connectMachine(machine)} aria-label={`Connect to ${recent.machineName} again`}>
                      <Icon name="connect" /> Connect
                    </button>
                    <button
                      type="button"
                      className="ghost"
                      onClick={() => {
                        select(machine.id);
                        setView('machines');
                      }}
                    >
                      Show
                    </button>
                  </span>
                ) : (
                  <span className="missing small">Not in the latest discovery</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * Favorites (in folders, in the user's order) and recent connections. Import and export work on files the user picks;
 * the content goes to main, which validates it and never changes what is already there.
 */
export function FavoritesView() {
  const favorites = useFavorites((state) => state.favorites);
  const recents = useFavorites((state) => state.recents);
  const notice = useFavorites((state) => state.notice);
  const load = useFavorites((state) => state.load);
  const error = useFavorites((state) => state.error);
  const clearError = useFavorites((state) => state.clearError);
  const dismissNotice = useFavorites((state) => state.dismissNotice);
  const importJson = useFavorites((state) => state.importJson);
  const importRdp = useFavorites((state) => state.importRdp);
  const exportJson = useFavorites((state) => state.exportJson);
  const editingId = useUi((state) => state.editingFavoriteId);
  const byKey = useMachines((state) => state.byKey);
  const jsonInput = useRef<HTMLInputElement>(null);
  const rdpInput = useRef<HTMLInputElement>(null);
  const folders = useMemo(() => buildFolders(favorites, byKey), [favorites, byKey]);
  const editing = folders.flatMap((folder) => folder.items).find((item) => item.favorite.id === editingId) ?? null;
  const noticeMessage = messageFor('STORE_CORRUPT_RECOVERED');

  return (
    <div className="favorites-layout">
      <section className="favorites-view" aria-labelledby="favorites-title">
        <div className="section-head">
          <h2 id="favorites-title">Favorites</h2>
          <div className="actions">
            <button type="button" onClick={() => jsonInput.current?.click()}>
              <Icon name="upload" /> Import favorites…
            </button>
            <button type="button" onClick={() => rdpInput.current?.click()}>
              <Icon name="upload" /> Import .rdp files…
            </button>
            <button
              type="button"
              disabled={favorites.length === 0}
              onClick={() =>
                void exportJson().then((file) => {
                  if (file) saveFile(file.fileName, file.text, 'application/json');
                })
              }
            >
              <Icon name="download" /> Export…
            </button>
          </div>
          <input
            ref={jsonInput}
            hidden
            type="file"
            accept=".json,application/json"
            data-testid="import-favorites-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void readFileText(file).then((content) => importJson({ name: file.name, content }));
            }}
          />
          <input
            ref={rdpInput}
            hidden
            type="file"
            multiple
            accept=".rdp"
            data-testid="import-rdp-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void Promise.all(files.map(async (file) => ({ name: file.name, content: await readFileBase64(file) }))).then(importRdp);
            }}
          />
        </div>
        {notice ? (
          <div className="notice warn" role="alert" data-testid="store-notice">
            <Icon name="warning" />
            <div>
              <strong>{noticeMessage.title}</strong>
              <p>
                {notice.restored === 'backup'
                  ? `Your favorites file was damaged. The last good copy was restored (${notice.restoredCount} favorites).`
                  : notice.restored === 'partial'
                    ? `Your favorites file was damaged. ${notice.restoredCount} favorites could be read and were kept.`
                    : 'Your favorites file was damaged and nothing in it could be read.'}{' '}
                The damaged file was kept as <code>{notice.keptAs}</code> in the data folder (Settings › Data).
              </p>
              {notice.problems.length > 0 ? (
                <details>
                  <summary>What was wrong</summary>
                  <ul>
                    {notice.problems.map((problem) => (
                      <li key={problem}>
                        <code>{problem}</code>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
            <button type="button" onClick={() => void dismissNotice()}>
              OK
            </button>
          </div>
        ) : null}
        {load.status === 'failed' ? <ErrorBanner error={load.error} /> : null}
        {error && !editing ? <ErrorBanner error={error} onDismiss={clearError} /> : null}
        <ImportSummaryPanel />
        {load.status === 'loading' ? (
          <p role="status">Loading favorites…</p>
        ) : favorites.length === 0 ? (
          <div className="empty-state" data-testid="favorites-empty">
            <h3>No favorites yet</h3>
            <p className="muted">
              Star a machine in the list (select it and press F, or use the star in its details) to keep it here with your own
              name, folder, notes and connection settings.
            </p>
          </div>
        ) : (
          folders.map((folder) => <FolderSection key={folder.name || '(none)'} folder={folder} />)
        )}
        <RecentList recents={recents} />
      </section>
      {editing ? (
        <aside className="details" aria-label="Favorite settings">
          <FavoriteEditor favorite={editing.favorite} missing={editing.machine === null} />
        </aside>
      ) : (
        <aside className="details empty" aria-label="Favorite settings">
          <p className="muted">Choose Edit on a favorite to set its name, folder, notes, display and sharing.</p>
        </aside>
      )}
    </div>
  );
}
