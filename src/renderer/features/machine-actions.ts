import { AppError } from '../../shared/errors/app-error';
import type { ListedMachine } from '../../shared/ipc/schemas';
import type { Verdict } from '../../shared/readiness/finding';
import { CATALOGUE } from '../../shared/readiness/catalogue';
import { formatReport } from '../../shared/readiness/report';
import { encodeRdpFile } from '../../shared/rdp/write-rdp';
import { favoriteForMachine, favoriteLabel, resolveSignInMethod } from '../model/favorites-model';
import { portalUrlFor } from '../model/machine-facts';
import { copyText, saveFile } from '../platform/files';
import { brokerClient } from '../state/client';
import { useConnection } from '../state/connection';
import { checkKey, useReadiness } from '../state/readiness';
import { asAppError } from '../state/errors';
import { useFavorites } from '../state/favorites';
import { useSession } from '../state/session';
import { useSettings } from '../state/settings';
import { useUi } from '../state/ui';

/**
 * What a user can do with a machine, shared by buttons, the keyboard and the favorites view so every path behaves
 * the same. Reads the stores at call time (no subscriptions), so calling these never re-renders anything.
 */

/** The favorite of a machine and the sign-in method a connection would use. */
export function connectionPlan(machine: ListedMachine, methodOverride?: 'web-account' | 'password') {
  const favorite = favoriteForMachine(useFavorites.getState().favorites, machine.id);
  const signInMethod = methodOverride ?? resolveSignInMethod(favorite, useSettings.getState().settings.signInMethod);
  return { favorite, signInMethod };
}

/**
 * The best verdict there is for a machine and method: main's full check (with name resolution and this computer)
 * when it has run, else the list's verdict.
 */
export function bestVerdict(machine: ListedMachine, signInMethod: 'web-account' | 'password'): { verdict: Verdict; full: boolean } {
  const check = useReadiness.getState().checks.get(checkKey(machine.id, signInMethod));
  return check?.status === 'done' ? { verdict: check.result.verdict, full: true } : { verdict: machine.verdict, full: false };
}

/**
 * Why Connect would fail before trying, or null. Main's verdict decides (the renderer never judges readiness); it
 * applies only to the sign-in method it was computed for.
 */
export function connectBlocker(
  machine: ListedMachine,
  signInMethod: 'web-account' | 'password',
  verdict: Verdict = bestVerdict(machine, signInMethod).verdict,
): AppError | null {
  if (machine.access.right === 'none') {
    return new AppError('CONNECT_BLOCKED', 'You hold no sign-in role on this machine.', { machineId: machine.id });
  }
  if (verdict.status === 'blocked' && verdict.signInMethod === signInMethod) {
    const first = verdict.findings.find((finding) => finding.severity === 'block');
    return new AppError('CONNECT_BLOCKED', first ? CATALOGUE[first.code].title : 'A readiness check blocks this connection.', {
      machineId: machine.id,
    });
  }
  return null;
}

function announceOutcome(machine: Pick<ListedMachine, 'name'>): void {
  const ui = useUi.getState();
  const state = useConnection.getState().connection;
  if (state.status === 'done') {
    ui.announce(state.result.outcome === 'launched' ? `Started Remote Desktop for ${machine.name}.` : `Wrote the connection file for ${machine.name}.`);
  } else if (state.status === 'failed') {
    ui.announce(`Could not connect to ${machine.name}.`);
  } else if (state.status === 'confirm') {
    ui.announce(`${machine.name} has readiness warnings. Choose Connect anyway to go ahead.`);
  }
}

/**
 * Connects (Enter, the Connect button, a favorite's Connect). Blocked machines are refused; with warnings the user
 * is asked first (main's gate asks too, when its full check finds warnings the list did not show).
 */
