import { type Machine, type MachineAccess, machineKindSchema } from '../../shared/domain/machine';
import { AppError, isAppError } from '../../shared/errors/app-error';
import {
  type AccessEvaluation,
  evaluateAccess,
  holdsAction,
  isFinalAccess,
  type PermissionBlock,
  READ_ROLE_ASSIGNMENTS_ACTION,
} from '../../shared/discovery/permissions';
import {
  classifyAssignment,
  indexAssignments,
  resourceGroupScopeOf,
  type RoleAssignmentHint,
  scopeKey,
  subscriptionScopeOf,
} from '../../shared/discovery/role-assignments';

/**
 * Resolves each machine's login right with as few calls as is sound (see {@link AccessResolver.resolve}).
 *
 * Azure facts the strategy rests on (azure-rdp-facts §3.6): the permissions API at a scope returns everything that
 * applies there, inherited grants and group grants included, but nothing granted at a narrower scope; deny
 * assignments are invisible to it at every scope. So a wider answer is final only when nothing narrower could add to
 * it (administrator login and, for VMs, start). Otherwise narrower grants must be ruled in or out, which a listing of
 * role assignments does when the user may read them all.
 */

/** The calls the resolver makes; the discovery source implements them over ARM with caching. */
export interface AccessIo {
  /** Effective permissions at a scope (`{scope}/providers/Microsoft.Authorization/permissions`). */
  permissionsAt(scope: string, signal: AbortSignal): Promise<PermissionBlock[]>;
  /**
   * Role assignments the user can read at and below `scope` (those above may be included or not: the resolver never
   * uses them), or null when they cannot be listed (the listing is an optimisation: without it the resolver asks the
   * permissions API at narrower scopes instead). Must hold every readable assignment at and below `scope`.
   */
  assignmentsAt(scope: string, signal: AbortSignal): Promise<RoleAssignmentHint[] | null>;
  /** The permission blocks of a role definition, or null when it cannot be read. */
  roleDefinition(scope: string, guid: string, signal: AbortSignal): Promise<PermissionBlock[] | null>;
}

/** Everything a resolver needs for one identity (account + tenant). */
export interface AccessResolverOptions {
  readonly io: AccessIo;
  /** The user's object id in this tenant (the token's `oid`); null when unknown: then no assignment counts as "mine". */
  readonly userObjectId: string | null;
  readonly signal: AbortSignal;
  /** A scope whose permissions could not be read; reported once per scope. */
  readonly onProblem: (scope: string, error: unknown) => void;
}

/** A VM or Arc machine id: the narrowest scope the resolver asks. */
const MACHINE_SCOPE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.(Compute\/virtualMachines|HybridCompute\/machines)\/[^/]+$/i;

type HintOutcome = { readonly decided: AccessEvaluation } | { readonly askAt: string };

function toAccess(evaluation: AccessEvaluation, source: string): MachineAccess {
  return {
    right: evaluation.right,
    source,
    canStart: evaluation.canStart,
    hasControlPlaneOnly: evaluation.hasControlPlaneOnly,
  };
}

function isCancellation(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (isAppError(error) && error.code === 'DISCOVERY_CANCELLED');
}

/** Resolves login rights for the machines of one identity; memoises every call for the length of a run. */
export class AccessResolver {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly indexes = new WeakMap<readonly RoleAssignmentHint[], Map<string, RoleAssignmentHint[]>>();
  private readonly reported = new Set<string>();

