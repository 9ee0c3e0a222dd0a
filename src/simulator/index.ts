import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { generate } from 'selfsigned';

import { type CloudName, cloudNameSchema } from '../shared/clouds';
import { AppError } from '../shared/errors/app-error';
import { ArmService } from './arm';
import type { SimContext } from './context';
import { EntraService } from './entra';
import { FaultInjector, type FaultKnobs, type FaultKnobsInput, isAzureApiPath } from './faults';
import {
  armErrorResponse,
  type FaultKind,
  htmlResponse,
  type ListenerName,
  readBody,
  type RequestLogEntry,
  type SimRequest,
  type SimResponse,
  sleep,
} from './http';
import { JwtSigner } from './jwt';
import { renderIndexPage, renderMessagePage } from './pages';
import { generateScaleScenario, type ScaleOptions } from './scale';
import { loadScenario, type Scenario, type ScenarioInput, type ScenarioSettings, scenarioSettingsSchema } from './scenario';
import demoScenarioJson from './scenarios/demo.json' with { type: 'json' };
import { World } from './world';

export type { FaultKnobs, FaultKnobsInput, FaultRule } from './faults';
export type { FaultKind, RequestLogEntry } from './http';
export type { ScaleOptions } from './scale';
export { generateScaleScenario } from './scale';
export type { Scenario, ScenarioInput, ScenarioSettings } from './scenario';
export { loadScenario } from './scenario';
export { createSimulatedLookup, type SimulatedLookup } from './dns';

/** How to start a simulator. */
export interface SimulatorOptions {
  /** `demo` (scenarios/demo.json), `scale` (generated from `scale`), or scenario data (validated). */
  readonly scenario: 'demo' | 'scale' | Scenario | ScenarioInput;
  /** Sizes and seed for `scenario: 'scale'`. */
  readonly scale?: ScaleOptions;
  /** Fault knobs in force from the first request. */
  readonly faults?: Partial<FaultKnobsInput>;
  /** Overrides of the scenario's settings (token lifetime, start delay, page sizes…), e.g. to make tests fast. */
  readonly settings?: Partial<ScenarioSettings>;
  /** Only loopback is ever served. */
  readonly host?: '127.0.0.1';
}

/** A started simulator. */
export interface RunningSimulator {
  /**
   * https://127.0.0.1:PORT per cloud: one HTTPS listener per cloud (AzureCloud, AzureUSGovernment, AzureChinaCloud),
   * same certificate. Each listener serves Entra + ARM + Resource Graph for the tenants of that cloud only.
   */
  readonly clouds: Readonly<Record<CloudName, string>>;
  /** http://127.0.0.1:PORT2: browser-facing pages (authorize consent page mirror, device-code entry page). */
  readonly pagesUrl: string;
  /** The listeners' self-signed CA certificate (PEM), generated at start and kept in memory only. */
  readonly caCertPem: string;
  /** The loaded scenario data. */
  readonly scenario: Scenario;
  /** The fault knobs in force. */
  readonly faults: FaultKnobs;
  /** Merges fault knobs (a rule given again restarts its counter). @throws AppError VALIDATION_FAILED */
  setFaults(f: Partial<FaultKnobsInput>): void;
  /** Served requests, oldest first (the last 20,000). */
  readonly requests: ReadonlyArray<RequestLogEntry>;
  clearRequests(): void;
  /** Programmatic "user typed the code and picked this account". @throws AppError for unknown/expired codes. */
  approveDeviceCode(userCode: string, upn: string): void;
  /** Programmatic "user cancelled the device code sign-in". */
  denyDeviceCode(userCode: string): void;
  /** Revokes the user's refresh tokens: the next refresh answers invalid_grant (AADSTS70008). Returns how many. */
  revokeRefreshTokens(upn: string): number;
  stop(): Promise<void>;
}

const LOG_LIMIT = 20_000;
const CLOUDS = cloudNameSchema.options;

function resolveScenario(opts: SimulatorOptions): Scenario {
  let scenario: Scenario;
  if (opts.scenario === 'demo') scenario = loadScenario(demoScenarioJson, 'scenarios/demo.json');
  else if (opts.scenario === 'scale') scenario = generateScaleScenario(opts.scale);
  else scenario = loadScenario(opts.scenario, 'SimulatorOptions.scenario');
  if (opts.settings) {
    scenario = { ...scenario, settings: scenarioSettingsSchema.parse({ ...scenario.settings, ...opts.settings }) };
  }
  return scenario;
}

