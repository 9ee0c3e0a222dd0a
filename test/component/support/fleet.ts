import type { ListedMachine } from '../../../src/shared/ipc/schemas';
import { finding, makeMachine } from '../../unit/renderer/machine-fixtures';

const ROLES = ['web', 'sql', 'app'] as const;

/**
 * A fleet of `count` machines named `web-000`, `sql-001`, `app-002`, … across two subscriptions, with some Arc
 * servers, warnings, blocked machines and machines without a sign-in role. Deterministic, so tests can name rows.
 */
export function makeFleet(count: number): ListedMachine[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${ROLES[i % 3]!}-${String(i).padStart(3, '0')}`;
    const blocked = i % 11 === 0;
    const warned = !blocked && i % 7 === 0;
    return makeMachine(name, {
      kind: i % 5 === 4 ? 'arc-server' : 'azure-vm',
      subscriptionId: i % 2 === 0 ? '11111111-1111-1111-1111-111111111111' : '22222222-2222-2222-2222-222222222222',
      subscriptionName: i % 2 === 0 ? 'Contoso Production' : 'Contoso Test',
      tags: { env: i % 2 === 0 ? 'prod' : 'test' },
      access: { right: i % 13 === 0 ? 'none' : i % 4 === 0 ? 'admin' : 'user' },
      verdict: blocked
        ? { status: 'blocked', findings: [finding('EXTENSION_MISSING', 'block')] }
        : warned
          ? { status: 'warnings', findings: [finding('DIAL_NAME_IS_IP', 'warn')] }
          : {},
    });
  });
}