  constructor(private readonly options: AccessResolverOptions) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      this.memo.set(key, hit);
    }
    return hit;
  }

  private permissions(scope: string): Promise<PermissionBlock[]> {
    return this.once(`p|${scopeKey(scope)}`, () => this.options.io.permissionsAt(scope, this.options.signal)).catch(
      (error: unknown) => {
        if (!isCancellation(error, this.options.signal) && !this.reported.has(scopeKey(scope))) {
          this.reported.add(scopeKey(scope));
          this.options.onProblem(scope, error);
        }
        throw new ScopeFailure(scope, error);
      },
    );
  }

  private assignments(scope: string): Promise<RoleAssignmentHint[] | null> {
    return this.once(`a|${scopeKey(scope)}`, () =>
      this.options.io.assignmentsAt(scope, this.options.signal).then(
        (hints) => {
          // The user's own roles will be needed for the machines below: read their definitions now, in parallel.
          for (const hint of hints ?? []) {
            if (classifyAssignment(hint, this.options.userObjectId) === 'mine') {
              this.roleDefinition(subscriptionScopeOf(hint.scope), hint.roleDefinitionGuid).catch(() => undefined);
            }
          }
          return hints;
        },
        (error: unknown) => {
          if (isCancellation(error, this.options.signal)) throw error;
          return null;
        },
      ),
    );
  }

  private roleDefinition(scope: string, guid: string): Promise<PermissionBlock[] | null> {
    return this.once(`d|${guid}`, () =>
      this.options.io.roleDefinition(scope, guid, this.options.signal).catch((error: unknown) => {
        if (isCancellation(error, this.options.signal)) throw error;
        return null;
      }),
    );
  }

  private index(hints: readonly RoleAssignmentHint[]): Map<string, RoleAssignmentHint[]> {
    let index = this.indexes.get(hints);
    if (!index) {
      index = indexAssignments(hints);
      this.indexes.set(hints, index);
    }
    return index;
  }

  /**
   * Adds the user's own assignments at `narrower` scopes to `base` (the permissions at a wider scope). Sound only when
   * the listing holds every assignment at those scopes, which the caller checks (the user may read role assignments
   * at the wider scope). A group or conditional assignment there sends the machine to the permissions API instead.
   */
  private async fromAssignments(
    machine: Machine,
    base: readonly PermissionBlock[],
    narrower: readonly string[],
    hints: readonly RoleAssignmentHint[],
  ): Promise<HintOutcome> {
    const index = this.index(hints);
    const blocks: PermissionBlock[] = [...base];
    for (const scope of narrower) {
      for (const assignment of index.get(scopeKey(scope)) ?? []) {
        const bearing = classifyAssignment(assignment, this.options.userObjectId);
        if (bearing === 'other') continue;
        if (bearing === 'unknown') return { askAt: scope };
        const definition = await this.roleDefinition(subscriptionScopeOf(machine.id), assignment.roleDefinitionGuid);
        if (!definition) return { askAt: scope };
        blocks.push(...definition);
      }
    }
    return { decided: evaluateAccess(machine.kind, blocks) };
  }

  /**
   * Reads a subscription's permissions and its role-assignment listing ahead of need, in parallel (the listing is only
   * used if the permissions say the user may read all of it). A permissions failure is reported as a problem (once),
   * never thrown.
   */
  async prefetch(scope: string): Promise<void> {
    try {
      const [atSubscription, hints] = await Promise.all([this.permissions(scope), this.assignments(scope)]);
      this.prefetchUndecidable(atSubscription, hints);
    } catch (error: unknown) {
      if (isCancellation(error, this.options.signal)) throw error;
    }
  }

  /**
   * Where the listing shows a group or conditional assignment on a resource group or machine, the machines there will
   * need that scope's permissions (the listing cannot decide for them): ask now rather than when their rows arrive.
   * Quietly: a failure is reported only if a machine needs the scope. Nothing is asked when the subscription's
   * permissions already decide every machine, or when the listing is not used (the user may not read all of it).
   */
  private prefetchUndecidable(atSubscription: readonly PermissionBlock[], hints: readonly RoleAssignmentHint[] | null): void {
    if (!hints || !holdsAction(atSubscription, READ_ROLE_ASSIGNMENTS_ACTION)) return;
    if (machineKindSchema.options.every((kind) => isFinalAccess(kind, evaluateAccess(kind, atSubscription)))) return;
    for (const hint of hints) {
      if (classifyAssignment(hint, this.options.userObjectId) !== 'unknown') continue;
      const isGroup = scopeKey(resourceGroupScopeOf(hint.scope)) === scopeKey(hint.scope);
      if (!isGroup && !MACHINE_SCOPE.test(hint.scope.trim())) continue;
      this.once(`p|${scopeKey(hint.scope)}`, () => this.options.io.permissionsAt(hint.scope, this.options.signal)).catch(() => undefined);
    }
  }

  /**
   * The machine's access. Widest scope first: the subscription's permissions; if they are not final, the user's own
   * role assignments below it (when the user may read them all); else the resource group's permissions, the same
   * again; and only then the machine's own permissions. Never rejects except on cancellation: a scope that cannot
   * be read leaves the machine `unknown` with the reason, and the scope is reported as a problem.
   */
  async resolve(machine: Machine): Promise<MachineAccess> {
    const kind = machine.kind;
    const subscription = subscriptionScopeOf(machine.id);
    const group = resourceGroupScopeOf(machine.id);
    try {
      const atSubscription = await this.permissions(subscription);
      const wide = evaluateAccess(kind, atSubscription);
      if (isFinalAccess(kind, wide)) return toAccess(wide, `permissions at ${subscription}`);

      let askAt: string = group;
      if (holdsAction(atSubscription, READ_ROLE_ASSIGNMENTS_ACTION)) {
        const hints = await this.assignments(subscription);
        if (hints) {
          const outcome = await this.fromAssignments(machine, atSubscription, [group, machine.id], hints);
          if ('decided' in outcome) {
            return toAccess(outcome.decided, `permissions at ${subscription} and your role assignments below it`);
          }
          askAt = outcome.askAt;
        }
      }

      if (scopeKey(askAt) === scopeKey(group)) {
        const atGroup = await this.permissions(group);
        const middle = evaluateAccess(kind, atGroup);
        if (isFinalAccess(kind, middle)) return toAccess(middle, `permissions at ${group}`);
        if (holdsAction(atGroup, READ_ROLE_ASSIGNMENTS_ACTION)) {
          const hints = await this.assignments(group);
          if (hints) {
            const outcome = await this.fromAssignments(machine, atGroup, [machine.id], hints);
            if ('decided' in outcome) {
              return toAccess(outcome.decided, `permissions at ${group} and your role assignments on the machine`);
            }
          }
        }
      }

      const atMachine = await this.permissions(machine.id);
      return toAccess(evaluateAccess(kind, atMachine), 'permissions on the machine');
    } catch (error: unknown) {
      if (isCancellation(error, this.options.signal)) throw error;
      const failure = error instanceof ScopeFailure ? error : new ScopeFailure(subscription, error);
      const code = isAppError(failure.cause) ? failure.cause.code : 'INTERNAL';
      return { right: 'unknown', source: `Could not read permissions at ${failure.scope} (${code})` };
    }
  }
}

/** A scope whose permissions could not be read (internal: carries the scope to the machine's access source). */
class ScopeFailure extends AppError {
  constructor(
    readonly scope: string,
    cause: unknown,
  ) {
    super(isAppError(cause) ? cause.code : 'INTERNAL', `Permissions at ${scope} could not be read`, { scope }, { cause });
  }
}