async function createCertificate(): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'RDP Broker simulator (127.0.0.1)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60 * 60 * 1000),
    notAfterDate: new Date(now + 30 * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function throttledResponse(pathname: string, retryAfterSeconds: number | null): SimResponse {
  const headers: Record<string, string> = retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) };
  if (/^\/providers\/microsoft\.resourcegraph\//i.test(pathname)) {
    return armErrorResponse(
      429,
      'RateLimiting',
      'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.',
      { ...headers, 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': `00:00:0${retryAfterSeconds ?? 5}` },
    );
  }
  const sub = /^\/subscriptions\/([^/]+)/i.exec(pathname)?.[1];
  const wait = retryAfterSeconds === null ? '' : ` Please try again after '${retryAfterSeconds}' seconds.`;
  return sub
    ? armErrorResponse(429, 'SubscriptionRequestsThrottled', `Number of 'read' requests for subscription '${sub}' exceeded.${wait} Refer to https://aka.ms/arm-throttling for additional information.`, headers)
    : armErrorResponse(429, 'TenantRequestsThrottled', `Number of requests for tenant exceeded.${wait} Refer to https://aka.ms/arm-throttling for additional information.`, headers);
}

function serverErrorResponse(status: 500 | 503): SimResponse {
  return status === 503
    ? armErrorResponse(503, 'ServiceUnavailable', 'The server is currently unable to handle the request due to a temporary overloading or maintenance of the server.')
    : armErrorResponse(500, 'InternalServerError', `Encountered internal server error. Diagnostic information: timestamp '${new Date().toISOString()}', tracking id '${crypto.randomUUID()}'.`);
}

