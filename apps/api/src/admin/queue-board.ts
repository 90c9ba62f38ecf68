import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { Queue } from 'bull';
import { Logger } from '@nestjs/common';
import {
  AuthenticationError,
  AuthService,
  consoleCookie,
  ConsoleSessions,
  ForbiddenError,
  type User,
} from '@app/identity';
import { EMAIL_QUEUE } from '@app/notifications';
import type { FastifyRequest } from 'fastify';
import { DomainError, sendProblem } from '@app/platform';

export const QUEUE_BOARD_PATH = '/admin/queues';
/** The same dashboard for an admin signed in to the console (its session cookie is scoped to /console). */
export const CONSOLE_QUEUE_BOARD_PATH = '/console/admin/queues';

/**
 * The queue dashboard (`@bull-board`) for admins: the email queue's waiting, delayed, failed and
 * repeatable jobs. On every request of its own routes: the bearer token of an active admin, or,
 * under the console, an admin's console session, and for a change a same-origin request or the
 * session's CSRF token.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const auth = app.get(AuthService, { strict: false });
  const sessions = app.get(ConsoleSessions, { strict: false });
  await mount(app, QUEUE_BOARD_PATH, async (request) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    return token ? await auth.authenticate(token).catch(() => null) : null;
  });
  await mount(app, CONSOLE_QUEUE_BOARD_PATH, async (request) => {
    const sid = consoleCookie(request.headers.cookie);
    const session = sid ? await sessions.resolve(sid) : null;
    if (!session) return null;
    // A cookie rides along with any site's request: a change (pause, retry, clean) must come from a
    // page of ours (its Origin), or carry the session's CSRF token in X-CSRF-Token.
    if (
      UNSAFE.has(request.method) &&
      !sameOrigin(request) &&
      !ConsoleSessions.csrfMatches(session.csrfToken, request.headers['x-csrf-token'])
    ) {
      throw new DomainError(
        'AUTH.CSRF',
        'This change did not come from this site: reload the queue dashboard and try again.',
        403,
      );
    }
    return session.user;
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request's Origin (sent by browsers on every state-changing fetch and form post) names this very host. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return request.headers['sec-fetch-site'] === 'same-origin';
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

async function mount(
  app: NestFastifyApplication,
  path: string,
  caller: (request: FastifyRequest) => Promise<User | null>,
): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(path);
  createBullBoard({
    queues: [new BullAdapter(app.get<Queue>(getQueueToken(EMAIL_QUEUE), { strict: false }), { readOnlyMode: false })],
    serverAdapter: board,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const logger = new Logger('QueueBoard');
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        let user: User | null;
        try {
          user = await caller(request);
        } catch (error) {
          return sendProblem(error, request, reply, logger);
        }
        if (!user)
          return sendProblem(
            new AuthenticationError('Sign in as an admin (Bearer token, or the console).'),
            request,
            reply,
            logger,
          );
        if (user.role !== 'admin') return sendProblem(new ForbiddenError(), request, reply, logger);
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: path },
  );
}
