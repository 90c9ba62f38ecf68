import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { can, Roles, type AuthenticatedRequest } from '@app/identity';
import { NotificationsService } from '@app/notifications';
import { ConsoleErrors, redirect, sendPage } from './pages.js';

const STATUSES = ['pending', 'queued', 'sent', 'failed', 'dead', 'skipped'] as const;

/** The notification log: every email owed and what became of it; a dead one can be retried. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/notifications')
export class ConsoleNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Roles('procurement', 'governance')
  async log(
    @Query() query: Record<string, string | undefined>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const status = STATUSES.includes(query.status as 'dead') ? (query.status as 'dead') : undefined;
    const { items, total } = await this.notifications.list({ status, page: 1, pageSize: 100 });
    sendPage(reply, request, 'notifications', 'Notifications', {
      total,
      statuses: STATUSES.map((value) => ({ value, selected: value === status })),
      canRetry: can(request.user, 'notification.retry'),
      isAdmin: request.user!.role === 'admin',
      items: items.map((n) => ({
        id: n.id,
        kind: n.kind,
        recipient: n.recipients.join(', '),
        status: n.status,
        attempts: n.attempts,
        createdAt: n.createdAt.toISOString().slice(0, 16).replace('T', ' '),
        note: n.lastError ?? n.skipReason ?? '',
        dead: n.status === 'dead',
      })),
    });
  }

  @Post(':id/retry')
  @Roles('procurement')
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    await this.notifications.retry(id);
    redirect(reply, '/console/notifications');
  }
}
