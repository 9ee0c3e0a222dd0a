import { z } from 'zod';

import { cloudNameSchema } from '../clouds';

/** Azure VM or Azure Arc-enabled server. */
export const machineKindSchema = z.enum(['azure-vm', 'arc-server']);
export type MachineKind = z.infer<typeof machineKindSchema>;

/** VM power state, from the `PowerState/<x>` status code. */
export const powerStateSchema = z.enum([
  'running',
  'starting',
  'stopping',
  'stopped',
  'deallocating',
  'deallocated',
  'unknown',
]);
export type PowerState = z.infer<typeof powerStateSchema>;

/** Arc agent status; `Expired` appears in the portal and Resource Graph when the agent identity certificate lapsed. */
export const arcStatusSchema = z.enum(['Connected', 'Disconnected', 'Error', 'Expired', 'unknown']);
export type ArcStatus = z.infer<typeof arcStatusSchema>;

/**
 * The user's effective right to sign in with Entra ID, from the login data actions.
 * `unknown` means it has not been resolved yet (or could not be); it is never treated as allowed.
 */
export const loginRightSchema = z.enum(['admin', 'user', 'none', 'unknown']);
export type LoginRight = z.infer<typeof loginRightSchema>;

/** State of the AADLoginForWindows extension, found by publisher + type (never by its resource name). */
export const aadExtensionSchema = z.object({
  name: z.string(),
  publisher: z.string(),
  type: z.string(),
  typeHandlerVersion: z.string().optional(),
  /** ARM provisioningState: Creating, Updating, Succeeded, Failed, Deleting. */
  provisioningState: z.string(),
  /** Status code from the instance view, e.g. `ProvisioningState/failed/1007`. */
  statusCode: z.string().optional(),
  /** Status message from the instance view (carries the exit code on failures). */
  statusMessage: z.string().optional(),
});
export type AadExtension = z.infer<typeof aadExtensionSchema>;

export const machineOsSchema = z.object({
  /** `Windows` or `Linux` as ARM reports it. */
  type: z.string(),
  /** Guest OS name, e.g. "Windows Server 2022 Datacenter" (VM instance view osName, Arc osSku). */
  name: z.string().optional(),
  /** Guest OS version, e.g. "10.0.20348.2461". */
  version: z.string().optional(),
  /** Marketplace image (VM only). */
  image: z
    .object({ publisher: z.string(), offer: z.string(), sku: z.string(), version: z.string().optional() })
    .optional(),
});
export type MachineOs = z.infer<typeof machineOsSchema>;

export const machineNetworkSchema = z.object({
  privateIps: z.array(z.string()),
  publicIps: z.array(z.string()),
  /** DNS names known for the machine: public IP DNS labels, Arc dnsFqdn / machineFqdn. */
  fqdns: z.array(z.string()),
});
export type MachineNetwork = z.infer<typeof machineNetworkSchema>;

export const machineAccessSchema = z.object({
  right: loginRightSchema,
  /** Where the right was decided: the scope whose permissions answered, or why it is unknown. */
  source: z.string().optional(),
  /** Actions the user holds that look like power but do not grant sign-in (e.g. Owner's `*`). */
  hasControlPlaneOnly: z.boolean().optional(),
  /** Whether the user may start the VM (Microsoft.Compute/virtualMachines/start/action). */
  canStart: z.boolean().optional(),
});
export type MachineAccess = z.infer<typeof machineAccessSchema>;

/** One machine as the app knows it: the merged result of discovery, plain data. */
export const machineSchema = z.object({
  /** ARM resource id as returned by Azure (case preserved). */
  id: z.string(),
  kind: machineKindSchema,
  name: z.string(),
  /** Guest hostname: VM osProfile.computerName / Arc osProfile.computerName. The Entra device name. */
  computerName: z.string().optional(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.string().optional(),
  tenantId: z.string(),
  cloud: cloudNameSchema,
  location: z.string(),
  tags: z.record(z.string(), z.string()),
  os: machineOsSchema,
  /** VM only; `unknown` for Arc servers. */
  powerState: powerStateSchema,
  /** Arc only; `unknown` for VMs. */
  arcStatus: arcStatusSchema,
  /** Arc only: when the agent last changed status (ISO time). */
  arcLastStatusChange: z.string().optional(),
  identity: z.object({ type: z.string(), systemAssigned: z.boolean() }),
  aadExtension: aadExtensionSchema.nullable(),
  network: machineNetworkSchema,
  access: machineAccessSchema,
  /** The signed-in account (MSAL homeAccountId) through which this machine was found. */
  accountId: z.string(),
});
export type Machine = z.infer<typeof machineSchema>;

/** Lower-cased ARM id: the key used to compare machines across sources. */
export function machineKey(id: string): string {
  return id.toLowerCase();
}
