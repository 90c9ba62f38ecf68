import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { QueueConfig } from '@app/platform';
import { EMAIL_QUEUE } from './queues.js';
import { NotificationsService } from './notifications.service.js';
import { EmailRenderer } from './email-renderer.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

/**
 * The email queue for every process that owes or sends mail: the API (enqueue after commit, the
 * notification log, retry) and the worker. Bull settings, on purpose:
 * - lockDuration (BULL_LOCK_DURATION_MS, 30 s): a job's claim, renewed while the worker lives; a
 *   killed worker's job is taken up again once it lapses.
 * - stalledInterval (BULL_STALLED_INTERVAL_MS, 30 s): how often workers look for such jobs.
 * - maxStalledCount 2: a job whose worker died twice more is failed, then the sweeper re-queues it
 *   (the outbox row, not Redis, says whether it is still owed).
 * - removeOnComplete on every send job (see sendJobOptions): the outbox row is the record.
 */
@Module({
  imports: [
    AuditModule,
    BullModule.forRootAsync({
      inject: [QueueConfig],
      useFactory: (queue: QueueConfig) => ({
        url: queue.redisUrl,
        prefix: queue.prefix,
        settings: {
          lockDuration: queue.lockDurationMs,
          lockRenewTime: Math.floor(queue.lockDurationMs / 2),
          stalledInterval: queue.stalledIntervalMs,
          maxStalledCount: 2,
        },
      }),
    }),
    BullModule.registerQueue({ name: EMAIL_QUEUE }),
  ],
  // The email templates, compiled once per process (an isolated Handlebars instance each for HTML and text).
  providers: [
    OutboxDispatcher,
    NotificationsService,
    { provide: EmailRenderer, useFactory: () => new EmailRenderer() },
  ],
  exports: [OutboxDispatcher, NotificationsService, BullModule, EmailRenderer],
})
export class OutboxModule {}
