import { type CliCommand, type CliIo } from './command';
import { authCommands } from './commands/auth';
import { listCommand } from './commands/list';
import { connectCommand, doctorCommand } from './commands/machine';
import { clientStateCommand, explainCommand } from './commands/readiness';
import { writeRdpCommand } from './commands/write-rdp';
import { toErrorPayload } from '../../shared/errors/app-error';

/** Every command; later features add theirs here. */
export const COMMANDS: readonly CliCommand[] = [listCommand, ...authCommands, writeRdpCommand, explainCommand, clientStateCommand, doctorCommand, connectCommand];

function usage(): string {
  return [
    'RDP Broker command line. Usage: npm run cli -- <command> [options]',
    '',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(14)} ${command.summary}\n  ${''.padEnd(14)} ${command.usage}`),
  ].join('\n');
}

/** Runs one command line; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((each) => each.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error: unknown) {
    const payload = toErrorPayload(error);
    io.err(`error ${payload.code}: ${payload.message}`);
    return payload.code === 'VALIDATION_FAILED' || payload.code === 'RDP_INVALID_VALUE' ? 2 : 1;
  }
}

