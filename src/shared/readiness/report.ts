import type { Machine } from '../domain/machine';
import { type CatalogueEntry, type CatalogueId, fillTemplate } from './catalogue';
import type { Evidence, EvidenceValue, Finding, Verdict } from './finding';

/** Anything that looks like a bearer token or secret is replaced before it reaches a report. */
function redact(text: string): string {
  return text
    .replace(/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[redacted token]')
    .replace(/\b(access_token|refresh_token|id_token|client_secret|password|sig)=([^&\s"']+)/gi, '$1=[redacted]')
    .replace(/\bBearer\s+[\w.~+/=-]{10,}/gi, 'Bearer [redacted]');
}

function formatValue(value: EvidenceValue): string {
  if (value === null) return '-';
  return redact(String(value));
}

function formatEvidence(evidence: Evidence): string {
  return Object.entries(evidence)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join('; ');
}

const label: Readonly<Record<Finding['severity'], string>> = { block: 'BLOCK', warn: 'WARN ', info: 'INFO ' };

function formatFinding(finding: Finding, entry: CatalogueEntry | undefined): string[] {
  const lines = [`[${label[finding.severity]}] ${finding.code}: ${entry?.title ?? finding.code}`];
  if (entry) lines.push(`        ${redact(fillTemplate(entry.summary, finding.evidence))}`);
  const evidence = formatEvidence(finding.evidence);
  if (evidence !== '') lines.push(`        Observed: ${evidence}`);
  if (finding.severity !== 'info' && entry) {
    entry.userSteps.forEach((s) => lines.push(`        You: ${redact(fillTemplate(s, finding.evidence))}`));
    entry.adminSteps.forEach((s) => lines.push(`        Admin: ${redact(fillTemplate(s, finding.evidence))}`));
    lines.push(`        Docs: ${entry.docUrl}`);
  }
  return lines;
}

/** Options for a report; the time is passed in so the core stays pure. */
export interface ReportOptions {
  readonly generatedAt?: string;
}

/**
 * A plain-text readiness report a user can paste into a helpdesk ticket: the machine, the verdict, every finding with
 * what was observed and what to do. Holds no tokens or secrets: only machine metadata and rule evidence, redacted.
 */
export function formatReport(
  machine: Machine,
  verdict: Verdict,
  catalogue: Readonly<Partial<Record<CatalogueId, CatalogueEntry>>>,
  options: ReportOptions = {},
): string {
  const counts = { block: 0, warn: 0, info: 0 };
  verdict.findings.forEach((f) => (counts[f.severity] += 1));
  const os = [machine.os.name ?? machine.os.type, machine.os.version].filter((x) => x !== undefined && x !== '').join(' ');
  const state = machine.kind === 'azure-vm' ? `power state ${machine.powerState}` : `Arc agent ${machine.arcStatus}`;
  const lines = [
    'RDP Broker readiness report',
    ...(options.generatedAt === undefined ? [] : [`Generated: ${options.generatedAt}`]),
    '',
    `Machine:        ${machine.name} (${machine.kind === 'azure-vm' ? 'Azure VM' : 'Arc-enabled server'})`,
    `Computer name:  ${machine.computerName ?? '(unknown)'}`,
    `Resource ID:    ${machine.id}`,
    `Subscription:   ${machine.subscriptionName ?? machine.subscriptionId} (${machine.subscriptionId})`,
    `Tenant:         ${machine.tenantId}`,
    `Cloud:          ${machine.cloud}, ${machine.location}`,
    `OS:             ${os === '' ? '(unknown)' : os}`,
    `State:          ${state}`,
    `Sign-in method: ${verdict.signInMethod === 'web-account' ? 'web account (enablerdsaadauth)' : 'password (legacy)'}`,
    `Dial name:      ${verdict.dialName ?? '(none)'} - ${verdict.dialNameReason}`,
    `Verdict:        ${verdict.status.toUpperCase()} (${counts.block} blocking, ${counts.warn} warnings, ${counts.info} notes)`,
    '',
  ];
  if (verdict.findings.length === 0) lines.push('No findings.');
  verdict.findings.forEach((f) => lines.push(...formatFinding(f, catalogue[f.code]), ''));
  return redact(lines.join('\n').trimEnd()) + '\n';
}
