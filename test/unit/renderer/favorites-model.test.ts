import { describe, expect, it } from 'vitest';

import { finding, makeMachine } from './machine-fixtures';
import {
  buildFolders,
  draftFromFavorite,
  draftToInput,
  enabledRedirections,
  favoriteLabel,
  folderNames,
  moveFavorite,
  resolveSignInMethod,
  starredMachineKeys,
  validateDraft,
} from '../../../src/renderer/model/favorites-model';
import { buildAccessRequest, describeFinding, noAccessReason } from '../../../src/renderer/model/findings';
import { portalUrlFor, stateLabel } from '../../../src/renderer/model/machine-facts';
import { type Favorite, favoriteSchema } from '../../../src/shared/favorites/schema';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings/schema';

function favorite(id: string, machineName: string, fields: Partial<Favorite> = {}): Favorite {
  return favoriteSchema.parse({
    id,
    machineId: makeMachine(machineName).id,
    machineName,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });
}

const favorites = [
  favorite('a', 'vm-a', { group: 'Prod' }),
  favorite('b', 'vm-b'),
  favorite('c', 'vm-c', { group: 'Prod', alias: 'Database' }),
  favorite('d', 'vm-gone', { group: 'Lab' }),
];

describe('folders and order', () => {
  it('keeps the user order, puts favorites without a folder first, and finds each machine', () => {
    const machines = new Map([makeMachine('vm-a'), makeMachine('vm-b'), makeMachine('vm-c')].map((m) => [m.id.toLowerCase(), m]));
    const folders = buildFolders(favorites, machines);
    expect(folders.map((folder) => [folder.name, folder.items.map((item) => item.label)])).toEqual([
      ['', ['vm-b']],
      ['Prod', ['vm-a', 'Database']],
      ['Lab', ['vm-gone']],
    ]);
    expect(folders[2]?.items[0]?.machine).toBeNull();
    expect(folderNames(favorites)).toEqual(['Lab', 'Prod']);
  });

  it('moves within a folder, jumping over favorites of other folders', () => {
    expect(moveFavorite(favorites, 'c', 'up')).toEqual(['c', 'b', 'a', 'd']);
    expect(moveFavorite(favorites, 'a', 'down')).toEqual(['c', 'b', 'a', 'd']);
    expect(moveFavorite(favorites, 'a', 'up')).toBeNull();
    expect(moveFavorite(favorites, 'd', 'down')).toBeNull();
    expect(moveFavorite(favorites, 'nope', 'up')).toBeNull();
  });

  it('marks starred machines case-insensitively and labels by alias', () => {
    expect(starredMachineKeys(favorites).has(makeMachine('vm-a').id.toLowerCase())).toBe(true);
    expect(favoriteLabel(favorites[2]!)).toBe('Database');
    expect(favoriteLabel({ alias: '  ', machineName: 'm' })).toBe('m');
  });
});

describe('sign-in method', () => {
  it("uses the favorite's method, else the app default", () => {
    expect(resolveSignInMethod(undefined, 'password')).toBe('password');
    expect(resolveSignInMethod({ signInMethod: 'default' }, 'web-account')).toBe('web-account');
    expect(resolveSignInMethod({ signInMethod: 'password' }, 'web-account')).toBe('password');
  });
});

describe('editor draft', () => {
  it('starts a favorite without its own display from the Settings display', () => {
    const draft = draftFromFavorite(favorites[0]!, { ...DEFAULT_SETTINGS.display, multiMonitor: true });
    expect(draft.customDisplay).toBe(false);
    expect(draft.display).toMatchObject({ screenMode: 'windowed', multiMonitor: true });
    expect(draftToInput(draft).display).toBeNull();
  });

  it('saves its own display when asked and reports fields that are wrong', () => {
    const draft = { ...draftFromFavorite(favorites[0]!, DEFAULT_SETTINGS.display), customDisplay: true };
    expect(validateDraft(draft)).toEqual({});
    expect(draftToInput(draft).display).toMatchObject({ screenMode: 'windowed' });
    expect(validateDraft({ ...draft, display: { ...draft.display, width: 1920 } })).toHaveProperty(['display.width']);
    expect(validateDraft({ ...draft, display: { ...draft.display, width: 50, height: 50 } })).toHaveProperty(['display.width']);
    expect(validateDraft({ ...draft, alias: 'x'.repeat(121) })).toHaveProperty('alias');
  });

  it('names every resource a favorite shares', () => {
    const draft = draftFromFavorite(favorites[0]!, DEFAULT_SETTINGS.display);
    expect(enabledRedirections(draft.redirections)).toEqual([]);
    expect(enabledRedirections({ ...draft.redirections, clipboard: true, drives: true, audioPlayback: 'local' })).toEqual([
      'clipboard',
      'drives',
      'sound played on this computer',
    ]);
  });
});

describe('findings and facts', () => {
  it("explains why Owner isn't enough, from the verdict", () => {
    const machine = makeMachine('vm-owner', {
      access: { right: 'none', hasControlPlaneOnly: true },
      verdict: { status: 'blocked', findings: [finding('ACCESS_NONE_CONTROL_PLANE_ONLY', 'block')] },
    });
    expect(noAccessReason(machine)).toMatchObject({
      kind: 'control-plane-only',
      finding: { title: "Owner or Contributor isn't enough to sign in" },
    });
    expect(noAccessReason(makeMachine('vm-ok'))).toBeNull();
  });

  it('falls back to the access facts when the verdict has no access finding', () => {
    const machine = makeMachine('vm-none', { access: { right: 'none' } });
    expect(noAccessReason(machine)?.kind).toBe('no-role');
  });

  it('fills catalogue text from evidence', () => {
    const view = describeFinding(finding('DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME', 'info', { computerName: 'WEB01', resourceName: 'vm-web', empty: null }));
    expect(view.summary).toContain('WEB01');
    expect(view.summary).toContain('vm-web');
    expect(view.evidence).toEqual([
      ['computerName', 'WEB01'],
      ['resourceName', 'vm-web'],
    ]);
  });

  it('writes an access request naming the user and each machine', () => {
    const text = buildAccessRequest([makeMachine('vm-a')], 'avery@contoso.example');
    expect(text).toContain('avery@contoso.example');
    expect(text).toContain('Virtual Machine User Login');
    expect(text).toContain(makeMachine('vm-a').id);
  });

  it('links to the portal of the machine’s cloud and describes its state', () => {
    expect(portalUrlFor(makeMachine('vm-a', { cloud: 'AzureUSGovernment' }))).toMatch(/^https:\/\/portal\.azure\.us\/#@tenant-a\/resource\/subscriptions\//);
    expect(stateLabel(makeMachine('vm-a', { powerState: 'deallocated' }))).toBe('Deallocated');
    expect(stateLabel(makeMachine('arc', { kind: 'arc-server', arcStatus: 'Expired' }))).toBe('Agent expired');
  });
});
