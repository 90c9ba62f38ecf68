import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';
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
    logging: ['error'],
    extra: { max: 20, connectionTimeoutMillis: 5_000 },
  };
}

export function createDataSource(url: string, applicationName?: string): DataSource {
  return new DataSource(dataSourceOptions(url, applicationName));
}
