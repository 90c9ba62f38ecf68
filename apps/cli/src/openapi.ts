import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/platform';
import { AppModule } from '../../api/src/app.module.js';
import { createOpenApiDocument } from '../../api/src/openapi/document.js';

/**
 * `npm run openapi -- <file>`: writes the document /docs-json serves, from the built app, with no
 * server, database or Redis: the module graph is built in preview mode (nothing is instantiated).
 * PUBLIC_URL sets the server; the other required settings get placeholders, since nothing connects.
 */
async function main(): Promise<void> {
  const file = process.argv[2] ?? 'dist/openapi.json';
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://openapi@localhost/openapi',
    JWT_SECRET: process.env.JWT_SECRET ?? 'openapi-document-only-not-a-secret-0000',
    LINK_SEALING_SECRET: process.env.LINK_SEALING_SECRET ?? 'openapi-document-only-not-a-secret-0001',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const document = await createOpenApiDocument(app, config);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`openapi: ${Object.keys(document.paths).length} paths written to ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
