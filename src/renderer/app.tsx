import { useDeferredValue, useEffect, useMemo, useRef } from 'react';

import { ErrorBanner } from './components/error-banner';
import { Icon, type IconName } from './components/icons';
import { ExplainView } from './features/explain/explain-view';
import { HelpOverlay } from './features/help/help-overlay';
import { DetailsPane } from './features/machine-details/details-pane';
import { MachineList } from './features/machine-list/machine-list';
import { saveRdpFile, toggleFavorite } from './features/machine-actions';
import { FavoritesView } from './features/favorites/favorites-view';
import { NoAccessView } from './features/no-access/no-access-view';
import { SettingsView } from './features/settings/settings-view';
import { SignInView } from './features/sign-in/sign-in-view';
import { type ShortcutAction, isTypeToSearch, matchShortcut } from './model/shortcuts';
import { resolveTheme } from './model/theme';
import { useFavorites } from './state/favorites';
import { useListView } from './state/list-view';
import { useMachines } from './state/machines';
import { useSession } from './state/session';
import { useSettings } from './state/settings';
import { type View, useUi } from './state/ui';
import type { AccountAttention } from '../shared/auth/schemas';
import { formatCount } from './model/numbers';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const MOD = IS_MAC ? 'Meta' : 'Control';

/** Applies the theme: `data-theme` on <html> drives the CSS variables; "system" follows prefers-color-scheme live. */
function useTheme(): void {
  const theme = useSettings((state) => state.settings.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = resolveTheme(theme, media.matches);
      document.documentElement.dataset.themePreference = theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

/** Reads machines after a sign-in or an account change, and on first start; a reload keeps the list main has. */
function useDiscoveryTrigger(): void {
  const accountKey = useSession((state) => state.accounts.map((account) => account.id).sort().join(','));
  const loaded = useMachines((state) => state.loaded);
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const { discovery, refresh } = useMachines.getState();
    if (previous.current === null) {
      previous.current = accountKey;
      if (accountKey !== '' && discovery.status === 'idle') void refresh();
      return;
    }
    if (previous.current !== accountKey) {
      previous.current = accountKey;
      if (accountKey !== '') void refresh();
    }
  }, [accountKey, loaded]);
}

/** The selected machine, if it is in the list. */
function selectedMachine() {
  const id = useListView.getState().selectedId;
  return id === null ? null : (useMachines.getState().byKey.get(id.toLowerCase()) ?? null);
}

function runShortcut(action: ShortcutAction): void {
  const ui = useUi.getState();
  switch (action) {
    case 'help':
      ui.setHelpOpen(true);
      return;
    case 'focus-search':
      ui.requestSearchFocus(true);
      return;
    case 'refresh':
      void useMachines.getState().refresh();
      ui.announce('Refreshing the machine list.');
      return;
    case 'toggle-favorite':
    case 'save-rdp':
    case 'connect': {
      const machine = selectedMachine();
      if (!machine) {
        ui.announce('Select a machine first.');
        return;
      }
      if (action === 'toggle-favorite') void toggleFavorite(machine);
      else if (action === 'save-rdp') void saveRdpFile(machine);
      return;
    }
    case 'view-machines':
      ui.setView('machines');
      return;
    case 'view-no-access':
      ui.setView('no-access');
      return;
    case 'view-favorites':
      ui.setView('favorites');
      return;
    case 'view-explain':
      ui.setView('explain');
      return;
    case 'view-settings':
      ui.setView('settings');
      return;
  }
}

