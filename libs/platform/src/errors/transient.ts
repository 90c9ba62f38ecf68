/**
 * SQLSTATEs that say "this transaction lost a race, not a rule": a deadlock (40P01) or a
 * serialization failure (40001, under REPEATABLE READ or SERIALIZABLE). PostgreSQL has rolled the
 * whole transaction back, so running it again from the start is correct and usually succeeds: the
 * data source retries it (@app/database), and what still fails answers a 503 with Retry-After.
 */
export const TRANSIENT_SQLSTATES: readonly string[] = ['40P01', '40001'];

/** Seconds a client is asked to wait before sending again a request that lost a race in the database. */
export const CONTENTION_RETRY_AFTER_SECONDS = 1;

/** The SQLSTATE of a PostgreSQL error as pg or TypeORM (QueryFailedError.driverError) hand it over. */
export function sqlState(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isTransientDatabaseError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && TRANSIENT_SQLSTATES.includes(code);
}
