import { describe, expect, it } from 'vitest';

import {
  findForbiddenRdpProperty,
  getRdpProperty,
  RDP_PROPERTY_NAMES,
} from '../../../../src/shared/rdp/properties';

describe('RDP property allow-list', () => {
  it('never overlaps the forbidden list', () => {
    for (const name of RDP_PROPERTY_NAMES) expect(findForbiddenRdpProperty(name), name).toBeUndefined();
  });

  it.each([
    'alternate shell',
    'shell working directory',
    'remoteapplicationmode',
    'remoteapplicationprogram',
    'RemoteApplicationCmdLine',
    'password 51',
    'password',
    'gatewayaccesstoken',
    'gatewayhostname',
    'kdcproxyname',
    'signature',
    'signscope',
    'alternate full address',
    'some future token',
  ])('forbids %s', (name) => {
    expect(findForbiddenRdpProperty(name)).toBeDefined();
    expect(getRdpProperty(name)).toBeUndefined();
  });

  it('does not list targetisaadjoined or server port (decided against, see properties.ts)', () => {
    expect(getRdpProperty('targetisaadjoined')).toBeUndefined();
    expect(getRdpProperty('server port')).toBeUndefined();
  });

  it.each([
    ['enablecredsspsupport', '0', false],
    ['enablecredsspsupport', '1', true],
    ['authentication level', '0', false],
    ['authentication level', '3', false],
    ['authentication level', '2', true],
    ['drivestoredirect', 'C:\\;', false],
    ['drivestoredirect', 'DynamicDrives', false],
    ['drivestoredirect', '*', true],
    ['domain', 'CONTOSO', false],
    ['desktopwidth', '8193', false],
    ['desktopwidth', '0x200', false],
    ['desktopwidth', '0800', false],
    ['selectedmonitors', '0,1,2', true],
    ['selectedmonitors', '0,0', false],
    ['selectedmonitors', '0,', false],
    ['full address', 'vm01:3389', true],
    ['full address', 'vm01:3389\r\nalternate shell:s:x', false],
    ['username', 'alice@contoso.com', true],
    ['username', 'alice@contoso.com\n/u:x', false],
  ])('%s accepts %j: %s', (name, value, allowed) => {
    expect(getRdpProperty(name)?.isAllowedValue(value)).toBe(allowed);
  });
});
