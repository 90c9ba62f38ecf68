import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config/runtime.config.js';
import { requestContext } from './request-context.js';

/** Header a caller or a proxy may set to carry its own correlation id. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What is never written to a log line: credentials, cookies, tokens, passwords. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  '*.accessToken',
  '*.invitationUrl',
];

export function pinoOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactTokens(req.url),
        ip: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
}

export function createPino(level: LogLevel): Pino {
  return pino(pinoOptions(level));
}

/** A caller's own id is reused when it looks like one; anything else gets a fresh UUID. */
export function requestIdFrom(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,128}$/.test(given) ? given : randomUUID();
}

/** The portal's paths carry invitation tokens: log the route, never the token. */
export function redactTokens(url: string): string {
  return url.replace(/\/portal\/i\/[^/?#]+/, '/portal/i/[token]').replace(/([?&](?:token|_csrf)=)[^&]+/g, '$1[token]');
}

/**
 * Nest's logger interface on top of pino, so that framework and domain log lines are JSON too
 * and carry the request id of the request being served.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]) {
    // Nest passes the context (a class name) as the last string parameter.
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const requestId = requestContext.current()?.requestId;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (requestId) fields.requestId = requestId;
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.pino[level](
        { ...fields, ...rest },
        typeof msg === 'string' ? msg : typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined,
      );
      return;
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
      return;
    }
    // Nest's own error calls pass a stack as the first extra parameter.
    const stack = level === 'error' && params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    if (stack) fields.stack = stack;
    this.pino[level](fields, String(message));
  }
}
