import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { AppConfig, Clock, loadConfig, type Environment } from '@app/platform';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase } from './database.js';
import { OpenApiContract } from './openapi-contract.js';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  clock: Clock;
  databaseUrl: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The environment every test process gets: its own database and queue prefix, real Redis. */
export async function testEnvironment(overrides: Environment = {}): Promise<Environment> {
  return {
    DATABASE_URL: await createTestDatabase(),
    REDIS_URL: process.env.TEST_REDIS_URL,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LINK_SEALING_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    PUBLIC_URL: 'http://assure.test',
    ...overrides,
  };
}

/**
 * Boots the real API module with the production adapter, pipes, filters and guards against a
 * database of this test file's own, without opening a port (requests go through Fastify's inject).
 */
export async function startTestApi(overrides: Environment = {}): Promise<TestApi> {
  const config = loadConfig(await testEnvironment(overrides));
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApiApp(config, logger);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  // Every response of a documented route is checked against /docs-json (test/support/openapi-contract.ts):
  // a status or body the document does not describe fails the test that received it.
  const contract = new OpenApiContract((await fastify.inject({ method: 'GET', url: '/docs-json' })).json());
  return {
    app,
    config,
    clock: app.get(Clock),
    databaseUrl: config.database.url,
    request: async (options) => {
      const response = await fastify.inject(options);
      const problem = contract.check(
        String(options.method ?? 'GET'),
        String(options.url ?? options.path ?? '/'),
        response.statusCode,
        response.headers['content-type'] as string | undefined,
        response.body,
      );
      if (problem) throw new Error(`OpenAPI contract: ${problem}`);
      return response;
    },
    close: () => app.close(),
  };
}
