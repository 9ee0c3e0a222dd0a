import { CATALOGUE, fillTemplate } from '../../shared/readiness/catalogue';
import type { Evidence, EvidenceValue, Finding, FindingCode } from '../../shared/readiness/finding';
import type { ListedMachine } from '../../shared/ipc/schemas';

/** A finding as the details pane shows it: catalogue copy filled from the finding's evidence. */
export interface FindingView {
  readonly code: FindingCode;
  readonly severity: Finding['severity'];
  readonly title: string;
  readonly summary: string;
  readonly causes: readonly string[];
  readonly userSteps: readonly string[];
  readonly adminSteps: readonly string[];
  readonly docUrl: string;
  readonly evidence: ReadonlyArray<readonly [string, string]>;
}

function formatEvidenceValue(value: EvidenceValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Evidence as label/value pairs, skipping empty values; keys are shown as written (they are stable identifiers). */
export function evidenceRows(evidence: Evidence): Array<readonly [string, string]> {
  return Object.entries(evidence)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => [key, formatEvidenceValue(value)] as const);
}

/** Fills the catalogue entry of a finding. */
export function describeFinding(finding: Finding): FindingView {
  const entry = CATALOGUE[finding.code];
  const fill = (text: string) => fillTemplate(text, finding.evidence);
  return {
    code: finding.code,
    severity: finding.severity,
    title: entry.title,
    summary: fill(entry.summary),
    causes: entry.causes.map(fill),
    userSteps: entry.userSteps.map(fill),
    adminSteps: entry.adminSteps.map(fill),
    docUrl: entry.docUrl,
    evidence: evidenceRows(finding.evidence),
  };
}

/** Why a machine without the login right cannot be signed in to, from its verdict (never decided here). */
export interface NoAccessReason {
  readonly kind: 'control-plane-only' | 'no-role';
  readonly finding: FindingView;
}

const CONTROL_PLANE: FindingCode = 'ACCESS_NONE_CONTROL_PLANE_ONLY';

/** The no-access reason of a machine, or null when it has a login right (or one that is merely unconfirmed). */
export function noAccessReason(machine: ListedMachine): NoAccessReason | null {
  if (machine.access.right !== 'none') return null;
  const finding =
    machine.verdict.findings.find((each) => each.code === CONTROL_PLANE || each.code === 'ACCESS_NONE') ??
    ({
      code: machine.access.hasControlPlaneOnly ? CONTROL_PLANE : 'ACCESS_NONE',
      severity: 'block',
      ruleId: 'access',
      evidence: machine.access.source ? { source: machine.access.source } : {},
    } satisfies Finding);
  return { kind: finding.code === CONTROL_PLANE ? 'control-plane-only' : 'no-role', finding: describeFinding(finding) };
}

/** Text a user can send an administrator to ask for the sign-in role on these machines. */
export function buildAccessRequest(machines: readonly ListedMachine[], username: string | null): string {
  const lines = [
    'Hello,',
    '',
    `Please assign me${username ? ` (${username})` : ''} the "Virtual Machine User Login" role (or "Virtual Machine Administrator Login" if I need local administrator rights) on these machines, so I can sign in with Microsoft Entra ID:`,
    '',
    ...machines.slice(0, 50).map((machine) => `- ${machine.name} (${machine.id})`),
  ];
  if (machines.length > 50) lines.push(`- …and ${machines.length - 50} more`);
  lines.push('', 'Owner or Contributor alone does not allow signing in: the login role is separate by design.', '');
  return lines.join('\n');
}
