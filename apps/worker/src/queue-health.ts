import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '@app/platform';

/**
 * Redis must never evict a job: with any policy other than `noeviction` a full Redis silently drops
 * queued emails. Warn loudly at start rather than lose mail later.
 */
@Injectable()
export class QueueHealth implements OnApplicationBootstrap {
  private readonly logger = new Logger('QueueHealth');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    const policy = await this.maxmemoryPolicy();
    if (policy !== 'noeviction') {
      this.logger.warn({
        msg: `Redis maxmemory-policy is ${policy ?? 'unknown'}; set it to noeviction or queued jobs may be dropped`,
        policy,
      });
    }
  }

  async maxmemoryPolicy(): Promise<string | undefined> {
    try {
      const answer = (await this.redis.config('GET', 'maxmemory-policy')) as string[];
      return answer[1];
    } catch {
      return undefined; // managed Redis services may refuse CONFIG
    }
  }
}
