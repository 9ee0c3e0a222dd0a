import { beforeEach, describe, expect, it, vi } from 'vitest';

import { makeMachine } from './machine-fixtures';
import { createFavoritesHandlers } from '../../../src/main/favorites/favorite-handlers';
import { FavoritesService } from '../../../src/main/favorites/favorites-service';
import { type HandlerMap, dispatchInvoke } from '../../../src/main/ipc/dispatch';
import { SettingsService, createMemoryStore } from '../../../src/main/settings/settings-service';
import { createBrokerClient } from '../../../src/renderer/api/broker-client';
import { setBrokerClient } from '../../../src/renderer/state/client';
import { useConnection } from '../../../src/renderer/state/connection';
import { useFavorites } from '../../../src/renderer/state/favorites';
import { setHostActions } from '../../../src/renderer/state/host';
import { useMachines } from '../../../src/renderer/state/machines';
import { useSession } from '../../../src/renderer/state/session';
import { useSettings } from '../../../src/renderer/state/settings';
import { AppError } from '../../../src/shared/errors/app-error';
import type { EventChannel, EventPayload } from '../../../src/shared/ipc/contract';
import type { ListedMachine } from '../../../src/shared/ipc/schemas';

/**
 * The stores against a fake `window.broker` whose invokes go through the real dispatcher (contract validation and
 * error envelopes) to real main-side handlers where that matters (favorites, settings), so a store test also proves
 * the renderer and main agree on the contract.
 */
