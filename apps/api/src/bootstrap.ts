import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import type { Logger as Pino } from 'pino';
import {
  AppConfig,
  clientErrorAsProblem,
  createPino,
  depthCheckedJsonParser,
  frameworkErrorsAsProblems,
  PinoNestLogger,
  registerEdgeGuards,
  requestContext,
  requestIdFrom,
  REQUEST_ID_HEADER,
} from '@app/platform';
import { CONSOLE_QUEUE_BOARD_PATH, mountQueueBoard, QUEUE_BOARD_PATH } from './admin/queue-board.js';
import { AppModule } from './app.module.js';
import { createOpenApiDocument } from './openapi/document.js';
import { securityHeaders } from './security-headers.js';

// Swagger UI needs inline scripts and styles; every other page gets the strict policy.
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
const HELMET = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
};

/**
 * Builds the API exactly as production runs it (adapter, security headers, pipes, filters, docs),
 * without listening, so that main.ts and the end-to-end tests share one set-up.
 */
export async function createApiApp(
  config: AppConfig,
  pino: Pino = createPino(config.logging.level),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: pino,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: requestIdFrom,
    bodyLimit: config.http.bodyLimitBytes,
    // A supplier link cut short right after `/portal/i/` would match no route (the link's route needs a
    // token, and the router does not fall back from its branch to the portal's catch-all); read it as
    // `/portal/i`, which answers the "link not valid" page.
    rewriteUrl: (request: { url?: string }) => (request.url === '/portal/i/' ? '/portal/i' : (request.url ?? '/')),
    // Malformed URL encoding and what Node's parser refuses (oversized headers) answer problem details too.
    frameworkErrors: frameworkErrorsAsProblems,
    clientErrorHandler: clientErrorAsProblem,
    trustProxy: config.http.trustProxy > 0 ? (_address: string, hop: number) => hop < config.http.trustProxy : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(pino),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  // Bad input refused once for every route: JSON depth, unstorable text, Fastify's own errors as problem details.
  registerEdgeGuards(fastify);
  app.useBodyParser('application/json', { bodyLimit: config.http.bodyLimitBytes }, depthCheckedJsonParser(fastify));
  // CSV uploads reach the handler as a stream, parsed row by row (no buffering of large files).
  fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  // HTML forms of the supplier pages (application/x-www-form-urlencoded) are parsed by the Fastify
  // adapter's own form parser: repeated fields (checkboxes) arrive as lists.
  // Questionnaire definitions may come as YAML: kept as text (within the body limit) and parsed by the route.
  fastify.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );
  // Helmet's headers, worked out once (the same for every answer), set with the request id in one hook.
  const headers = await securityHeaders(HELMET);
  fastify.addHook('onRequest', (request, reply, done) => {
    requestContext.enter({ requestId: String(request.id), ip: request.ip });
    void reply.headers(headers).header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (
      request.url.startsWith('/docs') ||
      request.url.startsWith(QUEUE_BOARD_PATH) ||
      request.url.startsWith(CONSOLE_QUEUE_BOARD_PATH)
    )
      void reply.header('content-security-policy', DOCS_CSP);
    done(null, payload);
  });

  // Evidence uploads: one file of at most 10 MB per request (413 beyond), read into memory once.
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, fieldSize: 1024 } });

  await mountQueueBoard(app);

  const document = await createOpenApiDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  return app;
}
