import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { EMAIL_QUEUE, JOB, OutboxDispatcher, type SendJob } from '@app/notifications';
import { MailConfig, OrganisationConfig, SchedulerConfig } from '@app/platform';
import { EmailDelivery } from './email-delivery.js';
import { NotificationScheduler } from './notification-scheduler.js';

/**
 * The worker's jobs on the email queue: `send` (one outbox row and the queued ones it takes with it,
 * EMAIL_BATCH in all; EMAIL_CONCURRENCY at once),
 * `sweep` (every SWEEP_INTERVAL_MS) and `schedule` (every SCHEDULE_INTERVAL_MS). The two
 * repeatable jobs are keyed by name and interval, so any number of workers register them once.
 * At shutdown the queue stops taking jobs and waits for those in hand before anything closes.
 */
@Injectable()
export class EmailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EmailWorker');

  constructor(
    @InjectQueue(EMAIL_QUEUE) private readonly queue: Queue,
    private readonly delivery: EmailDelivery,
    private readonly dispatcher: OutboxDispatcher,
    private readonly scheduler: NotificationScheduler,
    private readonly mail: MailConfig,
    private readonly organisation: OrganisationConfig,
    private readonly schedule: SchedulerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.queue.process(JOB.send, this.mail.concurrency, (job: Job<SendJob>) => {
      const attempt = job.attemptsMade + 1;
      return this.delivery.deliver(job.data.id, attempt, attempt >= (job.opts.attempts ?? 1));
    });
    void this.queue.process(JOB.sweep, 1, () => this.dispatcher.sweep());
    void this.queue.process(JOB.schedule, 1, () => this.scheduler.run());
    await this.registerRepeatables();
    // A Redis that restarts empty forgets the repeatable jobs: register them again when it is back.
    this.queue.client.on('ready', () => {
      this.registerRepeatables().catch((error: unknown) =>
        this.logger.warn({ msg: 'could not register the sweeper and scheduler', error: String(error) }),
      );
    });
    if (!this.organisation.governanceEmail)
      this.logger.warn('GOVERNANCE_EMAIL is not set: level 2 escalations flag the assessment but email no one');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close(); // waits for the jobs in hand
  }

  private async registerRepeatables(): Promise<void> {
    await this.repeat(JOB.sweep, this.schedule.sweepIntervalMs);
    await this.repeat(JOB.schedule, this.schedule.intervalMs);
  }

  /** Registers a repeatable job, replacing one left with another interval by an earlier configuration. */
  private async repeat(name: string, every: number): Promise<void> {
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === name && Number(job.every) !== every) await this.queue.removeRepeatableByKey(job.key);
    }
    await this.queue.add(name, {}, { repeat: { every }, removeOnComplete: true, removeOnFail: 100 });
  }
}
