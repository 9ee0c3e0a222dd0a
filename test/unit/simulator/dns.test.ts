import { describe, expect, it } from 'vitest';

import { createSimulatedLookup } from '../../../src/simulator/dns';
import { loadScenario } from '../../../src/simulator/scenario';
import demo from '../../../src/simulator/scenarios/demo.json';

const lookup = createSimulatedLookup(loadScenario(demo, 'demo.json'));

describe('simulated DNS', () => {
  it('resolves a computer name to the VM private IP, case-insensitively', async () => {
    await expect(lookup('contoso-web01', { all: true })).resolves.toEqual([{ address: '10.10.0.8', family: 4 }]);
  });

  it('answers a stale record where the scenario says so', async () => {
    await expect(lookup('CONTOSO-OPS02', { all: true })).resolves.toEqual([{ address: '10.10.0.99', family: 4 }]);
  });

  it('fails like getaddrinfo for unknown names and removed records', async () => {
    await expect(lookup('CONTOSO-DEV03', { all: true })).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(lookup('no-such-host', { all: true })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
