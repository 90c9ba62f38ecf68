import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../errors/domain-error.js';
import { PROBLEM_CONTENT_TYPE, problemTitle, toProblem } from '../errors/problem-details.js';
import { sendProblem } from '../errors/problem.filter.js';
import { assertStorableText, jsonDepthExceeds, MAX_JSON_DEPTH } from './input-guard.js';

const logger = new Logger('Errors');

/**
 * The edge of the HTTP app: what every request passes before any route sees it. Bad input is
 * refused here once, for the API, the console and the portal alike, always as problem details:
 * - JSON nested deeper than MAX_JSON_DEPTH, found by a scan before parsing (no recursion to blow);
 * - text PostgreSQL cannot store (NUL, lone surrogates) anywhere in a body, form, query or path;
 * - Fastify's own refusals (body too large, malformed URL encoding, unreadable JSON) in our shape;
 * and every answer to a signed-in caller (bearer token or cookie) or to the login is `Cache-Control: no-store`.
 */
export function registerEdgeGuards(fastify: FastifyInstance): void {
  // Callback hooks, not async ones: every request passes them, and a promise each is measurable.
  fastify.addHook('preValidation', (request, _reply, done) => {
    try {
      assertStorableText(request.params);
      assertStorableText(request.query);
      assertStorableText(request.body);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  });

  // Nothing a signed-in caller reads, and no login answer, is kept by a browser or a proxy cache.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (
      !reply.hasHeader('cache-control') &&
      (request.headers.authorization || request.headers.cookie || request.url.startsWith('/api/v1/auth/'))
    )
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  // Errors thrown by these hooks reach Nest's own Fastify error handler (set at init), which hands
  // them to the global problem-details filter; a second handler here would only be overridden (and
  // Fastify warns on stderr when one is).
}

/**
 * The JSON body parser (given to Nest's `useBodyParser`, which takes precedence over its default):
 * a body nested deeper than MAX_JSON_DEPTH is refused by a scan before it is parsed, then Fastify's
 * own parser runs (prototype poisoning refused).
 */
export function depthCheckedJsonParser(fastify: FastifyInstance) {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    const text = body.toString('utf8');
    if (jsonDepthExceeds(text)) {
      done(
        new InvalidInputError(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`, [
          { path: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
      );
      return;
    }
    parseJson(request, text, done);
  };
}

/** Fastify's `frameworkErrors` option: a malformed URL (bad percent-encoding) answers problem details. */
export function frameworkErrorsAsProblems(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(Object.assign(error, { statusCode: 400 }), request, reply, logger);
}

/**
 * Fastify's `clientErrorHandler` option: what Node's HTTP parser refuses before any request exists
 * (headers too large, a malformed request line) still gets a problem details answer.
 */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? 'The request headers are larger than this server accepts.'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request could not be read.';
  const { problem } = toProblem(
    Object.assign(new Error(detail), {
      statusCode: status,
      code: status === 431 ? 'REQUEST.HEADERS_TOO_LARGE' : undefined,
    }),
  );
  const body = JSON.stringify({ ...problem, title: problemTitle(status), detail });
  socket.end(
    `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
