import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { AppConfig, createPino, PinoNestLogger } from '@app/platform';
import { WorkerModule } from './worker.module.js';

/** Builds the worker: an application context with the processors, no HTTP server. */
export async function createWorker(
  config: AppConfig,
  pino: Pino = createPino(config.logging.level),
): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(pino),
    abortOnError: false,
  });
  // Nest keeps buffering every log line of a context until told to flush: without this, the
  // worker's lines (emails sent, failed statements) piled up in memory and never reached stdout.
  worker.flushLogs();
  return worker;
}
