import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details.js';

/**
 * The one global exception filter: every error leaves as problem details. An unexpected error is
 * logged with its stack and the request id, and the client sees only "internal error" and that id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendProblem(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, internal, retryAfterSeconds } = toProblem(exception);
  problem.instance = request.url;
  problem.requestId = String(request.id);
  if (internal) {
    logger.error({ msg: 'unhandled error', err: exception, url: request.url });
  }
  if (reply.sent) return;
  // A 429 says when to come back (the rate limits and the login throttle alike), and so does a 503
  // for a transaction that lost a race in the database.
  const retryAfter = (exception as { retryAfterSeconds?: unknown })?.retryAfterSeconds ?? retryAfterSeconds;
  if ((problem.status === 429 || problem.status === 503) && typeof retryAfter === 'number')
    void reply.header('retry-after', String(retryAfter));
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