function installBroker(handlers: Partial<HandlerMap>) {
  const notWired = () => Promise.reject(new AppError('INTERNAL', 'not wired in this test'));
  const full = new Proxy(handlers, { get: (target, key: string) => (target as Record<string, unknown>)[key] ?? notWired }) as HandlerMap;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: Array<{ channel: string; input: unknown }> = [];
  setBrokerClient(
    createBrokerClient({
      invoke: (channel, input) => {
        calls.push({ channel, input });
        return dispatchInvoke(full, channel, input);
      },
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
  );
  return {
    calls,
    emit<E extends EventChannel>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}

const host = { openUrl: vi.fn(), now: () => 0, mark: vi.fn() };

beforeEach(() => {
  for (const store of [useFavorites, useMachines, useSession, useSettings, useConnection]) {
    (store as { setState(state: unknown, replace: true): void }).setState(store.getInitialState(), true);
  }
  host.openUrl.mockReset();
  setHostActions(host);
});

function favoritesBroker(machines: readonly ListedMachine[] = []) {
  const favorites = new FavoritesService({ file: null });
  return installBroker({
    ...createFavoritesHandlers({ favorites, appData: undefined, machines: () => machines }),
    'favorites:save': (input) => favorites.save(input.favorite),
  });
}

describe('favorites store', () => {
  it('stars and un-stars a machine through main', async () => {
    favoritesBroker();
    await useFavorites.getState().initialise();
    const machine = makeMachine('vm-a');
    const added = await useFavorites.getState().toggleStar(machine);
    expect(added).toMatchObject({ machineId: machine.id, machineName: 'vm-a' });
    expect(useFavorites.getState().favorites).toHaveLength(1);
    expect(await useFavorites.getState().toggleStar(machine)).toBeNull();
    expect(useFavorites.getState().favorites).toHaveLength(0);
  });

  it('keeps the list and shows the error when main refuses a change', async () => {
    favoritesBroker();
    await useFavorites.getState().toggleStar(makeMachine('vm-a'));
    const ok = await useFavorites.getState().save({ machineId: makeMachine('vm-a').id, machineName: 'vm-a', alias: 'x'.repeat(500) });
    expect(ok).toBe(false);
    expect(useFavorites.getState().error?.code).toBe('VALIDATION_FAILED');
    expect(useFavorites.getState().favorites[0]?.alias).toBe('');
  });

  it('reports an invalid import with its problems and changes nothing', async () => {
    favoritesBroker();
    await useFavorites.getState().toggleStar(makeMachine('vm-a'));
    await useFavorites.getState().importJson({ name: 'bad.json', content: '[{"machineName": 3}]' });
    const summary = useFavorites.getState().lastImport;
    expect(summary).toMatchObject({ kind: 'failed', fileName: 'bad.json', error: { code: 'FAVORITES_IMPORT_INVALID' } });
    expect(JSON.stringify(summary)).toContain('favorites[0]');
    expect(useFavorites.getState().favorites).toHaveLength(1);
  });

  it('imports .rdp files one by one and lists what each one dropped', async () => {
    favoritesBroker([makeMachine('vm-web')]);
    const good = Buffer.from('full address:s:VM-WEB\r\nalternate shell:s:cmd.exe\r\n').toString('base64');
    const bad = Buffer.from([0xff, 0xfe, 0x41]).toString('base64');
    await useFavorites.getState().importRdp([
      { name: 'web.rdp', content: good },
      { name: 'broken.rdp', content: bad },
    ]);
    const summary = useFavorites.getState().lastImport;
    expect(summary?.kind).toBe('rdp');
    if (summary?.kind !== 'rdp') return;
    expect(summary.outcomes[0]).toMatchObject({ fileName: 'web.rdp', created: true, matchedMachineId: makeMachine('vm-web').id });
    expect(summary.outcomes[0]?.dropped.map((item) => item.reason)).toContain('forbidden');
    expect(summary.failures).toMatchObject([{ fileName: 'broken.rdp', error: { code: 'RDP_PARSE_FAILED' } }]);
    expect(useFavorites.getState().favorites).toHaveLength(1);
  });

  it('moves a favorite within its folder through favorites:reorder', async () => {
    const broker = favoritesBroker();
    await useFavorites.getState().toggleStar(makeMachine('vm-a'));
    await useFavorites.getState().toggleStar(makeMachine('vm-b'));
    const second = useFavorites.getState().favorites[1]!;
    await useFavorites.getState().move(second.id, 'up');
    expect(useFavorites.getState().favorites.map((f) => f.machineName)).toEqual(['vm-b', 'vm-a']);
    expect(broker.calls.at(-1)?.channel).toBe('favorites:reorder');
  });
});

describe('machines store', () => {
  it('loads the snapshot, merges batches of the same run, and starts over for a new run', async () => {
    const a = makeMachine('vm-a');
    const broker = installBroker({
      'machines:snapshot': () => Promise.resolve({ runId: 'run-1', status: 'complete', machines: [a], problems: [] }),
    });
    await useMachines.getState().initialise();
    expect(useMachines.getState()).toMatchObject({ loaded: true, discovery: { runId: 'run-1', status: 'complete' } });
    expect(host.mark).toHaveBeenCalledWith('rdp-broker:machines-data');

    broker.emit('machines:rows', { runId: 'run-1', machines: [makeMachine('vm-b'), { ...a, name: 'vm-a-renamed' }] });
    expect(useMachines.getState().machines.map((m) => m.name)).toEqual(['vm-a-renamed', 'vm-b']);

    broker.emit('machines:progress', { runId: 'run-2', status: 'running', message: 'Reading subscriptions', done: 1, total: 4 });
    expect(useMachines.getState().machines).toEqual([]);
    broker.emit('machines:rows', { runId: 'run-2', machines: [makeMachine('vm-c')] });
    broker.emit('machines:finished', {
      runId: 'run-2',
      status: 'partial',
      problems: [{ scope: 'subscription s2', error: { code: 'AZURE_FORBIDDEN', message: 'no' } }],
    });
    expect(useMachines.getState()).toMatchObject({ discovery: { status: 'partial' }, problems: [{ scope: 'subscription s2' }] });
    expect(useMachines.getState().byKey.has(makeMachine('vm-c').id.toLowerCase())).toBe(true);
  });

  it('says why a refresh could not start', async () => {
    installBroker({ 'machines:refresh': () => Promise.reject(new AppError('AUTH_NO_ACCOUNT', 'gone')) });
    await useMachines.getState().refresh();
    expect(useMachines.getState().discovery).toMatchObject({ status: 'failed', error: { code: 'AUTH_NO_ACCOUNT' } });
  });
});

describe('session store', () => {
  const account = { id: 'oid.tid', username: 'avery@contoso.example', cloud: 'AzureCloud' as const, homeTenantId: 'tid' };

  it('opens the consent page itself in the demo, where main has no browser to hand it to', async () => {
    const broker = installBroker({
      'app:info': () => Promise.resolve({ version: '1', mode: 'demo', platform: 'linux' }),
      'auth:accounts': () => Promise.resolve([]),
    });
    await useSession.getState().initialise();
    broker.emit('auth:browser', { url: 'http://127.0.0.1:1/authorize' });
    expect(host.openUrl).toHaveBeenCalledWith('http://127.0.0.1:1/authorize');
  });

  it('moves through waiting → idle on success and keeps the error code on failure', async () => {
    let fail = false;
    installBroker({
      'auth:sign-in': () => (fail ? Promise.reject(new AppError('AUTH_CANCELLED', 'closed')) : Promise.resolve(account)),
    });
    const pending = useSession.getState().signInInteractive('AzureCloud', 'avery@contoso.example');
    expect(useSession.getState().signIn).toMatchObject({ status: 'waiting-for-browser', cloud: 'AzureCloud' });
    await pending;
    expect(useSession.getState()).toMatchObject({ signIn: { status: 'idle' }, accounts: [account] });
    fail = true;
    await useSession.getState().signInInteractive('AzureCloud');
    expect(useSession.getState().signIn).toMatchObject({ status: 'failed', error: { code: 'AUTH_CANCELLED' } });
  });
});

describe('start VM', () => {
  it('replaces the machine with main’s answer and records how the start went', async () => {
    const stopped = makeMachine('vm-a', { powerState: 'deallocated' });
    const running = { ...stopped, powerState: 'running' as const };
    let fail = false;
    installBroker({
      'machines:snapshot': () => Promise.resolve({ runId: 'r', status: 'complete', machines: [stopped], problems: [] }),
      'machines:start': () => (fail ? Promise.reject(new AppError('MACHINE_START_FORBIDDEN', 'no')) : Promise.resolve(running)),
    });
    await useMachines.getState().initialise();
    await useMachines.getState().startMachine(stopped.id);
    expect(useMachines.getState().machines[0]?.powerState).toBe('running');
    expect(useMachines.getState().starts.get(stopped.id.toLowerCase())).toEqual({ status: 'done' });
    fail = true;
    await useMachines.getState().startMachine(stopped.id);
    expect(useMachines.getState().starts.get(stopped.id.toLowerCase())).toMatchObject({ status: 'failed', error: { code: 'MACHINE_START_FORBIDDEN' } });
  });
});

describe('settings store', () => {
  it('shows the contract’s refusal for the field and keeps the saved settings', async () => {
    const service = new SettingsService(createMemoryStore());
    installBroker({
      'settings:get': () => Promise.resolve(service.get()),
      'settings:set': (patch) => Promise.resolve(service.update(patch)),
      'app:data-locations': () => Promise.resolve({ dataDir: null, favoritesFile: null, settingsFile: null, logsDir: null }),
    });
    await useSettings.getState().initialise();
    expect(await useSettings.getState().update({ theme: 'dark' }, 'theme')).toBe(true);
    expect(useSettings.getState()).toMatchObject({ settings: { theme: 'dark' }, save: { status: 'saved', field: 'theme' } });
    expect(await useSettings.getState().update({ clientId: 'not-a-guid' }, 'clientId')).toBe(false);
    expect(useSettings.getState()).toMatchObject({
      settings: { theme: 'dark', clientId: service.get().clientId },
      save: { status: 'failed', field: 'clientId', error: { code: 'VALIDATION_FAILED' } },
    });
    expect(JSON.stringify(useSettings.getState().save)).toContain('must be a GUID');
  });
});

describe('connection store', () => {
  it('connects through a favorite and records the outcome', async () => {
    const broker = installBroker({
      'connect:start': () => Promise.resolve({ outcome: 'written', filePath: '/tmp/x.rdp', rdpText: 'full address:s:X', notes: [], warnings: [] }),
      'favorites:list': () => Promise.resolve({ favorites: [], recents: [], notice: null }),
    });
    await useConnection.getState().connect('/m/1', { signInMethod: 'password', favoriteId: 'fav-1' });
    expect(broker.calls[0]).toEqual({ channel: 'connect:start', input: { machineId: '/m/1', signInMethod: 'password', favoriteId: 'fav-1' } });
    expect(useConnection.getState().connection).toMatchObject({ status: 'done', result: { outcome: 'written' } });
  });

  it('asks the user when main stops on warnings, and goes ahead only once confirmed', async () => {
    const broker = installBroker({
      'connect:start': ({ acknowledgeWarnings }) =>
        acknowledgeWarnings
          ? Promise.resolve({ outcome: 'written', filePath: '/tmp/x.rdp', rdpText: 'full address:s:X', notes: [], warnings: [] })
          : Promise.reject(new AppError('CONNECT_NEEDS_CONFIRMATION', 'warnings', { findings: ['DNS_UNRESOLVABLE', 'not-a-code'] })),
      'favorites:list': () => Promise.resolve({ favorites: [], recents: [], notice: null }),
    });
    await useConnection.getState().connect('/m/1', { signInMethod: 'web-account' });
    expect(useConnection.getState().connection).toEqual({
      status: 'confirm',
      machineId: '/m/1',
      options: { signInMethod: 'web-account' },
      warnings: ['DNS_UNRESOLVABLE'],
    });
    await useConnection.getState().confirm();
    expect(broker.calls.at(-2)).toMatchObject({ channel: 'connect:start', input: { acknowledgeWarnings: true } });
    expect(useConnection.getState().connection).toMatchObject({ status: 'done' });
  });

  it('turns a refusal from main into a failed attempt with its code', async () => {
    installBroker({ 'connect:start': () => Promise.reject(new AppError('MACHINE_NOT_FOUND', 'gone')) });
    await useConnection.getState().connect('/m/1', { signInMethod: 'web-account' });
    expect(useConnection.getState().connection).toMatchObject({ status: 'failed', error: { code: 'MACHINE_NOT_FOUND' } });
  });
});
