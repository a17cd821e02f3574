import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '@accord/config';

/**
 * Paths that may hold secrets or personal data if someone ever logs a request-shaped object.
 * Accord's own log calls pass only ids, codes and counts; redaction is the second line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.totp',
  '*.code',
  '*.token',
  '*.secret',
  '*.email',
  '*.name',
  '*.firstName',
  '*.lastName',
  '*.phone',
  '*.dateOfBirth',
  '*.narrative',
  '*.body',
];

export function createRootLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'accord' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Nest's logger interface over pino, so framework and Accord logs share one structured stream. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(level: pino.Level, message: unknown, optional: unknown[]): void {
    const context =
      typeof optional[optional.length - 1] === 'string' ? (optional[optional.length - 1] as string) : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: { type: message.name, message: message.message } }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...(message as object) });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
