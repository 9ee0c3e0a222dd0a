import { redactSecrets, redactString } from './redact';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line as it reaches a sink: already redacted. */
export interface LogRecord {
  readonly level: LogLevel;
  readonly scope: string;
  readonly message: string;
  readonly meta: Record<string, unknown>;
  readonly time: string;
}

/** Where lines go: electron-log's rotated file in the desktop app, stderr in the demo and CLI, an array in tests. */
export type LogSink = (record: LogRecord) => void;

/**
 * The app's log facade. Every service takes this (or the narrower DispatchLogger), never a logging library, so
 * services run unchanged in Node tests and only src/main/electron knows about electron-log.
 */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  /** A logger whose lines carry a sub-scope, e.g. `favorites`. */
  child(scope: string): Logger;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly scope?: string;
  readonly now?: () => Date;
}

/** Builds a logger over a sink. Messages and metadata are redacted here, before any sink sees them. */
export function createLogger(sink: LogSink, options: LoggerOptions = {}): Logger {
  const minimum = RANK[options.level ?? 'info'];
  const scope = options.scope ?? 'app';
  const now = options.now ?? (() => new Date());
  const write = (level: LogLevel, message: string, meta: Record<string, unknown> = {}): void => {
    if (RANK[level] < minimum) return;
    try {
      sink({
        level,
        scope,
        message: redactString(message),
        meta: redactSecrets(meta) as Record<string, unknown>,
        time: now().toISOString(),
      });
    } catch {
      // Logging must never take the app down; a broken sink loses the line, not the operation.
    }
  };
  return {
    debug: (message, meta) => write('debug', message, meta),
    info: (message, meta) => write('info', message, meta),
    warn: (message, meta) => write('warn', message, meta),
    error: (message, meta) => write('error', message, meta),
    child: (child) => createLogger(sink, { ...options, scope: `${scope}:${child}` }),
  };
}

/** A sink writing one JSON line per record to a stream-like target (stderr for the demo and CLI). */
export function createLineSink(write: (line: string) => void): LogSink {
  return (record) => write(`${JSON.stringify(record)}\n`);
}

/** A sink that keeps records in memory, for tests. */
export function createMemorySink(): { readonly sink: LogSink; readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { sink: (record) => records.push(record), records };
}

/** Adapts a logger to the `(message, meta)` callback the dispatcher and services take. */
export function toLogCallback(logger: Logger, level: LogLevel = 'warn'): (message: string, meta: Record<string, unknown>) => void {
  return (message, meta) => logger[level](message, meta);
}
