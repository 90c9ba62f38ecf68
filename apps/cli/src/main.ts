import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { CommandFactory } from 'nest-commander';
import { assertDatabaseReachable } from '@app/database';
import { loadConfig } from '@app/platform';
import { CliModule } from './cli.module.js';

/** `npm run cli -- <command>`: user administration and audit verification against DATABASE_URL. */
async function main(): Promise<void> {
  // The CLI needs the database only: Redis and token signing are not used here.
  const config = loadConfig({
    ...process.env,
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    JWT_SECRET: process.env.JWT_SECRET || randomBytes(32).toString('hex'),
    LINK_SEALING_SECRET: process.env.LINK_SEALING_SECRET || randomBytes(32).toString('hex'),
    ADMIN_EMAIL: undefined,
    ADMIN_PASSWORD: undefined,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  });
  await assertDatabaseReachable(config.database.url);
  await CommandFactory.run(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
    serviceErrorHandler: (error) => {
      console.error(error.message);
      process.exit(1);
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
