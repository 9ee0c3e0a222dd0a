import { Icon } from './icons';
import type { LoginRight } from '../../shared/domain/machine';
import type { VerdictStatus } from '../../shared/readiness/finding';
import { loginRightDescription, loginRightLabel, verdictLabel } from '../model/machine-facts';

const VERDICT_ICON = { ready: 'check', warnings: 'warning', blocked: 'block' } as const;

/**
 * Readiness verdict: always the word, so colour is never the only signal; the icon is left out where many badges
 * render at once (list rows), because each SVG costs paint time on every keystroke.
 */
export function VerdictBadge({ status, icon = true }: { readonly status: VerdictStatus; readonly icon?: boolean }) {
  return (
    <span className={`badge verdict verdict-${status}`}>
      {icon ? <Icon name={VERDICT_ICON[status]} size={13} /> : null}
      {verdictLabel(status)}
    </span>
  );
}

/** The sign-in right (User / Admin / No access / Unconfirmed). */
export function RightBadge({ right, icon = true }: { readonly right: LoginRight; readonly icon?: boolean }) {
  return (
    <span className={`badge right right-${right}`} title={loginRightDescription(right)}>
      {icon && right === 'none' ? <Icon name="lock" size={12} /> : null}
      {loginRightLabel(right)}
    </span>
  );
}
