import { decideDialName } from './dial-name';
import { type Finding, type SignInMethod, sortFindings, statusOf, type Verdict } from './finding';
import type { ReadinessInput } from './input';
import { clientPasswordRule, READINESS_RULES } from './rules/index';
import { listEvidence, makeFinding } from './rules/rule';

const methodRuleId = 'sign-in-method';

function withMethod(input: ReadinessInput, signInMethod: SignInMethod): ReadinessInput {
  return { ...input, preferences: { ...input.preferences, signInMethod } };
}

function runAll(input: ReadinessInput): Finding[] {
  return READINESS_RULES.flatMap((rule) => rule.run(input));
}

/**
 * Runs every rule and decides the verdict. Web account sign-in is the default; the password method is used only when
 * the user chose it and this PC can use it; otherwise SIGN_IN_METHOD_FALLBACK says why and the reasons follow as info.
 * When web account sign-in is blocked but the password method would not be, SIGN_IN_METHOD_ALTERNATIVE says so.
 */
export function evaluateReadiness(input: ReadinessInput): Verdict {
  const preferred = input.preferences.signInMethod;
  const methodFindings: Finding[] = [];
  let method: SignInMethod = 'web-account';

  if (preferred === 'password') {
    const blockers = clientPasswordRule.run(withMethod(input, 'password')).filter((f) => f.severity === 'block');
    if (blockers.length === 0) {
      method = 'password';
    } else {
      methodFindings.push(
        makeFinding(methodRuleId, 'SIGN_IN_METHOD_FALLBACK', 'warn', {
          preferred: 'password',
          used: 'web-account',
          reasons: listEvidence(blockers.map((f) => f.code)),
        }),
        ...blockers.map((f): Finding => ({ ...f, severity: 'info' })),
      );
    }
  }

  const effective = withMethod(input, method);
  const findings = runAll(effective);

  if (preferred === 'web-account' && findings.some((f) => f.severity === 'block')) {
    const passwordFindings = runAll(withMethod(input, 'password'));
    if (!passwordFindings.some((f) => f.severity === 'block')) {
      methodFindings.push(
        makeFinding(methodRuleId, 'SIGN_IN_METHOD_ALTERNATIVE', 'info', {
          preferred: 'web-account',
          alternative: 'password',
          webAccountBlockedBy: listEvidence([...new Set(findings.filter((f) => f.severity === 'block').map((f) => f.code))]),
        }),
      );
    }
  }

  const sorted = sortFindings([...methodFindings, ...findings]);
  const dial = decideDialName(effective);
  return {
    status: statusOf(sorted),
    findings: sorted,
    dialName: dial.dialName,
    dialNameReason: dial.reason,
    signInMethod: method,
  };
}
