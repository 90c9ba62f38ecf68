import 'reflect-metadata';
import { assertDatabaseReachable } from '@app/database';
import { closeOnSignal, createPino, loadConfig } from '@app/platform';
import { createWorker } from './bootstrap.js';

/** Starts the worker from the environment (`npm run start:worker`). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const pino = createPino(config.logging.level);
  await assertDatabaseReachable(config.database.url);
  const worker = await createWorker(config, pino);
  // SIGTERM: stop taking jobs, let the job in hand finish, close pools and the mail transport.
  closeOnSignal(
    () => worker.close(),
    (message) => pino.info(message),
  );
  pino.info('worker started');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
