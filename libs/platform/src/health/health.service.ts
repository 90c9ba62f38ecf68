import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis.module.js';

export interface CheckResult {
  status: 'up' | 'down';
  detail?: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: { database: CheckResult; redis: CheckResult; migrations: CheckResult };
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

/** Whether this process can do its work: database and Redis answer, and no migration is pending. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async readiness(): Promise<Readiness> {
    const [database, redis, migrations] = await Promise.all([
      this.check(async () => {
        await this.dataSource.query('select 1');
      }),
      this.check(async () => {
        const pong = await this.redis.ping();
        if (pong !== 'PONG') throw new Error(`unexpected answer ${pong}`);
      }),
      this.check(async () => {
        if (await this.dataSource.showMigrations()) throw new Error('pending migrations: run npm run migrate');
      }),
    ]);
    const ready = [database, redis, migrations].every((c) => c.status === 'up');
    return { status: ready ? 'ready' : 'not_ready', checks: { database, redis, migrations } };
  }

  private async check(probe: () => Promise<void>): Promise<CheckResult> {
    try {
      await withTimeout(probe(), 2_000);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
