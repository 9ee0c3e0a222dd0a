import { describe, expect, it } from 'vitest';

import { findDeepLinkArgument, parseDeepLink } from '../../../src/shared/deep-link';

const vm = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-01';
const arc = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg.onprem(1)/providers/Microsoft.HybridCompute/machines/srv-01';

describe('deep links', () => {
  it.each([vm, arc])('selects %s', (id) => {
    expect(parseDeepLink(`rdp-broker://connect?id=${encodeURIComponent(id)}`)).toEqual({ action: 'connect', machineId: id });
  });

  it('accepts the scheme-only spelling', () => {
    expect(parseDeepLink(`rdp-broker:connect?id=${encodeURIComponent(vm)}`).machineId).toBe(vm);
  });

  it.each([
    ['not a url', 'not a valid URL'],
    ['https://evil.example/connect?id=x', 'Only rdp-broker'],
    [`rdp-broker://launch?id=${encodeURIComponent(vm)}`, 'Unknown action'],
    ['rdp-broker://connect', 'exactly one parameter'],
    [`rdp-broker://connect?id=${encodeURIComponent(vm)}&autoconnect=1`, 'exactly one parameter'],
    [`rdp-broker://connect?id=${encodeURIComponent('/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s')}`, 'not the resource id'],
    [`rdp-broker://connect?id=${encodeURIComponent(`${vm}/../../evil`)}`, 'not the resource id'],
    [`rdp-broker://connect?id=${encodeURIComponent(`${vm}\r\nx`)}`, 'not the resource id'],
    [`rdp-broker://connect?id=${'a'.repeat(3000)}`, 'too long'],
  ])('refuses %s', (url, message) => {
    expect(() => parseDeepLink(url)).toThrow(expect.objectContaining({ code: 'DEEP_LINK_INVALID', message: expect.stringContaining(message) as string }));
  });

  it('finds the link among process arguments', () => {
    expect(findDeepLinkArgument(['app.exe', '--flag', 'RDP-BROKER://connect?id=x'])).toBe('RDP-BROKER://connect?id=x');
    expect(findDeepLinkArgument(['app.exe'])).toBeUndefined();
  });
});
