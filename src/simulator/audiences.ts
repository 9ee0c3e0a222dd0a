import type { CloudName } from '../shared/clouds';

/**
 * Token audiences per cloud. Entra issues ARM tokens with the `management.core.*` audience whichever of the two ARM
 * resource URIs was asked for (azure-rdp-facts §4); ARM accepts both forms, with or without the trailing slash.
 */
export interface CloudAudiences {
  /** The `aud` Entra puts in ARM access tokens. */
  readonly arm: string;
  /** Resource URIs (normalised, no trailing slash) that mean ARM in this cloud. */
  readonly armResources: readonly string[];
  /** Microsoft Graph resource URI of this cloud. */
  readonly graph: string;
}

/** Audiences of the three clouds. */
export const AUDIENCES: Readonly<Record<CloudName, CloudAudiences>> = {
  AzureCloud: {
    arm: 'https://management.core.windows.net/',
    armResources: ['https://management.core.windows.net', 'https://management.azure.com'],
    graph: 'https://graph.microsoft.com',
  },
  AzureUSGovernment: {
    arm: 'https://management.core.usgovcloudapi.net/',
    armResources: ['https://management.core.usgovcloudapi.net', 'https://management.usgovcloudapi.net'],
    graph: 'https://graph.microsoft.us',
  },
  AzureChinaCloud: {
    arm: 'https://management.core.chinacloudapi.cn/',
    armResources: ['https://management.core.chinacloudapi.cn', 'https://management.chinacloudapi.cn'],
    graph: 'https://microsoftgraph.chinacloudapi.cn',
  },
};

/** Microsoft Graph's application id: the `aud` of Graph tokens. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Strips trailing slashes so `https://management.core.windows.net//.default` and `…net/.default` compare equal. */
export function normalizeResource(resource: string): string {
  return resource.toLowerCase().replace(/\/+$/, '');
}

/** True when `aud` is an ARM audience of the cloud (ARM's own check). */
export function isArmAudience(cloud: CloudName, aud: unknown): boolean {
  if (typeof aud !== 'string') return false;
  return AUDIENCES[cloud].armResources.includes(normalizeResource(aud));
}
