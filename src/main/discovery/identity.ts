import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ComputeManagementClient } from '@azure/arm-compute';
import { HybridComputeManagementClient } from '@azure/arm-hybridcompute';

import { type ArmTokenProvider, toTokenCredential } from '../azure/arm-client';
import { type ArmRequester, createArmRest, type RequestInfo } from './arm-rest';
import { installRetryPolicy, type RetryPolicyOptions } from './resilience';
import type { CloudEndpoints, CloudName } from '../../shared/clouds';

/** One signed-in account acting in one tenant of one cloud: everything a call needs. */
export interface Identity {
  readonly accountId: string;
  readonly username: string;
  readonly cloud: CloudName;
  readonly endpoints: CloudEndpoints;
  readonly tenantId: string;
  /** Display name of the tenant (its id until known); updated when the tenant list arrives. */
  tenantName: string;
  readonly getToken: ArmTokenProvider;
  readonly rest: ArmRequester;
  readonly credential: TokenCredential;
  readonly network: NetworkOptions;
}

/** How every client reaches Azure: the transport (extra CA), retries, and the request counter. */
export interface NetworkOptions {
  readonly transportPolicy?: PipelinePolicy | undefined;
  readonly retry?: RetryPolicyOptions | undefined;
  readonly onRequest?: ((info: RequestInfo) => void) | undefined;
}

/** Builds an identity; the REST requester (and with it the Resource Graph quota gate) belongs to it. */
export function createIdentity(input: Omit<Identity, 'rest' | 'credential'>): Identity {
  return {
    ...input,
    credential: toTokenCredential(input.getToken),
    rest: createArmRest({
      endpoint: input.endpoints.armEndpoint,
      scope: input.endpoints.armScope,
      getToken: input.getToken,
      transportPolicy: input.network.transportPolicy,
      retry: input.network.retry,
      onRequest: input.network.onRequest,
    }),
  };
}

function counter(onRequest: (info: RequestInfo) => void): PipelinePolicy {
  return {
    name: 'rdpBrokerRequestCounter',
    sendRequest(request, next) {
      onRequest({ method: request.method, url: request.url });
      return next(request);
    },
  };
}

/**
 * arm-compute 24 for one subscription. It honours only `endpoint` (TOOLCHAIN §3), and the scope must be the cloud's,
 * not derived from the endpoint (the simulator's endpoint is not an audience).
 */
export function createComputeClient(identity: Identity, subscriptionId: string): ComputeManagementClient {
  const client = new ComputeManagementClient(identity.credential, subscriptionId, {
    endpoint: identity.endpoints.armEndpoint,
    credentials: { scopes: [identity.endpoints.armScope] },
    ...(identity.network.transportPolicy
      ? { additionalPolicies: [{ policy: identity.network.transportPolicy, position: 'perCall' as const }] }
      : {}),
  });
  installRetryPolicy(client.pipeline, identity.network.retry);
  if (identity.network.onRequest) client.pipeline.addPolicy(counter(identity.network.onRequest), { afterPhase: 'Retry' });
  return client;
}

/**
 * arm-hybridcompute 3.0.0 for one subscription: `endpoint` and `$host` both set, explicit credential scopes. It pins
 * api-version 2021-05-20, whose machine model lacks the network profile (private IPs stay empty on this path).
 */
export function createHybridClient(identity: Identity, subscriptionId: string): HybridComputeManagementClient {
  const client = new HybridComputeManagementClient(identity.credential, subscriptionId, {
    endpoint: identity.endpoints.armEndpoint,
    $host: identity.endpoints.armEndpoint,
    credentialScopes: [identity.endpoints.armScope],
    ...(identity.network.transportPolicy
      ? { additionalPolicies: [{ policy: identity.network.transportPolicy, position: 'perCall' as const }] }
      : {}),
  });
  installRetryPolicy(client.pipeline, identity.network.retry);
  if (identity.network.onRequest) client.pipeline.addPolicy(counter(identity.network.onRequest), { afterPhase: 'Retry' });
  return client;
}
