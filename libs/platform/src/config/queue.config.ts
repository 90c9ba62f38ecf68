import { IsInt, Matches, MaxLength, Min } from 'class-validator';
import { Env } from './env.js';

/** Redis, and the Bull queues, rate-limit counters and login throttles kept in it. */
export class QueueConfig {
  @Env('REDIS_URL')
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  redisUrl: string;

  /** Key prefix, so that deployments (and test files) sharing a Redis stay apart. */
  @Env('QUEUE_PREFIX')
  @Matches(/^[a-zA-Z0-9:_-]+$/, { message: 'may hold letters, digits, ":", "_" and "-" only' })
  @MaxLength(64)
  prefix = 'assure';

  /** How long a worker's claim on a job lasts without renewal (a killed worker's job runs again after it). */
  @Env('BULL_LOCK_DURATION_MS', 'int')
  @IsInt()
  @Min(1000)
  lockDurationMs = 30_000;

  /** How often workers look for jobs whose worker died. */
  @Env('BULL_STALLED_INTERVAL_MS', 'int')
  @IsInt()
  @Min(1000)
  stalledIntervalMs = 30_000;
}
