import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { QueueConfig } from '../config/queue.config.js';

/** Injection token of the process's shared Redis connection (rate limits, health). */
export const REDIS = Symbol('REDIS');

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    // Fail a command quickly while Redis is away instead of queueing it for ever, so that a
    // readiness probe or a rate limit answers rather than hangs.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [QueueConfig],
      useFactory: (queue: QueueConfig) => createRedis(queue.redisUrl, 'assure'),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
