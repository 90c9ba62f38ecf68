import 'reflect-metadata';
import { assertDatabaseReachable } from '@app/database';
import { closeOnSignal, createPino, loadConfig } from '@app/platform';
import { createApiApp } from './bootstrap.js';

/** Starts the API from the environment (`npm run start:api`). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const pino = createPino(config.logging.level);
  await assertDatabaseReachable(config.database.url);
  const app = await createApiApp(config, pino);
  // SIGTERM: stop accepting connections, finish the requests in flight, close pools.
  closeOnSignal(
    () => app.close(),
    (message) => pino.info(message),
  );
  await app.listen({ port: config.http.port, host: '0.0.0.0' });
  pino.info(
    { url: `http://localhost:${config.http.port}`, docs: `http://localhost:${config.http.port}/docs` },
    'API listening',
  );
}

main().catch((error: unknown) => {
  // A start-up failure is a message for a person, not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
