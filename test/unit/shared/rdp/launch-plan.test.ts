import { describe, expect, it } from 'vitest';

import { AppError } from '../../../../src/shared/errors/app-error';
import {
  checkCustomClientPath,
  type LaunchPlan,
  type LaunchRequest,
  planLaunch,
  windowsMstscPath,
} from '../../../../src/shared/rdp/launch-plan';

const NONE = { linuxClients: [], macApps: [] } as const;

function request(overrides: Partial<LaunchRequest>): LaunchRequest {
  return {
    platform: 'linux',
    rdpFilePath: '/tmp/rdp-broker-x/vm01.rdp',
    settings: { auth: 'web-account', host: 'vm01' },
    env: {},
    available: NONE,
    ...overrides,
  };
}

function failure(run: () => LaunchPlan): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected planLaunch to throw');
}

describe('planLaunch on Windows', () => {
  const win = (overrides: Partial<LaunchRequest> = {}): LaunchRequest =>
    request({
      platform: 'win32',
      rdpFilePath: 'C:\\Users\\a\\AppData\\Local\\Temp\\rdp-broker-x\\vm01.rdp',
      env: { systemRoot: 'C:\\Windows' },
      available: { ...NONE, mstsc: true },
      ...overrides,
    });

  it('runs mstsc from System32 by absolute path with the file as the only argument', () => {
    expect(planLaunch(win())).toEqual({
      client: 'mstsc',
      executable: 'C:\\Windows\\System32\\mstsc.exe',
      args: ['C:\\Users\\a\\AppData\\Local\\Temp\\rdp-broker-x\\vm01.rdp'],
      notes: [],
    });
  });

  it('uses Sysnative from a 32-bit process on 64-bit Windows', () => {
    const plan = planLaunch(win({ env: { systemRoot: 'D:\\WINDOWS\\', is32BitProcessOn64BitWindows: true } }));
    expect(plan.executable).toBe('D:\\WINDOWS\\Sysnative\\mstsc.exe');
  });

  it('reports a missing mstsc with a hint, and never falls back to PATH', () => {
    const error = failure(() => planLaunch(win({ available: { ...NONE, mstsc: false } })));
    expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
    expect(error.details).toEqual({ platform: 'win32', hint: 'mstsc-missing' });
  });

  it.each([undefined, 'Windows', '\\\\server\\share', 'C:\\Win\ndows', 'C:\\Win"dows'])(
    'refuses SystemRoot %j',
    (systemRoot) => {
      expect(windowsMstscPath(systemRoot === undefined ? {} : { systemRoot })).toBeUndefined();
      expect(failure(() => planLaunch(win({ env: systemRoot === undefined ? {} : { systemRoot } }))).code).toBe(
        'RDP_CLIENT_NOT_FOUND',
      );
    },
  );

  it.each(['relative\\vm01.rdp', '\\\\server\\share\\vm01.rdp', 'C:\\tmp\\vm01.txt', 'C:\\tmp\\"x.rdp', 'C:\\tmp\\a\r\n.rdp'])(
    'refuses the .rdp path %j',
    (rdpFilePath) => {
      const error = failure(() => planLaunch(win({ rdpFilePath })));
      expect(error.code).toBe('RDP_INVALID_VALUE');
      expect(error.details).toEqual({ field: 'rdpFilePath' });
    },
  );
});

describe('planLaunch on macOS', () => {
  const mac = (macApps: LaunchRequest['available']['macApps']): LaunchRequest =>
    request({ platform: 'darwin', rdpFilePath: '/var/folders/x/vm01.rdp', available: { ...NONE, macApps } });

  it('opens the file with Windows App through /usr/bin/open', () => {
    expect(planLaunch(mac(['Microsoft Remote Desktop', 'Windows App']))).toEqual({
      client: 'windows-app',
      executable: '/usr/bin/open',
      args: ['-a', 'Windows App', '/var/folders/x/vm01.rdp'],
      notes: [],
    });
  });

  it('falls back to Microsoft Remote Desktop', () => {
    expect(planLaunch(mac(['Microsoft Remote Desktop'])).args).toEqual([
      '-a',
      'Microsoft Remote Desktop',
      '/var/folders/x/vm01.rdp',
    ]);
  });

  it('tells the user to install Windows App when neither is there', () => {
    expect(failure(() => planLaunch(mac([]))).details).toEqual({ platform: 'darwin', hint: 'install-windows-app' });
  });
});

