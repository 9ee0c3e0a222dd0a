import { z } from 'zod';

import type { LoginRight, MachineKind } from '../domain/machine';

/**
 * Azure RBAC evaluation for "who may log on" (azure-rdp-facts §3.6). Pure: the discovery source feeds it the
 * permission blocks the permissions API returned for a scope, or role definitions it found in role assignments.
 */

/** One element of a permissions API answer (or one role definition's permission block): one role grant. */
export interface PermissionBlock {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

const patternList = z
  .array(z.string())
  .nullish()
  .transform((value) => value ?? []);

/** A permission block as Azure serialises it; missing lists mean empty. */
export const permissionBlockSchema = z.object({
  actions: patternList,
  notActions: patternList,
  dataActions: patternList,
  notDataActions: patternList,
});

/** `GET {scope}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`, one page. */
export const permissionsPageSchema = z.object({
  value: z.array(permissionBlockSchema),
  nextLink: z.string().nullish(),
});

/** The actions that matter for one kind of machine. */
export interface MachineActions {
  readonly login: string;
  readonly loginAsAdmin: string;
  /** Power-on; Arc servers have none (they run on-premises). */
  readonly start: string | null;
  /** A control-plane action Owner/Contributor-like roles hold; used to explain why they still cannot log on. */
  readonly manage: string;
}

/** Login, start and management actions per machine kind. */
export const MACHINE_ACTIONS: Readonly<Record<MachineKind, MachineActions>> = {
  'azure-vm': {
    login: 'Microsoft.Compute/virtualMachines/login/action',
    loginAsAdmin: 'Microsoft.Compute/virtualMachines/loginAsAdmin/action',
    start: 'Microsoft.Compute/virtualMachines/start/action',
    manage: 'Microsoft.Compute/virtualMachines/write',
  },
  'arc-server': {
    login: 'Microsoft.HybridCompute/machines/login/action',
    loginAsAdmin: 'Microsoft.HybridCompute/machines/loginAsAdmin/action',
    start: null,
    manage: 'Microsoft.HybridCompute/machines/write',
  },
};

/** Reading role assignments at a scope: what makes a role-assignment listing of that scope complete. */
export const READ_ROLE_ASSIGNMENTS_ACTION = 'Microsoft.Authorization/roleAssignments/read';

const compiled = new Map<string, RegExp>();

/**
 * Compiles an RBAC pattern. `*` matches any run of characters, case-insensitively. A `/*\/` segment may also match a
 * single `/`: built-in roles rely on it (Virtual Machine User Login grants `Microsoft.Compute/virtualMachines/*\/read`
 * and is documented to let its holder view the VM), and the simulator models the same rule.
 */
function compile(pattern: string): RegExp {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  const source = pattern
    .trim()
    .split('/*/')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*'),
    )
    .join('/(?:.*/)?');
  const regex = new RegExp(`^${source}$`, 'i');
  compiled.set(pattern, regex);
  return regex;
}

/** True when an RBAC action pattern (with `*` wildcards) covers `action`, case-insensitively. */
export function matchesAction(pattern: string, action: string): boolean {
  return compile(pattern).test(action);
}

function grantedBy(include: readonly string[], exclude: readonly string[], action: string): boolean {
  return include.some((p) => matchesAction(p, action)) && !exclude.some((p) => matchesAction(p, action));
}

/**
 * True when some block grants the control-plane action and that same block does not exclude it. A `notActions` entry
 * of one role never removes what another role grants: each element is one role grant.
 */
export function holdsAction(blocks: readonly PermissionBlock[], action: string): boolean {
  return blocks.some((block) => grantedBy(block.actions, block.notActions, action));
}

/** True when some block grants the data action and that same block's notDataActions do not exclude it. */
export function holdsDataAction(blocks: readonly PermissionBlock[], action: string): boolean {
  return blocks.some((block) => grantedBy(block.dataActions, block.notDataActions, action));
}

/** What a set of permission blocks means for signing in to one kind of machine. */
export interface AccessEvaluation {
  readonly right: Exclude<LoginRight, 'unknown'>;
  readonly canStart: boolean;
  /** Holds management actions (Owner, Contributor, Virtual Machine Contributor) but no login data action. */
  readonly hasControlPlaneOnly: boolean;
}

/** Evaluates the login right, start permission and "control plane only" flag for one machine kind. */
export function evaluateAccess(kind: MachineKind, blocks: readonly PermissionBlock[]): AccessEvaluation {
  const actions = MACHINE_ACTIONS[kind];
  const right: AccessEvaluation['right'] = holdsDataAction(blocks, actions.loginAsAdmin)
    ? 'admin'
    : holdsDataAction(blocks, actions.login)
      ? 'user'
      : 'none';
  return {
    right,
    canStart: actions.start !== null && holdsAction(blocks, actions.start),
    hasControlPlaneOnly: right === 'none' && holdsAction(blocks, actions.manage),
  };
}

/**
 * True when nothing granted at a narrower scope can change the evaluation: administrator login already, and start
 * already allowed (or impossible for the kind). Deny assignments are invisible to the permissions API at every scope,
 * so they cannot be the reason to look further.
 */
export function isFinalAccess(kind: MachineKind, evaluation: AccessEvaluation): boolean {
  return evaluation.right === 'admin' && (evaluation.canStart || MACHINE_ACTIONS[kind].start === null);
}

/** A short, user-readable reason for an evaluation (shown in the "no access" view). */
export function describeAccess(kind: MachineKind, evaluation: AccessEvaluation): string {
  const target = kind === 'azure-vm' ? 'virtual machine' : 'Arc-enabled server';
  switch (evaluation.right) {
    case 'admin':
      return `You may sign in to this ${target} as an administrator.`;
    case 'user':
      return `You may sign in to this ${target} as a standard user.`;
    case 'none':
      return evaluation.hasControlPlaneOnly
        ? `You can manage this ${target} (for example as Owner or Contributor), but that does not allow signing in: ` +
            'you need the Virtual Machine User Login or Virtual Machine Administrator Login role.'
        : `You have no role that allows signing in to this ${target} ` +
            '(Virtual Machine User Login or Virtual Machine Administrator Login).';
  }
}
