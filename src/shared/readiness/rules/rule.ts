import type { Evidence, Finding, FindingCode, Severity } from '../finding';
import type { ReadinessInput } from '../input';

/** A pure readiness rule: reports every problem it sees, never throws on the first one. */
export interface ReadinessRule {
  readonly id: string;
  readonly run: (input: ReadinessInput) => Finding[];
}

/** Builds a finding; `field` names the input field it is about. */
export function makeFinding(
  ruleId: string,
  code: FindingCode,
  severity: Severity,
  evidence: Evidence,
  field?: string,
): Finding {
  return field === undefined ? { code, severity, ruleId, evidence } : { code, severity, ruleId, evidence, field };
}

/** A list as one evidence value: comma-separated, or null when empty. */
export function listEvidence(values: readonly string[]): string | null {
  return values.length === 0 ? null : values.join(', ');
}

/** Long free text (extension messages) cut to a size that fits a report line. */
export function clip(text: string | undefined, max = 400): string | null {
  if (text === undefined) return null;
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
