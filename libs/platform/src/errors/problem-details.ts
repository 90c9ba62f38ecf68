import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type FieldProblem } from './domain-error.js';
import { CONTENTION_RETRY_AFTER_SECONDS, TRANSIENT_SQLSTATES } from './transient.js';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Business rule violated',
  429: 'Too many requests',
  431: 'Request headers too large',
  500: 'Internal error',
  503: 'Service unavailable',
};

const DEFAULT_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'RESOURCE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  409: 'STATE.CONFLICT',
  410: 'RESOURCE.GONE',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE.VIOLATED',
  429: 'REQUEST.RATE_LIMITED',
  500: 'INTERNAL',
  503: 'SERVICE.UNAVAILABLE',
};

/** Fastify's own errors (body parsing, limits) carry a statusCode and an FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'Error';
}

function problemType(code: string): string {
  return `urn:assure:problem:${code.toLowerCase().replace(/[^a-z0-9.]+/g, '-')}`;
}

function build(status: number, code: string, detail: string, errors?: FieldProblem[]): ProblemDetails {
  const problem: ProblemDetails = { type: problemType(code), title: problemTitle(status), status, detail, code };
  if (errors?.length) problem.errors = errors;
  return problem;
}

/**
 * Turns anything thrown while handling a request into problem details. Returns `internal: true`
 * for what was not expected, so that the caller logs its stack and answers with nothing but
 * "internal error" and the correlation id.
 */
export function toProblem(error: unknown): { problem: ProblemDetails; internal: boolean; retryAfterSeconds?: number } {
  if (error instanceof DomainError) {
    return { problem: build(error.status, error.code, error.message, error.errors), internal: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) return { problem: internalProblem(), internal: true };
    return { problem: build(status, DEFAULT_CODES[status] ?? `HTTP.${status}`, httpDetail(error)), internal: false };
  }
  const database = databaseProblem(error);
  if (database)
    return {
      problem: database,
      internal: false,
      ...(database.status === 503 ? { retryAfterSeconds: CONTENTION_RETRY_AFTER_SECONDS } : {}),
    };
  const multipart = multipartProblem(error);
  if (multipart) return { problem: multipart, internal: false };
  const fastify = error as FastifyLikeError;
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    return {
      problem: build(status, DEFAULT_CODES[status] ?? `HTTP.${status}`, fastifyDetail(fastify)),
      internal: false,
    };
  }
  return { problem: internalProblem(), internal: true };
}

/** A PostgreSQL error as TypeORM or pg hand it over: its SQLSTATE, constraint and detail. */
interface PostgresLikeError {
  code?: unknown;
  detail?: unknown;
  constraint?: unknown;
  driverError?: PostgresLikeError;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The field a constraint's detail names: `Key (companies_house_number)=(1)` or `Key (lower(email::text))=...`. */
function fieldOfDetail(detail: unknown): string {
  const columns = typeof detail === 'string' ? /Key \((.+?)\)=/.exec(detail)?.[1] : undefined;
  if (!columns) return 'body';
  const names =
    columns.match(/[a-z_][a-z0-9_]*/g)?.filter((n) => !['lower', 'upper', 'text', 'citext', 'coalesce'].includes(n)) ??
    [];
  return names.length ? names.map(camel).join(',') : 'body';
}

/**
 * What PostgreSQL refuses because of the input, mapped once for every route: a unique value already
 * taken (two creates racing with the same email) is a 409 naming the field; a reference to nothing
 * is a 422; a value the column cannot hold (out of range, bad text, impossible date) is a 400; a
 * transaction that lost a race (deadlock, serialization failure) on every attempt the data source
 * made is a 503 to send again after Retry-After: nothing was saved, and the request was valid.
 * Anything else from the database stays an internal error.
 */
function databaseProblem(error: unknown): ProblemDetails | null {
  const candidate = error as PostgresLikeError | null;
  const pg = candidate?.driverError ?? candidate;
  const code = pg?.code;
  if (
    typeof code !== 'string' ||
    !/^[0-9A-Z]{5}$/.test(code) ||
    (candidate?.driverError === undefined && !('severity' in (pg as object)))
  )
    return null;
  if (code === '23505') {
    const path = fieldOfDetail(pg!.detail);
    return build(409, 'STATE.DUPLICATE', `${path} is already used by another record.`, [
      { path, message: 'is already used by another record' },
    ]);
  }
  if (code === '23503') {
    const path = fieldOfDetail(pg!.detail);
    return build(422, 'RULE.REFERENCE', `${path} refers to something that does not exist or is still in use.`, [
      { path, message: 'refers to something that does not exist or is still in use' },
    ]);
  }
  if (TRANSIENT_SQLSTATES.includes(code)) {
    return build(
      503,
      'SERVICE.CONTENTION',
      'Other changes to the same records were being saved at the same moment, and this one could not be; nothing was saved. Send the request again.',
    );
  }
  // Class 22, data exceptions: out of range, invalid text or dates, a string too long for its column.
  if (code.startsWith('22'))
    return build(
      400,
      'REQUEST.INVALID',
      'A value is outside what can be stored (too large, too long, or not a valid date or text).',
    );
  return null;
}

/** A multipart body that ends early or has no readable boundary (busboy's own errors carry no status). */
function multipartProblem(error: unknown): ProblemDetails | null {
  const message = error instanceof Error ? error.message : '';
  if (
    /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Malformed urlencoded form)/.test(
      message,
    )
  ) {
    return build(400, 'REQUEST.MULTIPART_INVALID', `The multipart body cannot be read: ${message}.`, [
      { path: 'body', message: 'is not a complete multipart/form-data body' },
    ]);
  }
  return null;
}

function internalProblem(): ProblemDetails {
  return build(500, 'INTERNAL', 'internal error');
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

function fastifyDetail(error: FastifyLikeError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this endpoint accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'This endpoint does not accept that content type.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    default:
      // Fastify's messages describe the input ("Unexpected token } in JSON at position 12"), never
      // our internals, so they help the client without leaking anything.
      return error.message ?? 'The request could not be read.';
  }
}
