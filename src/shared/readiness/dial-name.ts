import type { Machine } from '../domain/machine';
import type { DnsObservation, ReadinessInput } from './input';

/** True for an IPv4 or IPv6 literal (with or without brackets / zone id). */
export function isIpLiteral(value: string): boolean {
  const v = value.trim().replace(/^\[(.*)\]$/, '$1');
  if (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v)) return true;
  return v.includes(':') && /^[0-9a-f:.]+(%[\w.-]+)?$/i.test(v);
}

/** The name the app would dial for web account sign-in, and why. */
export interface DialNameChoice {
  /** A hostname equal to the Entra device name; never an IP. Null when none is known. */
  readonly name: string | null;
  readonly reason: string;
  readonly source: 'computerName' | 'fqdn-label' | 'none';
}

function firstLabel(fqdn: string): string {
  return fqdn.split('.')[0] ?? '';
}

/**
 * Chooses the dial name so it equals the Entra device hostname (seed: "The name must match the hostname of the remote
 * device in Microsoft Entra ID"). VM: osProfile.computerName only; a public-IP DNS label or the resource name is not the
 * device name (AADSTS293004). Arc: computerName, else the first label of the agent-reported dnsFqdn/machineFqdn,
 * preferring one whose label equals the resource name. The bare label is dialled, not the FQDN, because the device
 * name in Entra is the bare hostname; the system resolver adds DNS suffixes.
 */
export function chooseDialName(machine: Machine): DialNameChoice {
  const computerName = machine.computerName?.trim() ?? '';
  if (computerName !== '' && !isIpLiteral(computerName)) {
    return {
      name: computerName,
      reason: `computer name ${computerName} from ${machine.kind === 'azure-vm' ? 'the VM' : 'the Arc agent'} (the Entra device name)`,
      source: 'computerName',
    };
  }
  if (machine.kind === 'arc-server') {
    const fqdns = machine.network.fqdns.filter((f) => f.trim() !== '' && !isIpLiteral(f));
    const resourceName = machine.name.toLowerCase();
    const match = fqdns.find((f) => firstLabel(f).toLowerCase() === resourceName) ?? fqdns[0];
    if (match !== undefined && firstLabel(match) !== '') {
      return {
        name: firstLabel(match),
        reason: `first label of the Arc agent's FQDN ${match} (no computer name reported)`,
        source: 'fqdn-label',
      };
    }
  }
  return {
    name: null,
    reason:
      machine.kind === 'azure-vm'
        ? 'the VM reports no computer name (VM agent not reporting or osProfile missing)'
        : 'the Arc agent reports no computer name or FQDN',
    source: 'none',
  };
}

/** The machine's known addresses, public first: the order in which a user outside the network can reach them. */
export function knownAddresses(machine: Machine): string[] {
  return [...new Set([...machine.network.publicIps, ...machine.network.privateIps])].filter((ip) => ip.trim() !== '');
}

/** The DNS observation, but only when it is about `name` (a stale lookup for another name says nothing). */
export function observationFor(dns: DnsObservation | undefined, name: string | null): DnsObservation | undefined {
  if (dns === undefined || name === null) return undefined;
  const norm = (n: string): string => n.trim().replace(/\.$/, '').toLowerCase();
  return norm(dns.name) === norm(name) ? dns : undefined;
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.4) compares equal to the IPv4 address. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

/** True when the observation resolved to one of the machine's known addresses. */
export function resolvesToMachine(machine: Machine, dns: DnsObservation | undefined): boolean {
  if (dns?.outcome !== 'resolved') return false;
  const known = new Set(knownAddresses(machine).map(normaliseAddress));
  return dns.addresses.some((a) => known.has(normaliseAddress(a)));
}

/** The effective dial name for the method in `input.preferences`, with its reason. */
export interface DialNameDecision {
  readonly dialName: string | null;
  readonly reason: string;
  /** True when the password method dials an IP because no usable name exists. */
  readonly isIpFallback: boolean;
}

/**
 * Web account: the chosen hostname or nothing. Password (NLA/PKU2U accepts an IP, as the portal's RDP file does): the
 * hostname when it resolves or was not checked, otherwise the first known IP.
 */
export function decideDialName(input: ReadinessInput): DialNameDecision {
  const choice = chooseDialName(input.machine);
  if (input.preferences.signInMethod === 'web-account') {
    return { dialName: choice.name, reason: choice.reason, isIpFallback: false };
  }
  const dns = observationFor(input.dns, choice.name);
  const nameUsable = choice.name !== null && dns?.outcome !== 'failed';
  if (nameUsable) return { dialName: choice.name, reason: choice.reason, isIpFallback: false };
  const ip = knownAddresses(input.machine)[0];
  if (ip === undefined) return { dialName: choice.name, reason: choice.reason, isIpFallback: false };
  const why = choice.name === null ? choice.reason : `${choice.name} does not resolve`;
  return { dialName: ip, reason: `IP address ${ip}: ${why}; password sign-in accepts an IP address`, isIpFallback: true };
}
