import type { CloudName } from '../shared/clouds';
import type { FaultInjector } from './faults';
import type { JwtSigner } from './jwt';
import type { ScenarioSettings } from './scenario';
import type { World } from './world';

/** Everything the simulated services share: the world, the token signer, the knobs and where they listen. */
export interface SimContext {
  readonly world: World;
  readonly signer: JwtSigner;
  readonly faults: FaultInjector;
  readonly settings: ScenarioSettings;
  /** https://127.0.0.1:PORT per cloud. */
  readonly baseUrls: Readonly<Record<CloudName, string>>;
  /** http://127.0.0.1:PORT2 (browser pages). */
  readonly pagesUrl: string;
  /** Aborted when the simulator stops: pending sleeps end at once. */
  readonly signal: AbortSignal;
}

/** The access-token lifetime in force: the fault override, else the scenario's. */
export function tokenLifetimeSeconds(ctx: SimContext): number {
  return ctx.faults.knobs.tokenLifetimeSeconds ?? ctx.settings.tokenLifetimeSeconds;
}