/** Keyboard first: global shortcuts, and typing anywhere starts a search. */
function useGlobalKeys(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const isTextInput =
        target instanceof HTMLInputElement ? !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type) : false;
      const context = {
        isMac: IS_MAC,
        inTextField: isTextInput || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target?.isContentEditable === true,
        inList: target?.dataset.list === 'machines',
        overlayOpen: useUi.getState().helpOpen || document.querySelector('dialog[open]') !== null,
      };
      const action = matchShortcut(event, context);
      if (action) {
        event.preventDefault();
        runShortcut(action);
        return;
      }
      if (isTypeToSearch(event, context)) {
        event.preventDefault();
        const { query, setQuery } = useListView.getState();
        setQuery({ text: query.text + event.key });
        useUi.getState().requestSearchFocus(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Discovery progress and the Refresh / Cancel control. */
function DiscoveryStatus() {
  const discovery = useMachines((state) => state.discovery);
  const total = useMachines((state) => state.machines.length);
  const refresh = useMachines((state) => state.refresh);
  const cancel = useMachines((state) => state.cancel);
  if (discovery.status === 'running') {
    const percent = discovery.total ? Math.min(100, Math.round((discovery.done / discovery.total) * 100)) : null;
    return (
      <div className="discovery" data-testid="discovery-status">
        <span className="spinner" aria-hidden="true" />
        <span role="status" className="discovery-text">
          {discovery.message || 'Looking for machines…'} {total > 0 ? `· ${formatCount(total)} found` : ''}
        </span>
        <progress
          aria-label="Discovery progress"
          max={discovery.total ?? undefined}
          value={percent === null ? undefined : discovery.done}
        />
        <button type="button" className="ghost" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  const label =
    discovery.status === 'partial'
      ? `${formatCount(total)} machines · some sources failed`
      : discovery.status === 'failed'
        ? 'Discovery failed'
        : discovery.status === 'cancelled'
          ? 'Discovery cancelled'
          : discovery.status === 'complete'
            ? `${formatCount(total)} machines`
            : '';
  return (
    <div className="discovery" data-testid="discovery-status">
      <span role="status" className="discovery-text">
        {label}
      </span>
      <button type="button" className="ghost" aria-keyshortcuts={`${MOD}+R F5`} onClick={() => void refresh()}>
        <Icon name="refresh" /> Refresh
      </button>
    </div>
  );
}

function Accounts() {
  const accounts = useSession((state) => state.accounts);
  const signOut = useSession((state) => state.signOut);
  const setAddingAccount = useSession((state) => state.setAddingAccount);
  return (
    <div className="accounts">
      {accounts.map((account) => (
        <span key={account.id} className="account">
          <span className="account-name" title={`${account.username} (${account.cloud})`}>
            {account.username}
          </span>
          <button type="button" className="ghost small" aria-label={`Sign out ${account.username}`} onClick={() => void signOut(account.id)}>
            Sign out
          </button>
        </span>
      ))}
      <button type="button" className="ghost small" onClick={() => setAddingAccount(true)}>
        Add account
      </button>
    </div>
  );
}

function NavItem({ view, icon, label, count, shortcut }: { readonly view: View; readonly icon: IconName; readonly label: string; readonly count?: number; readonly shortcut: string }) {
  const current = useUi((state) => state.view === view);
  const setView = useUi((state) => state.setView);
  return (
    <li>
      <button type="button" className="nav-item" aria-current={current ? 'page' : undefined} aria-keyshortcuts={`${MOD}+${shortcut}`} onClick={() => setView(view)}>
        <Icon name={icon} />
        <span className="nav-label">{label}</span>
        {count !== undefined ? <span className="nav-count">{formatCount(count)}</span> : null}
      </button>
    </li>
  );
}

function Sidebar() {
  const machines = useMachines((state) => state.machines);
  const favorites = useFavorites((state) => state.favorites.length);
  // Counted after the list has painted: the badge can wait a frame, the rows cannot.
  const counted = useDeferredValue(machines);
  const noAccess = useMemo(() => counted.reduce((sum, machine) => sum + (machine.access.right === 'none' ? 1 : 0), 0), [counted]);
  const setHelpOpen = useUi((state) => state.setHelpOpen);
  return (
    <nav className="sidebar" aria-label="Views">
      <ul>
        <NavItem view="machines" icon="list" label="Machines" count={machines.length} shortcut="1" />
        <NavItem view="no-access" icon="lock" label="No access" count={noAccess} shortcut="2" />
        <NavItem view="favorites" icon="star" label="Favorites" count={favorites} shortcut="3" />
        <NavItem view="explain" icon="help" label="Explain an error" shortcut="4" />
        <NavItem view="settings" icon="settings" label="Settings" shortcut="5" />
      </ul>
      <button type="button" className="nav-item help-button" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
        <Icon name="help" />
        <span className="nav-label">Keyboard shortcuts</span>
        <kbd>?</kbd>
      </button>
    </nav>
  );
}

const ATTENTION_REASONS: Readonly<Record<AccountAttention['reason'], string>> = {
  'refresh-token-expired': 'your saved sign-in has expired',
  'refresh-token-revoked': 'your sign-in was revoked (for example after a password change)',
  'mfa-required': 'multifactor authentication is required',
  'consent-required': 'the app needs your consent again',
  'conditional-access': 'a Conditional Access policy asks you to sign in again',
  'no-tokens': 'there is no saved sign-in',
  other: 'Microsoft Entra ID asked for a new sign-in',
};

// A stable empty list: a selector returning a new [] on every call would re-render forever.
const NO_ATTENTION: readonly AccountAttention[] = [];

/** Accounts whose sign-in can no longer be refreshed silently: say why and offer to sign in again. */
function AttentionBanners() {
  const attention = useSession((state) => state.authStatus?.attention ?? NO_ATTENTION);
  const accounts = useSession((state) => state.accounts);
  const signInInteractive = useSession((state) => state.signInInteractive);
  return (
    <>
      {attention.map((item) => {
        const account = accounts.find((each) => each.id === item.accountId);
        if (!account) return null;
        return (
          <div key={`${item.accountId}-${item.tenantId}`} className="notice warn" role="alert">
            <Icon name="warning" />
            <span>
              <strong>Sign in again as {account.username}</strong>: {ATTENTION_REASONS[item.reason]}. Machines from this account may be missing
              until you do.
            </span>
            <button type="button" onClick={() => void signInInteractive(account.cloud, account.username)}>
              Sign in again
            </button>
          </div>
        );
      })}
    </>
  );
}

function Banners() {
  const deepLinkError = useUi((state) => state.deepLinkError);
  const dismiss = useUi((state) => state.dismissDeepLinkError);
  const notice = useFavorites((state) => state.notice);
  const view = useUi((state) => state.view);
  const setView = useUi((state) => state.setView);
  return (
    <>
      <AttentionBanners />
      {deepLinkError ? <ErrorBanner error={deepLinkError} onDismiss={dismiss} /> : null}
      {notice && view !== 'favorites' ? (
        <div className="notice warn" role="alert">
          <Icon name="warning" /> Your favorites file was damaged and has been repaired; nothing was deleted.
          <button type="button" className="ghost" onClick={() => setView('favorites')}>
            See what happened
          </button>
        </div>
      ) : null}
    </>
  );
}

function Workspace() {
  const view = useUi((state) => state.view);
  switch (view) {
    case 'machines':
      return (
        <div className="workspace">
          <MachineList />
          <DetailsPane />
        </div>
      );
    case 'no-access':
      return (
        <div className="workspace">
          <NoAccessView />
          <DetailsPane />
        </div>
      );
    case 'favorites':
      return <FavoritesView />;
    case 'explain':
      return <ExplainView />;
    case 'settings':
      return <SettingsView />;
  }
}

/** The app shell: sign-in until an account exists, then navigation, the current view, and the details pane. */
export function App() {
  const load = useSession((state) => state.load);
  const signedIn = useSession((state) => state.accounts.length > 0);
  const addingAccount = useSession((state) => state.addingAccount);
  const info = useSession((state) => state.info);
  const announcement = useUi((state) => state.announcement);
  useTheme();
  useDiscoveryTrigger();
  useGlobalKeys(signedIn && !addingAccount);

  if (load.status === 'loading') {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  if (load.status === 'failed') {
    return (
      <main className="sign-in">
        <ErrorBanner error={load.error} />
      </main>
    );
  }
  if (!signedIn || addingAccount) return <SignInView />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <img src="./icon.svg" alt="" width={24} height={24} />
          <h1>RDP Broker</h1>
          {info?.mode === 'demo' ? <span className="badge demo">Demo</span> : null}
        </div>
        <DiscoveryStatus />
        <Accounts />
      </header>
      <Sidebar />
      <main id="main" className="content" tabIndex={-1}>
        <Banners />
        <Workspace />
      </main>
      <div className="sr-only" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
      <HelpOverlay isMac={IS_MAC} />
    </div>
  );
}
