import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig } from '@app/platform';
import { dataSourceOptions } from './data-source.js';
import { RetryingDataSource } from './retrying-data-source.js';

/** The TypeORM connection of a process, built from the one data source description. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (database: DatabaseConfig) => ({
        ...dataSourceOptions(database.url),
        // The entry point has already checked the connection; do not retry for minutes.
        retryAttempts: 1,
        retryDelay: 1_000,
      }),
      // Every `dataSource.transaction()` of the process runs again after a deadlock or a serialization failure.
      dataSourceFactory: async (options) => new RetryingDataSource(options!).initialize(),
    }),
  ],
})
export class DatabaseModule {}
