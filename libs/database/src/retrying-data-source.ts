import { Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { isTransientDatabaseError, sqlState } from '@app/platform';

/** How many times a transaction runs in all before its contention reaches the caller (as a 503). */
export const TRANSACTION_ATTEMPTS = 3;

type Work<T> = (manager: EntityManager) => Promise<T>;

/**
 * The process's data source, whose `transaction()` runs the work again when PostgreSQL aborted it
 * as a deadlock victim or a serialization failure, up to TRANSACTION_ATTEMPTS in all, after a
 * short random pause (so that the two sides of a deadlock do not meet again at once).
 *
 * Why here and not route by route: every write use-case already runs in one `dataSource.transaction`
 * whose callback only reads and writes through its manager (the outbox is how it owes anything to
 * the outside world), so running that callback again is safe. A nested transaction (a use-case
 * handed a manager, or `manager.transaction`) is not retried on its own: its outer one is.
 * The email worker's delivery catches its own failures inside its transaction (it records them on
 * the row), so a race lost there still reaches Bull's retry, as before.
 */
export class RetryingDataSource extends DataSource {
  private readonly retryLogger = new Logger('Database');

  override transaction<T>(work: Work<T>): Promise<T>;
  override transaction<T>(isolationLevel: IsolationLevel, work: Work<T>): Promise<T>;
  override async transaction<T>(first: IsolationLevel | Work<T>, second?: Work<T>): Promise<T> {
    const isolation = typeof first === 'string' ? first : undefined;
    const work = (typeof first === 'function' ? first : second)!;
    for (let attempt = 1; ; attempt++) {
      try {
        return isolation ? await super.transaction(isolation, work) : await super.transaction(work);
      } catch (error) {
        if (!isTransientDatabaseError(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        this.retryLogger.warn({ msg: 'transaction lost a race; running it again', code: sqlState(error), attempt });
        await pause(attempt);
      }
    }
  }
}

/** 20-60 ms after the first loss, 40-120 ms after the second: short, and never in step. */
function pause(attempt: number): Promise<void> {
  const ms = 20 * attempt * (1 + Math.random() * 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