describe('planLaunch on Linux', () => {
  const linux = (
    clients: LaunchRequest['available']['linuxClients'],
    auth: 'web-account' | 'password' = 'web-account',
    host = 'vm01',
  ): LaunchRequest => request({ available: { ...NONE, linuxClients: clients }, settings: { auth, host } });

  it('puts the file FIRST for FreeRDP 3 and adds /sec:aad for web-account sign-in', () => {
    const plan = planLaunch(
      linux([
        { kind: 'xfreerdp', path: '/usr/bin/xfreerdp' },
        { kind: 'xfreerdp3', path: '/usr/bin/xfreerdp3' },
      ]),
    );
    expect(plan).toEqual({
      client: 'xfreerdp3',
      executable: '/usr/bin/xfreerdp3',
      args: ['/tmp/rdp-broker-x/vm01.rdp', '/sec:aad'],
      notes: [],
    });
  });

  it('adds no /sec:aad for password sign-in', () => {
    expect(planLaunch(linux([{ kind: 'xfreerdp3', path: '/usr/bin/xfreerdp3' }], 'password')).args).toEqual([
      '/tmp/rdp-broker-x/vm01.rdp',
    ]);
  });

  it('never passes /sec:aad to FreeRDP 2 and says web sign-in is not supported there', () => {
    const plan = planLaunch(linux([{ kind: 'xfreerdp', path: '/usr/bin/xfreerdp' }]));
    expect(plan.args).toEqual(['/tmp/rdp-broker-x/vm01.rdp']);
    expect(plan.notes.join(' ')).toMatch(/FreeRDP 2 has no Microsoft Entra web sign-in/);
  });

  it('starts Remmina with -c FILE', () => {
    const plan = planLaunch(linux([{ kind: 'remmina', path: '/usr/bin/remmina' }], 'password'));
    expect(plan).toMatchObject({ client: 'remmina', executable: '/usr/bin/remmina', args: ['-c', '/tmp/rdp-broker-x/vm01.rdp'] });
  });

  it('notes the IPv6 limitation of FreeRDP', () => {
    const plan = planLaunch(linux([{ kind: 'xfreerdp3', path: '/usr/bin/xfreerdp3' }], 'password', '2001:db8::1'));
    expect(plan.notes.join(' ')).toMatch(/IPv6/);
  });

  it('suggests freerdp3-x11 when no client is installed', () => {
    const error = failure(() => planLaunch(linux([])));
    expect(error.code).toBe('RDP_CLIENT_NOT_FOUND');
    expect(error.details).toEqual({ platform: 'linux', hint: 'install-freerdp3' });
    expect(error.message).toContain('apt install freerdp3-x11');
  });

  it('refuses a relative client path', () => {
    expect(failure(() => planLaunch(linux([{ kind: 'xfreerdp3', path: 'bin/xfreerdp3' }]))).code).toBe(
      'RDP_CLIENT_NOT_FOUND',
    );
  });

  it('refuses a file name that FreeRDP would not read as a connection file', () => {
    const error = failure(() =>
      planLaunch({ ...linux([{ kind: 'xfreerdp3', path: '/usr/bin/xfreerdp3' }]), rdpFilePath: '/tmp/x/vm01.txt' }),
    );
    expect(error.details).toEqual({ field: 'rdpFilePath' });
  });
});

describe('custom client paths', () => {
  it('uses the FreeRDP argv shape for a FreeRDP binary', () => {
    const plan = planLaunch(request({ customClientPath: '/opt/freerdp/bin/sdl-freerdp3' }));
    expect(plan).toEqual({
      client: 'custom',
      executable: '/opt/freerdp/bin/sdl-freerdp3',
      args: ['/tmp/rdp-broker-x/vm01.rdp', '/sec:aad'],
      notes: [],
    });
  });

  it('passes only the file to another client', () => {
    expect(planLaunch(request({ customClientPath: '/opt/rdp/bin/myclient' })).args).toEqual([
      '/tmp/rdp-broker-x/vm01.rdp',
    ]);
  });

  it.each([
    ['linux', '/bin/sh'],
    ['linux', '/usr/bin/bash'],
    ['linux', '/usr/bin/python3.11'],
    ['linux', '/usr/bin/env'],
    ['linux', '/home/a/launch.sh'],
    ['linux', 'xfreerdp3'],
    ['linux', '/usr/bin/xfreerdp3\n--help'],
    ['win32', 'C:\\Windows\\System32\\cmd.exe'],
    ['win32', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'],
    ['win32', 'C:\\Program Files\\PowerShell\\7\\pwsh.exe'],
    ['win32', 'C:\\tools\\connect.bat'],
    ['win32', 'C:\\tools\\connect.CMD'],
    ['win32', 'C:\\Windows\\System32\\mshta.exe'],
    ['win32', '\\\\server\\share\\mstsc.exe'],
    ['win32', 'mstsc.exe'],
    ['darwin', '/usr/bin/osascript'],
    ['darwin', '/usr/bin/open'],
  ] as const)('refuses %s %j', (platform, path) => {
    const error = failure(() => {
      checkCustomClientPath(platform, path);
      return { client: 'custom', executable: path, args: [], notes: [] };
    });
    expect(error.code).toBe('RDP_INVALID_VALUE');
    expect(error.details).toEqual({ field: 'customClientPath' });
  });

  it('accepts real clients', () => {
    expect(() => checkCustomClientPath('win32', 'C:\\Program Files\\Remote Desktop\\msrdc.exe')).not.toThrow();
    expect(() => checkCustomClientPath('linux', '/usr/local/bin/xfreerdp3')).not.toThrow();
    expect(() => checkCustomClientPath('darwin', '/Applications/Royal TSX.app')).not.toThrow();
  });

  it('opens a custom macOS app bundle through /usr/bin/open', () => {
    const plan = planLaunch(
      request({ platform: 'darwin', rdpFilePath: '/tmp/x/vm01.rdp', customClientPath: '/Applications/Royal TSX.app' }),
    );
    expect(plan).toMatchObject({ executable: '/usr/bin/open', args: ['-a', '/Applications/Royal TSX.app', '/tmp/x/vm01.rdp'] });
  });

  it('refuses a password on the request type', () => {
    const withPassword: LaunchRequest = {
      ...request({ available: { ...NONE, linuxClients: [{ kind: 'xfreerdp3', path: '/usr/bin/xfreerdp3' }] } }),
      // @ts-expect-error -- passwords never go on a command line
      password: 'hunter2',
    };
    expect(planLaunch(withPassword).args.join(' ')).not.toContain('hunter2');
  });
});
