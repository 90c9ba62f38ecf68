export { DatabaseModule } from './database.module.js';
export { createDataSource, dataSourceOptions } from './data-source.js';
export { runMigrations } from './migrate.js';
export { assertDatabaseReachable, DatabaseUnreachableError, redactUrl } from './connection-check.js';
export { SnakeNamingStrategy } from './naming.js';
export { RetryingDataSource, TRANSACTION_ATTEMPTS } from './retrying-data-source.js';
