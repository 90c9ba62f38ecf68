import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import type { Queue } from 'bull';
import { Logger } from '@nestjs/common';
import { AuthenticationError, AuthService, ForbiddenError } from '@app/identity';
import { EMAIL_QUEUE } from '@app/notifications';
import { sendProblem } from '@app/platform';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The queue dashboard (`@bull-board`) for admins: the email queue's waiting, delayed, failed and
 * repeatable jobs. Bearer token of an active admin required on every request of its own routes.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const board = new BoardAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: [new BullAdapter(app.get<Queue>(getQueueToken(EMAIL_QUEUE), { strict: false }), { readOnlyMode: false })], serverAdapter: board });
  const auth = app.get(AuthService, { strict: false });
  const fastify = app.getHttpAdapter().getInstance();
  const logger = new Logger('QueueBoard');
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const header = request.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice(7) : '';
        const user = token ? await auth.authenticate(token).catch(() => null) : null;
        if (!user) return sendProblem(new AuthenticationError('Sign in as an admin (Bearer token).'), request, reply, logger);
        if (user.role !== 'admin') return sendProblem(new ForbiddenError(), request, reply, logger);
      });
      await scope.register(board.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
