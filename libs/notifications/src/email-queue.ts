import type { JobOptions } from 'bull';
import type { MailConfig } from '@app/platform';

/** The Bull queue every email job, the sweeper and the scheduler run on. */
export const EMAIL_QUEUE = 'email';

export const JOB = { send: 'send', sweep: 'sweep', schedule: 'schedule' } as const;

export interface SendJob {
  /** The outbox row's id, also the job's id: Bull keeps one job per row. */
  id: string;
}

/**
 * One send job per outbox row. Retries back off exponentially (EMAIL_BACKOFF_MS doubling; 8 attempts
 * is about a day by default). Completed jobs are removed (the outbox row is the record); failed
 * ones are kept, bounded, for the queue dashboard.
 */
export function sendJobOptions(mail: MailConfig, id: string): JobOptions {
  return {
    jobId: id,
    attempts: mail.attempts,
    backoff: { type: 'exponential', delay: mail.backoffMs },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}
