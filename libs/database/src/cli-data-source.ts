import { loadDatabaseUrl } from '@app/platform';
import { createDataSource } from './data-source.js';

/**
 * The data source the TypeORM CLI loads (`npx typeorm migration:generate -d dist/libs/database/src/cli-data-source.js`);
 * the same options as the app, from DATABASE_URL alone.
 */
export default createDataSource(loadDatabaseUrl(process.env));