/** Starts the simulated Azure world: one HTTPS listener per cloud plus the plain-HTTP pages listener. */
export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const scenario = resolveScenario(opts);
  const world = new World(scenario);
  const faults = new FaultInjector(opts.faults);
  const signer = new JwtSigner();
  const abort = new AbortController();
  // Every delayed request (latency, stall) listens for stop on this one signal; hundreds may be in flight.
  setMaxListeners(0, abort.signal);
  const { key, cert } = await createCertificate();
  const log: RequestLogEntry[] = [];

  // Listeners are created first so their ports are known before the context (which embeds the URLs) exists.
  let serve: (listener: ListenerName, req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> = () => Promise.resolve();
  const handler =
    (listener: ListenerName) =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      void serve(listener, req, res);
    };
  const cloudServers = CLOUDS.map((cloud) => ({ cloud, server: https.createServer({ key, cert }, handler(cloud)) }));
  const pagesServer = http.createServer(handler('pages'));
  const allServers: (http.Server | https.Server)[] = [...cloudServers.map((c) => c.server), pagesServer];
  const baseUrls = {} as Record<CloudName, string>;
  for (const { cloud, server } of cloudServers) baseUrls[cloud] = `https://127.0.0.1:${await listen(server)}`;
  const pagesUrl = `http://127.0.0.1:${await listen(pagesServer)}`;

  const ctx: SimContext = { world, signer, faults, settings: scenario.settings, baseUrls, pagesUrl, signal: abort.signal };
  const entra = new EntraService(ctx);
  const arm = new ArmService(ctx);

  const pagesRequest = (req: SimRequest): SimResponse => {
    const parts = req.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.length === 0 && req.method === 'GET') {
      return htmlResponse(
        200,
        renderIndexPage({
          clouds: baseUrls,
          scenario: scenario.name,
          users: scenario.users.map((u) => ({ upn: u.upn, displayName: u.displayName, cloud: world.homeTenantOf(u).cloud })),
        }),
      );
    }
    const cloud = cloudNameSchema.safeParse(parts[0]);
    if (cloud.success) {
      const rest = parts.slice(2).join('/').toLowerCase();
      if (parts.length === 2 && parts[1]?.toLowerCase() === 'devicelogin') return entra.deviceLoginPage(req, cloud.data);
      if (rest === 'oauth2/v2.0/authorize' && req.method === 'GET' && parts[1]) {
        return entra.authorizePage(cloud.data, parts[1], req.url.searchParams);
      }
    }
    return htmlResponse(404, renderMessagePage('Page not found', `No page at ${req.url.pathname}.`));
  };

  const cloudRequest = async (req: SimRequest, applied: FaultKind[]): Promise<{ response: SimResponse; truncate: boolean }> => {
    const pathname = req.url.pathname;
    const decision = faults.decide(pathname);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs, abort.signal);
    if (decision.stallMs > 0) {
      applied.push('stall');
      await sleep(decision.stallMs, abort.signal);
    }
    if (decision.throttle) {
      applied.push('throttle');
      return { response: throttledResponse(pathname, decision.throttle.retryAfterSeconds), truncate: false };
    }
    if (decision.serverError) {
      applied.push('serverError');
      return { response: serverErrorResponse(decision.serverError), truncate: false };
    }
    let response: SimResponse;
    if (isAzureApiPath(pathname)) {
      const sub = /^\/subscriptions\/([^/]+)/i.exec(pathname)?.[1];
      if (sub && faults.isForbidden(sub)) applied.push('forbidden');
      response = arm.handle(req);
    } else {
      response = entra.handle(req) ?? armErrorResponse(404, 'NotFound', `No HTTP resource was found that matches the request URI '${pathname}'.`);
    }
    if (decision.truncate) applied.push('truncate');
    return { response, truncate: decision.truncate };
  };

  serve = async (listener, req, res) => {
    const at = Date.now();
    const started = performance.now();
    const applied: FaultKind[] = [];
    const baseUrl = listener === 'pages' ? pagesUrl : baseUrls[listener];
    let response: SimResponse;
    let truncate = false;
    try {
      const body = await readBody(req);
      const simReq: SimRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', baseUrl),
        headers: req.headers,
        body,
        listener,
        baseUrl,
      };
      if (listener === 'pages') {
        response = pagesRequest(simReq);
      } else {
        ({ response, truncate } = await cloudRequest(simReq, applied));
      }
    } catch (error) {
      response =
        error instanceof RangeError
          ? armErrorResponse(413, 'RequestEntityTooLarge', error.message)
          : armErrorResponse(500, 'SimulatorError', `The simulator failed on this request: ${error instanceof Error ? error.message : String(error)}`);
    }
    let payload = Buffer.from(response.body, 'utf8');
    // Truncation keeps a matching Content-Length: the client gets a complete HTTP message with half a JSON body.
    if (truncate) payload = payload.subarray(0, Math.floor(payload.length / 2));
    if (!res.destroyed) {
      res.writeHead(response.status, { ...response.headers, 'content-length': String(payload.length) });
      res.end(payload);
    }
    log.push({
      at,
      method: req.method ?? 'GET',
      cloud: listener,
      path: req.url ?? '/',
      status: response.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      faults: applied,
    });
    if (log.length > LOG_LIMIT + 1000) log.splice(0, log.length - LOG_LIMIT);
  };

  let stopped = false;
  return {
    clouds: baseUrls,
    pagesUrl,
    caCertPem: cert,
    scenario,
    get faults() {
      return faults.knobs;
    },
    setFaults: (f) => faults.set(f),
    get requests() {
      return log;
    },
    clearRequests: () => {
      log.length = 0;
    },
    approveDeviceCode: (userCode, upn) => entra.approveDeviceCode(userCode, upn),
    denyDeviceCode: (userCode) => entra.denyDeviceCode(userCode),
    revokeRefreshTokens: (upn) => entra.revokeRefreshTokens(upn),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      abort.abort();
      world.dispose();
      await Promise.all(
        allServers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/**
 * Maps an authorize URL on a cloud's HTTPS listener to the same page on the plain-HTTP pages listener, so a real
 * browser in demo mode opens it without a certificate warning.
 *
 * @throws AppError VALIDATION_FAILED when the URL is not on one of the simulator's cloud listeners.
 */
export function toBrowserAuthorizeUrl(running: Pick<RunningSimulator, 'clouds' | 'pagesUrl'>, httpsAuthorizeUrl: string): string {
  const url = new URL(httpsAuthorizeUrl);
  const cloud = CLOUDS.find((c) => new URL(running.clouds[c]).origin === url.origin);
  if (!cloud) throw new AppError('VALIDATION_FAILED', `Not an authorize URL of this simulator: ${url.origin}`, { origin: url.origin });
  return `${running.pagesUrl}/${cloud}${url.pathname}${url.search}`;
}
