import { describe, expect, it } from 'vitest';

import { SettingsService, createMemoryStore } from '../../../../src/main/settings/settings-service';
import { DEFAULT_SETTINGS, migrateSettings } from '../../../../src/shared/settings/schema';

describe('settings', () => {
  it('starts from defaults', () => {
    expect(new SettingsService(createMemoryStore()).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists a valid patch', () => {
    const store = createMemoryStore();
    const service = new SettingsService(store);
    service.update({ theme: 'dark', display: { multiMonitor: true } });
    expect(new SettingsService(store).get()).toMatchObject({ theme: 'dark', display: { multiMonitor: true, screenMode: 'windowed' } });
  });

  it('refuses an invalid patch and keeps the previous settings', () => {
    const store = createMemoryStore();
    const service = new SettingsService(store);
    expect(() => service.update({ clientId: 'not-a-guid' })).toThrow(expect.objectContaining({ code: 'SETTINGS_INVALID' }));
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.read()).toBeUndefined();
  });

  it('keeps good fields and reports bad ones when the file is damaged', () => {
    const { settings, problems } = migrateSettings({ theme: 'dark', clientId: 42, defaultCloud: 'Mars' });
    expect(settings.theme).toBe('dark');
    expect(settings.clientId).toBe(DEFAULT_SETTINGS.clientId);
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['defaultCloud', 'clientId']);
  });

  it('treats a non-object file as damaged', () => {
    expect(migrateSettings('garbage').problems).toEqual(['settings were not an object']);
  });

  it('applies the environment client id on top', () => {
    const id = '11111111-2222-3333-4444-555555555555';
    expect(new SettingsService(createMemoryStore(), { clientId: id }).get().clientId).toBe(id);
  });
});
