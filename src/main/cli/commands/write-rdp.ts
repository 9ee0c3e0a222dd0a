import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { type CliCommand, parseCliArgs } from '../command';
import { AppError } from '../../../shared/errors/app-error';
import { validateRdpSettings } from '../../../shared/rdp/rdp-settings';
import { type RdpFileEncoding, buildRdpText, encodeRdpFile } from '../../../shared/rdp/write-rdp';

const USAGE =
  'write-rdp --host H [--port P] [--username U] [--auth web|password] [--encoding utf16|utf8] [--out FILE]';

/** Parses a decimal port; anything else is refused naming the field (never coerced). */
function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new AppError('RDP_INVALID_VALUE', `port must be a number from 1 to 65535, got "${value}"`, { field: 'port' });
  return Number(value);
}

/**
 * `npm run cli -- write-rdp`: the same writer the app uses. Every value is validated before anything is written;
 * an invalid one exits non-zero with a message naming the field, and no file is created.
 */
export const writeRdpCommand: CliCommand = {
  name: 'write-rdp',
  summary: 'Write a minimal, validated .rdp file (web-account sign-in by default).',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCliArgs(argv, {
      host: { type: 'string' },
      port: { type: 'string' },
      username: { type: 'string' },
      auth: { type: 'string', default: 'web' },
      encoding: { type: 'string', default: 'utf16' },
      out: { type: 'string' },
    });
    if (values.host === undefined) throw new AppError('RDP_INVALID_VALUE', `--host is required. Usage: ${USAGE}`, { field: 'host' });
    if (values.auth !== 'web' && values.auth !== 'password') {
      throw new AppError('RDP_INVALID_VALUE', `auth must be "web" or "password", got "${values.auth}"`, { field: 'auth' });
    }
    if (values.encoding !== 'utf16' && values.encoding !== 'utf8') {
      throw new AppError('RDP_INVALID_VALUE', `encoding must be "utf16" or "utf8", got "${values.encoding}"`, { field: 'encoding' });
    }
    const port = parsePort(values.port);
    const input = {
      host: values.host,
      auth: values.auth === 'web' ? ('web-account' as const) : ('password' as const),
      ...(port === undefined ? {} : { port }),
      ...(values.username === undefined ? {} : { username: values.username }),
    };
    const validation = validateRdpSettings(input);
    if (!validation.ok) {
      const [first] = validation.issues;
      throw new AppError('RDP_INVALID_VALUE', validation.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), {
        field: first?.field ?? 'settings',
      });
    }
    const text = buildRdpText(validation.settings);
    if (values.out === undefined) {
      io.out(text.replace(/\r\n$/, '').replace(/\r\n/g, '\n'));
      return 0;
    }
    const encoding: RdpFileEncoding = values.encoding === 'utf8' ? 'utf8' : 'utf16le-bom';
    const target = resolve(values.out);
    // 'wx': never overwrite a file the user did not mean to replace.
    await writeFile(target, encodeRdpFile(text, encoding), { flag: 'wx', mode: 0o600 }).catch((error: unknown) => {
      throw new AppError('RDP_WRITE_FAILED', `Could not write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
        path: target,
      });
    });
    io.out(`Wrote ${target}`);
    return 0;
  },
};
