import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

import { AppError } from '../../shared/errors/app-error';

/** Where a command writes; injected so tests capture output without spawning. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** One `npm run cli -- <name>` command. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** parseArgs with strict checking, turning its TypeError into a VALIDATION_FAILED AppError that names the flag. */
export function parseCliArgs<const T extends ParseArgsOptionsConfig>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error: unknown) {
    throw new AppError('VALIDATION_FAILED', error instanceof Error ? error.message : String(error));
  }
}
