import { z } from 'zod';

/** Clouds the app can sign in to. In demo mode each one is served by the simulator instead of Azure. */
export const cloudNameSchema = z.enum(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
export type CloudName = z.infer<typeof cloudNameSchema>;

/** Endpoints of one cloud: everything that differs between Azure Global and the sovereign clouds. */
export interface CloudEndpoints {
  readonly name: CloudName;
  readonly displayName: string;
  /** Entra authority host, e.g. https://login.microsoftonline.com (no trailing slash). */
  readonly authorityHost: string;
  /** Azure Resource Manager endpoint; Resource Graph lives on the same host. */
  readonly armEndpoint: string;
  /** Scope requested from Entra for ARM tokens. */
  readonly armScope: string;
  readonly portal: string;
  /** Hosts a machine must reach for the AADLoginForWindows extension to join Entra (seed, network requirements). */
  readonly deviceRegistrationHost: string;
  readonly pasHost: string;
}

/** The cloud table. Values from the seed's network requirements and the Azure Government / China developer guides. */
export const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = {
  AzureCloud: {
    name: 'AzureCloud',
    displayName: 'Azure (global)',
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    armScope: 'https://management.azure.com/.default',
    portal: 'https://portal.azure.com',
    deviceRegistrationHost: 'enterpriseregistration.windows.net',
    pasHost: 'pas.windows.net',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    displayName: 'Azure Government (US)',
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    armScope: 'https://management.usgovcloudapi.net/.default',
    portal: 'https://portal.azure.us',
    deviceRegistrationHost: 'enterpriseregistration.microsoftonline.us',
    pasHost: 'pasff.usgovcloudapi.net',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    displayName: 'Azure operated by 21Vianet (China)',
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn/.default',
    portal: 'https://portal.azure.cn',
    deviceRegistrationHost: 'enterpriseregistration.partner.microsoftonline.cn',
    pasHost: 'pas.chinacloudapi.cn',
  },
};

/** Resolves a cloud name to the endpoints the app must use: Azure's, or the simulator's in demo mode and tests. */
export type CloudResolver = (cloud: CloudName) => CloudEndpoints;

/** The production resolver: the real Azure endpoints. */
export const azureClouds: CloudResolver = (cloud) => CLOUDS[cloud];

/**
 * A resolver for clouds served by the simulator: authority and ARM point at `baseUrls[cloud]` (https://127.0.0.1:PORT),
 * while the scope and everything the readiness rules read stay those of the real cloud, so the real clients run
 * unchanged apart from their endpoints.
 */
export function simulatedClouds(baseUrls: Readonly<Record<CloudName, string>>): CloudResolver {
  return (cloud) => {
    const base = baseUrls[cloud].replace(/\/+$/, '');
    return { ...CLOUDS[cloud], authorityHost: base, armEndpoint: base };
  };
}
