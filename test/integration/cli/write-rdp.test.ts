import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { writeRdpCommand } from '../../../src/main/cli/commands/write-rdp';
import { decodeRdpFile, parseRdpText } from '../../../src/shared/rdp/parse-rdp';
import { AppError } from '../../../src/shared/errors/app-error';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) }, out, err };
}

describe('cli write-rdp', () => {
  it('writes a web-account file in UTF-16LE with BOM, mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-rdp-'));
    const out = join(dir, 'vm.rdp');
    const { io } = capture();
    await expect(writeRdpCommand.run(['--host', 'vm-healthy-01', '--username', 'avery@contoso.example', '--out', out], io)).resolves.toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const names = parseRdpText(decodeRdpFile(bytes)).properties.map((property) => `${property.name}:${property.value}`);
    expect(names).toContain('full address:vm-healthy-01');
    expect(names).toContain('enablerdsaadauth:1');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it.each([
    [['--host', 'vm01\r\nalternate shell:s:cmd.exe'], 'host'],
    [['--host', '10.0.0.4'], 'host'],
    [['--host', 'vm01', '--port', '70000'], 'port'],
    [['--host', 'vm01', '--port', '33x'], 'port'],
    [['--host', 'vm01', '--username', 'bob\nusername:s:evil'], 'username'],
    [['--host', 'vm01', '--auth', 'kerberos'], 'auth'],
  ])('refuses %j naming %s and writes no file', async (args, field) => {
    const dir = mkdtempSync(join(tmpdir(), 'write-rdp-'));
    const out = join(dir, 'bad.rdp');
    const { io } = capture();
    const failure = await writeRdpCommand.run([...args, '--out', out], io).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('RDP_INVALID_VALUE');
    expect((failure as AppError).details).toMatchObject({ field });
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-rdp-'));
    const out = join(dir, 'vm.rdp');
    const { io } = capture();
    await writeRdpCommand.run(['--host', 'vm01', '--out', out], io);
    await expect(writeRdpCommand.run(['--host', 'vm02', '--out', out], io)).rejects.toMatchObject({ code: 'RDP_WRITE_FAILED' });
    expect(decodeRdpFile(readFileSync(out))).toContain('full address:s:vm01');
  });

  it('prints the file to stdout without --out', async () => {
    const { io, out } = capture();
    await writeRdpCommand.run(['--host', 'vm01', '--auth', 'password', '--username', 'AzureAD\\avery@contoso.example'], io);
    expect(out.join('\n')).toContain('enablerdsaadauth:i:0');
  });
});
