import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import { Roles } from '@app/identity';
import { NOTIFICATION_SORTS, NotificationsService, type OutboxMessage } from '@app/notifications';
import { pageOf } from '@app/platform';
import { NotificationView } from './procurement.view.js';
import { NotificationListParams } from './notification-list.input.js';

/** What the log shows of an email: never the sealed token its refs may carry. */
const toNotificationView = (o: OutboxMessage): NotificationView => {
  const { sealedToken: _sealed, ...refs } = o.refs;
  return {
    id: o.id,
    kind: o.kind,
    template: o.template,
    recipient: o.recipients.join(', '),
    recipients: o.recipients,
    status: o.status,
    attempts: o.attempts,
    lastError: o.lastError,
    skipReason: o.skipReason,
    providerMessageId: o.providerMessageId,
    refs,
    createdAt: o.createdAt.toISOString(),
    sentAt: o.sentAt?.toISOString() ?? null,
  };
};

/** The notification log: every email owed, with its delivery status; a dead one can be retried. */
@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Every email owed, newest first, with its delivery status. */
  @Get()
  @Roles('procurement', 'governance')
  @ApiPage(NotificationView)
  @ApiSort(NOTIFICATION_SORTS, 'Default `-createdAt` (newest first).')
  async list(@Query() query: NotificationListParams) {
    const { items, total } = await this.notifications.list(query);
    return pageOf(items.map(toNotificationView), total, query);
  }

  /** A dead email gets a fresh set of attempts. */
  @Post(':id/retry')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409)
  async retry(@Param('id', new ParseUUIDPipe()) id: string) {
    return toNotificationView(await this.notifications.retry(id));
  }
}
