import log from 'electron-log/main';
import { dirname } from 'node:path';

import { type LogLevel, type Logger, createLogger } from '../logging/logger';
import { redactSecrets } from '../logging/redact';

/** Rotate at 2 MiB: electron-log then moves main.log to main.old.log, so at most two files (4 MiB) are kept. */
const MAX_LOG_BYTES = 2 * 1024 * 1024;

/**
 * The desktop app's logger: the facade from src/main/logging over electron-log's file transport, which writes to
 * `<userData>/logs/main.log` and rotates it. The facade redacts every line; the hook below redacts again for
 * anything that calls electron-log directly (for example its own error handler), so no path skips redaction.
 */
export function createElectronLogger(level: LogLevel = 'info'): { logger: Logger; logsDir: string } {
  log.transports.file.level = level;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.console.level = 'warn';
  log.hooks.push((message) => ({ ...message, data: message.data.map((item: unknown) => redactSecrets(item)) }));
  const logger = createLogger(
    (record) => {
      const line = record.scope === 'app' ? record.message : `[${record.scope}] ${record.message}`;
      if (Object.keys(record.meta).length === 0) log[record.level](line);
      else log[record.level](line, record.meta);
    },
    { level },
  );
  return { logger, logsDir: dirname(log.transports.file.getFile().path) };
}
