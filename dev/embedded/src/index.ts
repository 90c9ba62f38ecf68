/**
 * DEVELOPMENT ONLY: launchers for an embedded PostgreSQL, redis-server and MailDev, used by `npm run demo`,
 * the test set-up and the bench. Production never starts these (it is given DATABASE_URL, REDIS_URL and
 * SMTP_URL); ESLint forbids importing `@dev/embedded` from the API, the worker, the CLI and the libraries.
 */
export { freePort } from './ports.js';
export { ServiceStartError, isRoot, type RunningService } from './process.js';
export { startPostgres, type PostgresOptions } from './postgres.js';
export { startRedis, REDIS_INSTALL_HINT, type RedisOptions } from './redis.js';
export { startMaildev, type RunningInbox } from './maildev.js';
