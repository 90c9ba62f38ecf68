import type { JobOptions } from 'bull';
import type { MailConfig } from '@app/platform';

/**
 * Every Bull queue and job name, in one place: the API (outbox dispatch, queue dashboard), the worker
 * and the tests use these constants, never a literal.
 */

/** The Bull queue every email job, the sweeper and the scheduler run on. */
export const EMAIL_QUEUE = 'email';

/** The jobs on EMAIL_QUEUE. */
export const JOB = { send: 'send', sweep: 'sweep', schedule: 'schedule' } as const;

/** The worker's scheduled runs: daily risk staleness and assessment expiry, the monthly snapshot, the report's totals. */
export const RISK_QUEUE = 'risk';

/** The jobs on RISK_QUEUE. */
export const RISK_JOB = { staleness: 'staleness', snapshot: 'snapshot', expire: 'expire', rollups: 'rollups' } as const;

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
