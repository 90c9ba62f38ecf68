import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { AppConfig, createPino, PinoNestLogger } from '@app/platform';
import { WorkerModule } from './worker.module.js';

/** Builds the worker: an application context with the processors, no HTTP server. */
export async function createWorker(
  config: AppConfig,
  pino: Pino = createPino(config.logLevel),
  options: { shutdownHooks?: boolean } = {},
): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(pino),
    bufferLogs: true,
  });
  // SIGTERM: stop taking jobs, let the job in hand finish, then close pools.
  if (options.shutdownHooks ?? true) worker.enableShutdownHooks();
  return worker;
}
