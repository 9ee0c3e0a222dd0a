import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AuthService, type AuthDependencies } from '../../../src/main/auth/auth-service';
import { type CacheCipher, createAesGcmCipher } from '../../../src/main/auth/cache-cipher';
import { createEncryptedCachePlugin } from '../../../src/main/auth/encrypted-cache-plugin';
import { createHttpTransport, type HttpTransport } from '../../../src/main/net/http-transport';
import { type CloudName, simulatedClouds } from '../../../src/shared/clouds';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index';
import { createFakeBrowser } from '../../support/fake-browser';

/** Any client id works against the simulator; a fixed one keeps MSAL's cache keys stable. */
export const CLIENT_ID = '5b8f4c2a-7e1d-4f3a-9c6b-2d0e8a1f4b7c';

/** Ids of the demo scenario (src/simulator/scenarios/demo.json) these tests rely on. */
export const DEMO = {
  contoso: 'b6e3664e-3e80-4754-b516-bd00208b19a7',
  fabrikam: '29f2a965-3b43-4bb4-b4c9-c6968beec7c5',
  agency: 'ebcb04dc-f7bc-4138-94f4-625422c301c0',
  avery: 'avery@contoso.example',
  averyId: 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7.b6e3664e-3e80-4754-b516-bd00208b19a7',
  owner: 'owner.only@contoso.example',
  gov: 'gov.user@agency.example',
} as const;

/** A running simulator and a transport that trusts its certificate (only in this process). */
export interface AuthHarness {
  readonly sim: RunningSimulator;
  readonly transport: HttpTransport;
  /** Builds an auth service on the simulator; `user` is the account the fake browser clicks. */
  service(options?: ServiceOptions): AuthService;
  close(): Promise<void>;
}

/** Knobs of one service under test. */
export interface ServiceOptions extends Partial<Omit<AuthDependencies, 'clouds' | 'networkClient' | 'fetch'>> {
  readonly user?: string;
}

/** Starts the demo simulator with test-friendly settings. */
export async function startAuthHarness(options: Partial<SimulatorOptions> = {}): Promise<AuthHarness> {
  const sim = await startSimulator({ scenario: 'demo', ...options });
  const transport = createHttpTransport({ extraCaPem: sim.caCertPem });
  const services: AuthService[] = [];
  return {
    sim,
    transport,
    service: (serviceOptions = {}) => {
      const { user, ...deps } = serviceOptions;
      const browser = createFakeBrowser({ fetch: transport.fetch, ...(user ? { upn: user } : {}) });
      const service = new AuthService({
        clouds: simulatedClouds(sim.clouds),
        clientId: () => CLIENT_ID,
        networkClient: transport.msalNetworkClient,
        fetch: transport.fetch,
        openBrowser: browser.openBrowser,
        ...deps,
      });
      services.push(service);
      return service;
    },
    close: async () => {
      await Promise.all(services.map((service) => service.dispose()));
      await transport.close();
      await sim.stop();
    },
  };
}

/** A temp folder with an encrypted cache per cloud, under one AES-GCM test key. */
export async function createCacheDir(): Promise<{
  readonly dir: string;
  readonly cipher: CacheCipher;
  readonly pathOf: (cloud: CloudName) => string;
  readonly plugins: (cipher?: CacheCipher) => AuthDependencies['cachePlugin'];
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'rdpb-auth-'));
  const cipher = createAesGcmCipher(randomBytes(32));
  const pathOf = (cloud: CloudName) => join(dir, `msal-cache.${cloud}.bin`);
  return {
    dir,
    cipher,
    pathOf,
    plugins: (override) => (cloud) => createEncryptedCachePlugin({ path: pathOf(cloud), cipher: override ?? cipher }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Token endpoint POSTs the simulator served (the grant types are in the body, which the log does not keep). */
export function tokenRequests(sim: RunningSimulator): number {
  return sim.requests.filter((entry) => entry.method === 'POST' && /\/oauth2\/v2\.0\/token$/i.test(entry.path.split('?')[0] ?? '')).length;
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
