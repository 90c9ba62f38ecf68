import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { ConflictError, NotFoundError, sortOrder } from '@app/platform';
import { EMAIL_QUEUE, type SendJob } from './queues.js';
import { OutboxMessage, type OutboxStatus } from './outbox-message.entity.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

export interface NotificationQuery {
  assessmentId?: string;
  supplierId?: string;
  kind?: string;
  status?: OutboxStatus;
  sort?: string;
  page: number;
  pageSize: number;
}

/** The fields the notification log sorts by (`?sort=field` or `-field`), also declared in the OpenAPI document. */
export const NOTIFICATION_SORTS: readonly string[] = ['createdAt', 'sentAt', 'kind', 'status', 'attempts'];

/** The notification log, and retrying an email that died. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(EMAIL_QUEUE) private readonly queue: Queue<SendJob>,
    private readonly dispatcher: OutboxDispatcher,
    private readonly audit: AuditTrail,
  ) {}

  async list(query: NotificationQuery): Promise<{ items: OutboxMessage[]; total: number }> {
    const { field, direction } = sortOrder(query.sort, '-createdAt', NOTIFICATION_SORTS);
    const qb = this.dataSource.getRepository(OutboxMessage).createQueryBuilder('o');
    if (query.assessmentId) qb.andWhere("o.refs->>'assessmentId' = CAST(:a AS text)", { a: query.assessmentId });
    if (query.supplierId) {
      qb.andWhere(
        "(o.refs->>'supplierId' = CAST(:s AS text) OR o.refs->>'assessmentId' IN (SELECT a.id::text FROM assessment a WHERE a.supplier_id = CAST(:s AS uuid)) OR o.refs->>'linkId' IN (SELECT l.id::text FROM data_sharing_link l WHERE l.supplier_id = CAST(:s AS uuid)))",
        { s: query.supplierId },
      );
    }
    if (query.kind) qb.andWhere('o.kind = :k', { k: query.kind });
    if (query.status) qb.andWhere('o.status = :st', { st: query.status });
    const [items, total] = await qb
      .orderBy(`o.${field}`, direction, 'NULLS LAST')
      .addOrderBy('o.id', direction)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** A dead email gets a fresh set of attempts. */
  async retry(id: string): Promise<OutboxMessage> {
    const row = await this.dataSource.transaction(async (m) => {
      const found = await m.findOne(OutboxMessage, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundError('NOTIFICATION.NOT_FOUND', 'No such notification.');
      if (found.status !== 'dead')
        throw new ConflictError(
          'NOTIFICATION.NOT_DEAD',
          `Only a dead email can be retried; this one is ${found.status}.`,
          [{ path: 'status', message: `is ${found.status}` }],
        );
      await m.query(
        "UPDATE outbox_message SET status = 'pending', attempts = 0, last_error = NULL, updated_at = now() WHERE id = $1",
        [id],
      );
      await this.audit.record(m, {
        action: 'notification.retried',
        entityType: 'notification',
        entityId: id,
        before: { status: 'dead', attempts: found.attempts, lastError: found.lastError },
        after: { status: 'pending', attempts: 0 },
      });
      return found;
    });
    // Bull keeps the failed job under the row's id: remove it so the id can be queued again.
    const job = await this.queue.getJob(id);
    if (job) await job.remove();
    await this.dispatcher.dispatch([id]);
    return (await this.dataSource.getRepository(OutboxMessage).findOneBy({ id: row.id }))!;
  }
}
