import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isTransientDatabaseError } from '@app/platform';

const MAX_SQL = 500;

/**
 * TypeORM's log lines through the process's JSON logger (so they carry the request id and pass the
 * redaction), and never with the statement's parameters: those hold what users typed, password
 * hashes included. A failed statement is logged with its SQL text (shortened), its SQLSTATE and message.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Statements are not logged one by one (LOG_LEVEL=trace would drown in them).
  }

  logQueryError(error: string | Error, query: string): void {
    const pg = (typeof error === 'object' ? error : {}) as {
      code?: unknown;
      constraint?: unknown;
      table?: unknown;
      column?: unknown;
    };
    const message = typeof error === 'string' ? error : error.message;
    // PostgreSQL quotes the offending value in its message ("invalid input syntax for type integer: "..."):
    // the quoted parts go, the names that say where (constraint, table, column) stay.
    // A lost race (deadlock, serialization failure) is retried by the data source: a warning, not an error.
    const log = isTransientDatabaseError(error)
      ? this.logger.warn.bind(this.logger)
      : this.logger.error.bind(this.logger);
    log({
      msg: 'query failed',
      sql: shorten(query),
      code: pg.code,
      constraint: pg.constraint,
      table: pg.table,
      column: pg.column,
      error: message.replace(/"[^"]*"/g, '"..."'),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', ms: time, sql: shorten(query) });
  }

  logSchemaBuild(): void {
    // synchronize is off: there is no schema build to report.
  }

  logMigration(): void {
    // The migration runner reports what it applied itself.
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

function shorten(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SQL ? `${flat.slice(0, MAX_SQL)}...` : flat;
}
