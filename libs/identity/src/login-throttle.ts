import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { QueueConfig, REDIS, TooManyRequestsError } from '@app/platform';

/** Wrong passwords for one address that cost nothing; each further one doubles the wait before the next try. */
export const LOGIN_FREE_FAILURES = 5;
/** The longest wait one failure imposes: no one can lock a user out for longer than this at a time. */
export const LOGIN_MAX_DELAY_SECONDS = 60;
/** Failures are forgotten this long after the last one (and at once after a successful sign-in). */
export const LOGIN_FAILURE_MEMORY_SECONDS = 15 * 60;

// One round trip per failure: count it, and set the wait that the count calls for.
const RECORD_FAILURE = `
local failures = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
local free = tonumber(ARGV[2])
if failures > free then
  local delay = math.min(2 ^ (failures - free - 1), tonumber(ARGV[3]))
  redis.call('SET', KEYS[2], '1', 'PX', math.floor(delay * 1000))
end
return failures`;

/**
 * A per-account sign-in throttle (API and console share it, across replicas, in Redis): after
 * LOGIN_FREE_FAILURES wrong passwords for an address, the next attempt must wait 1 s, then 2, 4...
 * at most LOGIN_MAX_DELAY_SECONDS; an attempt during the wait is refused (429 with Retry-After)
 * without the password being checked. A successful sign-in clears it. Someone guessing at a user's
 * address can so slow that user's sign-in by a minute at most, never lock them out.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    private readonly queue: QueueConfig,
    // Absent in the CLI, which signs no one in.
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  private keys(email: string): [string, string] {
    const who = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
    return [`${this.queue.prefix}:login:failures:${who}`, `${this.queue.prefix}:login:wait:${who}`];
  }

  /** Refuses (429) an attempt made while the address must still wait. */
  async assertMayTry(email: string): Promise<void> {
    const ttl = await this.safely(() => this.redis!.pttl(this.keys(email)[1]), -2);
    if (ttl > 0) throw new TooManyRequestsError(Math.ceil(ttl / 1000));
  }

  async failed(email: string): Promise<void> {
    const [failures, wait] = this.keys(email);
    await this.safely(
      () =>
        this.redis!.eval(
          RECORD_FAILURE,
          2,
          failures,
          wait,
          LOGIN_FAILURE_MEMORY_SECONDS,
          LOGIN_FREE_FAILURES,
          LOGIN_MAX_DELAY_SECONDS,
        ),
      null,
    );
  }

  async succeeded(email: string): Promise<void> {
    await this.safely(() => this.redis!.del(...this.keys(email)), 0);
  }

  /** Redis away: sign-ins go on unthrottled (the per-address rate limit says the same), and the log says so. */
  private async safely<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    if (!this.redis) return fallback;
    try {
      return await work();
    } catch (error) {
      this.logger.warn({ msg: 'login throttle not applied: Redis unavailable', error: String(error) });
      return fallback;
    }
  }
}
