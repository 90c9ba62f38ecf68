export { freePort } from './ports.js';
export { ServiceStartError, isRoot, type RunningService } from './process.js';
export { startPostgres, type PostgresOptions } from './postgres.js';
export { startRedis, REDIS_INSTALL_HINT, type RedisOptions } from './redis.js';
export { startMaildev, type RunningInbox } from './maildev.js';
