export { DatabaseModule } from './database.module.js';
export { runMigrations } from './migrate.js';
export { assertDatabaseReachable, redactUrl } from './connection-check.js';
export { TRANSACTION_ATTEMPTS } from './retrying-data-source.js';
