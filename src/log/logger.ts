import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './levels.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /**
   * Where log lines go. Logs never go to stdout, which belongs to command output
   * (JSON lines from `skillpulse tag`, CSV from `skillpulse export`).
   * @defaultValue process.stderr
   */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Structured logs: JSON lines for machines, readable lines on a terminal. Context such
 * as source, URL and job id goes in child loggers, never in the message text.
 */
export function createLogger(
  config: { readonly logLevel: LogLevel; readonly logFormat: LogFormat },
  options: LoggerOptions = {},
): Logger {
  const stream = options.stream ?? process.stderr;
  const readable =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && stream.isTTY === true);
  const base = { level: config.logLevel, base: { app: 'skillpulse' } };
  if (readable) {
    return pino(
      base,
      pretty({
        destination: stream,
        sync: true,
        colorize: stream.isTTY === true,
        ignore: 'pid,hostname,app',
        translateTime: 'SYS:HH:MM:ss.l',
      }),
    );
  }
  return pino({ ...base, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}

/**
 * JSON lines in a file, which it replaces (its folder made if missing), written
 * synchronously so that nothing is lost when the command ends: the logs of
 * `skillpulse demo`, whose terminal shows a progress display instead.
 */
export function createFileLogger(config: { readonly logLevel: LogLevel }, file: string): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { app: 'skillpulse' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: file, sync: true, mkdir: true, append: false }),
  );
}
