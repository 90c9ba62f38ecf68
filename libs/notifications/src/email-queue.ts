import type { JobOptions } from 'bull';
import type { AppConfig } from '@app/platform';

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
export function sendJobOptions(config: AppConfig, id: string): JobOptions {
  return {
    jobId: id,
    attempts: config.emailAttempts,
    backoff: { type: 'exponential', delay: config.emailBackoffMs },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}
