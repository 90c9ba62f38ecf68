import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { MailConfig, SchedulerConfig } from '@app/platform';
import { EMAIL_QUEUE, JOB, sendJobOptions, type SendJob } from './queues.js';
import { takeOwed } from './outbox.js';

/**
 * Moves committed outbox rows onto the Bull queue, the row id as job id, so a row is queued at most
 * once. It runs right after each transaction that owed mail commits (a TypeORM subscriber), and from
 * the sweeper for rows whose enqueue never happened or whose job Redis lost. Enqueueing never
 * blocks or fails the request: when Redis is away, the rows wait `pending` for the sweeper.
 */
@Injectable()
export class OutboxDispatcher implements EntitySubscriberInterface {
  private readonly logger = new Logger('OutboxDispatcher');
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(EMAIL_QUEUE) private readonly queue: Queue<SendJob>,
    private readonly mail: MailConfig,
    private readonly scheduler: SchedulerConfig,
  ) {
    // At construction, not at module init: a use-case may run before the app is initialised (the demo seeds first).
    if (!dataSource.subscribers.includes(this)) dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return; // a savepoint, not the commit
    const ids = takeOwed(event.queryRunner.data as Record<string, unknown>);
    if (ids.length === 0) return;
    // Not awaited: the request does not wait on Redis. Tracked so tests and shutdown can settle it.
    const work = this.dispatch(ids).catch((error: unknown) => {
      this.logger.warn({ msg: 'enqueue failed; the sweeper will retry', error: String(error), count: ids.length });
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) takeOwed(event.queryRunner.data as Record<string, unknown>);
  }

  /** Waits for enqueues started by commits so far. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /**
   * Enqueues the rows (a job that already exists is left as it is) and marks the pending ones queued.
   * A row a worker already holds is left to it (it marks the row sent or failed when it commits):
   * waiting for its lock would keep this connection, and the rows marked so far, until that batch's
   * emails reached SMTP.
   */
  async dispatch(ids: string[]): Promise<void> {
    for (const id of ids) await this.queue.add(JOB.send, { id }, sendJobOptions(this.mail, id));
    await this.dataSource.query(
      `UPDATE outbox_message SET status = 'queued', updated_at = now()
        WHERE id IN (SELECT id FROM outbox_message WHERE id = ANY($1) AND status = 'pending' FOR UPDATE SKIP LOCKED)`,
      [ids],
    );
  }

  /**
   * The sweeper: rows not delivered and unchanged for the grace period get their job back if Redis
   * lost it (never enqueued, or lost in an outage), or retried if Bull gave up on it without the
   * worker recording the failure (a worker killed more often than the stalled limit allows).
   */
  async sweep(limit = 1000): Promise<{ enqueued: number; checked: number }> {
    const rows = await this.dataSource.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM outbox_message
        WHERE status IN ('pending', 'queued', 'failed') AND updated_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY updated_at LIMIT $2`,
      [this.scheduler.sweepGraceMs, limit],
    );
    let enqueued = 0;
    for (const row of rows) {
      const job = await this.queue.getJob(row.id);
      const state = job ? await job.getState() : null;
      if (!job) {
        await this.queue.add(JOB.send, { id: row.id }, sendJobOptions(this.mail, row.id));
        enqueued++;
      } else if (state === 'failed' || state === 'completed') {
        await job.remove();
        await this.queue.add(JOB.send, { id: row.id }, sendJobOptions(this.mail, row.id));
        enqueued++;
      }
    }
    if (rows.length) {
      await this.dataSource.query(
        `UPDATE outbox_message SET status = CASE WHEN status = 'pending' THEN 'queued' ELSE status END, updated_at = now()
          WHERE id IN (SELECT id FROM outbox_message WHERE id = ANY($1) AND status IN ('pending', 'queued', 'failed') FOR UPDATE SKIP LOCKED)`,
        [rows.map((r) => r.id)],
      );
    }
    if (enqueued) this.logger.log({ msg: 'sweeper enqueued undelivered emails', enqueued, checked: rows.length });
    return { enqueued, checked: rows.length };
  }
}