export async function connectMachine(machine: ListedMachine, methodOverride?: 'web-account' | 'password'): Promise<void> {
  const { favorite, signInMethod } = connectionPlan(machine, methodOverride);
  const { verdict } = bestVerdict(machine, signInMethod);
  const blocker = connectBlocker(machine, signInMethod, verdict);
  const ui = useUi.getState();
  const connection = useConnection.getState();
  if (blocker) {
    connection.refuse(machine.id, blocker);
    ui.announce(`Cannot connect to ${machine.name}: ${blocker.message}`);
    return;
  }
  const options = { signInMethod, favoriteId: favorite?.id };
  if (verdict.status === 'warnings' && verdict.signInMethod === signInMethod) {
    const warnings = verdict.findings.filter((finding) => finding.severity === 'warn').map((finding) => finding.code);
    connection.askToConfirm(machine.id, options, warnings);
    announceOutcome(machine);
    return;
  }
  ui.announce(`Connecting to ${machine.name}…`);
  await connection.connect(machine.id, options);
  announceOutcome(machine);
}

/** The user read the warnings and goes ahead. */
export async function confirmConnection(machine: Pick<ListedMachine, 'name'>): Promise<void> {
  useUi.getState().announce(`Connecting to ${machine.name}…`);
  await useConnection.getState().confirm();
  announceOutcome(machine);
}

/** Stars or un-stars a machine. */
export async function toggleFavorite(machine: Pick<ListedMachine, 'id' | 'name'>): Promise<void> {
  const favorite = await useFavorites.getState().toggleStar(machine);
  const error = useFavorites.getState().error;
  useUi.getState().announce(
    error ? `Favorites could not be changed: ${error.message}` : favorite ? `${favoriteLabel(favorite)} added to favorites.` : `${machine.name} removed from favorites.`,
  );
}

/**
 * "Save .rdp as…": builds the same file Connect would write, in the same encoding (UTF-16LE with a BOM, what mstsc
 * itself writes), and lets the browser save it where the user chooses.
 */
export async function saveRdpFile(machine: ListedMachine, methodOverride?: 'web-account' | 'password'): Promise<void> {
  const { favorite, signInMethod } = connectionPlan(machine, methodOverride);
  const built = await useConnection.getState().buildRdp(machine.id, { signInMethod, favoriteId: favorite?.id });
  if (!built) return;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = encodeRdpFile(built.rdpText);
  } catch (error: unknown) {
    useConnection.getState().refuse(machine.id, asAppError(error));
    return;
  }
  saveFile(built.fileName, bytes, 'application/x-rdp');
  useUi.getState().announce(`Saved ${built.fileName}.`);
}

/**
 * Copies the readiness report (no tokens or secrets: machine metadata and rule evidence only): main's full report
 * when the full check has run, else the report of the list's verdict.
 */
export async function copyReport(machine: ListedMachine, methodOverride?: 'web-account' | 'password'): Promise<boolean> {
  const { signInMethod } = connectionPlan(machine, methodOverride);
  const check = useReadiness.getState().checks.get(checkKey(machine.id, signInMethod));
  const report =
    check?.status === 'done'
      ? check.result.report
      : formatReport(machine, machine.verdict, CATALOGUE, { generatedAt: new Date().toISOString() });
  try {
    await copyText(report);
    useUi.getState().announce('Readiness report copied.');
    return true;
  } catch {
    useUi.getState().announce('The report could not be copied.');
    return false;
  }
}

/**
 * Opens a link in the user's browser through main's allow-listed shell. In the browser demo main has no browser to
 * hand it to, so this tab opens the (already allow-list-checked) link itself.
 */
export async function openExternal(url: string): Promise<AppError | null> {
  try {
    await brokerClient().invoke('shell:open-external', { url });
    if (useSession.getState().info?.mode === 'demo') window.open(url, '_blank', 'noopener,noreferrer');
    return null;
  } catch (error: unknown) {
    return asAppError(error);
  }
}

/** Opens the machine in the Azure portal of its cloud. */
export function openInPortal(machine: ListedMachine): Promise<AppError | null> {
  return openExternal(portalUrlFor(machine));
}
