import { CLOUDS } from '../../shared/clouds';
import type { LoginRight, Machine } from '../../shared/domain/machine';
import type { VerdictStatus } from '../../shared/readiness/finding';

/**
 * How machines read in the UI: labels for kinds, states, rights and verdicts. Pure, so the list, the details pane,
 * the no-access view and the tests all say the same words.
 */

/** "Azure VM" or "Arc server". */
export function kindLabel(kind: Machine['kind']): string {
  return kind === 'azure-vm' ? 'Azure VM' : 'Arc server';
}

/** The machine's state in words: VM power state, or Arc agent status. */
export function stateLabel(machine: Pick<Machine, 'kind' | 'powerState' | 'arcStatus'>): string {
  if (machine.kind === 'arc-server') return machine.arcStatus === 'unknown' ? 'Agent status unknown' : `Agent ${machine.arcStatus.toLowerCase()}`;
  return machine.powerState === 'unknown' ? 'Power state unknown' : machine.powerState.charAt(0).toUpperCase() + machine.powerState.slice(1);
}

/** A coarse tone for the state, for colour (never the only signal: the label is always shown). */
export function stateTone(machine: Pick<Machine, 'kind' | 'powerState' | 'arcStatus'>): 'ok' | 'warn' | 'muted' {
  if (machine.kind === 'arc-server') return machine.arcStatus === 'Connected' ? 'ok' : machine.arcStatus === 'unknown' ? 'muted' : 'warn';
  if (machine.powerState === 'running') return 'ok';
  return machine.powerState === 'unknown' ? 'muted' : 'warn';
}

/** The login right as a short badge. */
export function loginRightLabel(right: LoginRight): string {
  switch (right) {
    case 'admin':
      return 'Admin';
    case 'user':
      return 'User';
    case 'none':
      return 'No access';
    case 'unknown':
      return 'Unconfirmed';
  }
}

/** What the login right means, for a tooltip and screen readers. */
export function loginRightDescription(right: LoginRight): string {
  switch (right) {
    case 'admin':
      return 'You may sign in as a local administrator (Virtual Machine Administrator Login).';
    case 'user':
      return 'You may sign in as a standard user (Virtual Machine User Login).';
    case 'none':
      return 'You hold no sign-in role on this machine.';
    case 'unknown':
      return 'Your sign-in role could not be confirmed.';
  }
}

/** The verdict as a word. */
export function verdictLabel(status: VerdictStatus): string {
  switch (status) {
    case 'ready':
      return 'Ready';
    case 'warnings':
      return 'Warnings';
    case 'blocked':
      return 'Blocked';
  }
}

/** The subscription as people know it. */
export function subscriptionLabel(machine: Pick<Machine, 'subscriptionId' | 'subscriptionName'>): string {
  return machine.subscriptionName ?? machine.subscriptionId;
}

/** OS name and version, or what little is known. */
export function osLabel(machine: Pick<Machine, 'os'>): string {
  const text = [machine.os.name, machine.os.version].filter((part) => part !== undefined && part !== '').join(' ');
  return text === '' ? machine.os.type || 'Unknown' : text;
}

/** State of the Microsoft Entra login extension in words. */
export function extensionLabel(machine: Pick<Machine, 'aadExtension'>): string {
  const extension = machine.aadExtension;
  if (!extension) return 'Not installed';
  const version = extension.typeHandlerVersion ? ` (v${extension.typeHandlerVersion})` : '';
  return `${extension.provisioningState}${version}`;
}

/**
 * The machine's page in the Azure portal of its cloud. Opened through `shell:open-external`, which main checks
 * against its allow-list of portal hosts.
 */
export function portalUrlFor(machine: Pick<Machine, 'id' | 'cloud' | 'tenantId'>): string {
  return `${CLOUDS[machine.cloud].portal}/#@${encodeURIComponent(machine.tenantId)}/resource${machine.id}/overview`;
}

/** Short tenant label: the first block of the GUID is enough to tell tenants apart in a filter. */
export function shortTenant(tenantId: string): string {
  return tenantId.length > 13 ? `${tenantId.slice(0, 8)}…` : tenantId;
}
