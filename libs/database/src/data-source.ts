import type { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { QueryLogger } from './query-logger.js';
import { RetryingDataSource } from './retrying-data-source.js';
import { SnakeNamingStrategy } from './naming.js';

/** The one description of the database, used by the API, the worker, the tests and the migration CLI. */
export function dataSourceOptions(url: string, applicationName = 'assure'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Through the JSON logger, without parameters (they hold user input and password hashes).
    logging: ['error', 'warn'],
    logger: new QueryLogger(),
    extra: { max: 20, connectionTimeoutMillis: 5_000 },
  };
}

export function createDataSource(url: string, applicationName?: string): DataSource {
  return new RetryingDataSource(dataSourceOptions(url, applicationName));
}
