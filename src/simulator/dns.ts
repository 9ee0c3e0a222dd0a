import type { Scenario } from './scenario';

/** Same shape as `dns.promises.lookup(name, { all: true })`, so the app's DNS checker takes it unchanged. */
export type SimulatedLookup = (hostname: string, options: { all: true }) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** A resolver error shaped like Node's (code ENOTFOUND), so the app classifies it as it would a real one. */
function notFound(hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
}

/**
 * Name resolution of the simulated world, as the user's computer would see it: computer names resolve to the
 * machine's first private IP unless the scenario's `dnsRecords` say otherwise. The demo uses it so that no DNS query
 * for a made-up name ever leaves this computer.
 */
export function createSimulatedLookup(scenario: Scenario): SimulatedLookup {
  const records = new Map<string, string[]>();
  for (const vm of scenario.virtualMachines) {
    const address = vm.nics[0]?.privateIp;
    if (vm.computerName && address) records.set(vm.computerName.toLowerCase(), [address]);
  }
  for (const machine of scenario.arcMachines) {
    const address = machine.privateIps[0];
    if (address) {
      records.set(machine.computerName.toLowerCase(), [address]);
      if (machine.dnsFqdn) records.set(machine.dnsFqdn.toLowerCase(), [address]);
    }
  }
  for (const record of scenario.dnsRecords) records.set(record.name.toLowerCase(), record.addresses);
  return (hostname) => {
    const addresses = records.get(hostname.toLowerCase().replace(/\.$/, ''));
    if (!addresses || addresses.length === 0) return Promise.reject(notFound(hostname));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
}
