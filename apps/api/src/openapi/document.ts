import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '@app/platform';
import { problemDescription, PROBLEMS_EXTENSION } from './decorators.js';
import { canonicalEnum } from './enumerations.js';
import pluginMetadata from './plugin-metadata.js';
import { ProblemView } from './problem.view.js';

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; schema?: Json }[];
  requestBody?: unknown;
  responses: Record<string, Json>;
  security?: Record<string, string[]>[];
  tags?: string[];
  [PROBLEMS_EXTENSION]?: number[];
}

/** The users the operations are grouped by. */
const TAGS: [string, string][] = [
  ['procurement', 'Procurement teams: the supplier register, data sharing, questionnaires and assessments, notifications, incidents.'],
  ['supplier', "Suppliers answering a questionnaire through the emailed link: the portal's JSON routes (session cookie or the invitation token as a bearer token)."],
  ['governance', 'Governance committees: risk figures and decisions, findings, the committee report, the audit trail.'],
  ['admin', 'Administrators: internal users.'],
  ['operations', 'Probes for the platform that runs the API.'],
];

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemView' };
const RETRY_AFTER = { description: 'Seconds to wait before sending the request again.', schema: { type: 'integer', minimum: 0 } };

/**
 * The OpenAPI description served at /docs-json: generated from the controllers and the classes that
 * validate and shape each route (the compiler plugin's metadata, see scripts/openapi-metadata.mjs),
 * completed here with what applies to every route alike (servers, security, problem responses).
 */
export async function createOpenApiDocument(app: INestApplication, config: AppConfig): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(pluginMetadata);
  const builder = new DocumentBuilder()
    .setTitle('Assure')
    .setDescription(
      'Supplier cyber assurance for NHS organisations. Internal users sign in with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer`; ' +
        'suppliers answer through the emailed link (a session cookie) or with the invitation token as a bearer token. Errors are RFC 9457 problem details. ' +
        'See docs/api-guide.md for paging, errors and idempotency keys.',
    )
    .setVersion('1')
    .setLicense('UNLICENSED', `${config.http.baseUrl}/docs`)
    // PUBLIC_URL when set; else "/", the host that serves this document (not a made-up localhost address).
    .addServer(config.http.publicUrl ?? '/', config.http.publicUrl ? undefined : 'The host serving this document (PUBLIC_URL is not set).')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken from POST /api/v1/auth/login.' }, 'bearer')
    .addCookieAuth('assure_portal', { type: 'apiKey', in: 'cookie', description: 'The supplier session opened by POST /portal/i/{token}/start.' }, 'portalSession')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The invitation token from the emailed link, for suppliers answering by script.' }, 'invitationToken');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemView],
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${method.replace(/^./, (c) => c.toUpperCase())}`,
  });
  completeOperations(document);
  return document;
}

/** What every operation shares: its security, the problems it can answer, canonical enumerations. */
function completeOperations(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      operation.security ??= [];
      operation.parameters = dedupeParameters(operation.parameters ?? []);
      const params = operation.parameters;
      // A query field with a default (page, pageSize) may be left out.
      for (const p of params) if (p.in === 'query' && p.schema?.default !== undefined) (p as { required?: boolean }).required = false;
      const statuses = new Set<number>(operation[PROBLEMS_EXTENSION] ?? []);
      delete operation[PROBLEMS_EXTENSION];
      // Any request may be refused at the edge before its route runs: text that cannot be stored (NUL,
      // lone surrogates) in a query or path, or a body nested too deep, even where the route takes none.
      statuses.add(400);
      if (operation.security.some((s) => 'bearer' in s)) statuses.add(401).add(403);
      // The portal: no session (401), a token that opens no link (404), a link expired or revoked (410).
      if (operation.security.some((s) => 'portalSession' in s || 'invitationToken' in s)) statuses.add(401).add(404).add(410);
      if (params.some((p) => p.in === 'path')) statuses.add(404);
      if (operation.requestBody) statuses.add(413).add(415);
      // Every route but liveness is rate limited, and reads or writes the database, where a transaction
      // that keeps losing races (deadlock, serialization failure) answers a 503 after its retries.
      if (path !== '/health') statuses.add(429).add(503);
      for (const status of [...statuses].sort()) {
        operation.responses[status] ??= {
          description: problemDescription(status),
          ...(status === 429 || status === 503 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
          content: { 'application/problem+json': { schema: PROBLEM_REF } },
        };
      }
    }
  }
  walk(document, [], (node, trail) => {
    if (Array.isArray(node.enum)) node.enum = canonicalEnum(node.enum as unknown[], trail);
  });
}

/**
 * An explicit parameter decorator (a list's sortable fields) wins over the same parameter read from
 * the query class; `sort` is only described where the list declares what it sorts by.
 */
function dedupeParameters(parameters: { name: string; in: string; schema?: Json }[]) {
  const byKey = new Map<string, { name: string; in: string; schema?: Json }>();
  for (const p of parameters) {
    const key = `${p.in}:${p.name}`;
    if (!byKey.has(key) || Array.isArray(p.schema?.enum)) byKey.set(key, p);
  }
  return [...byKey.values()].filter((p) => !(p.in === 'query' && p.name === 'sort' && !Array.isArray(p.schema?.enum)));
}

function walk(node: unknown, trail: string[], visit: (node: Json, trail: string[]) => void): void {
  if (Array.isArray(node)) return node.forEach((child) => walk(child, trail, visit));
  if (!node || typeof node !== 'object') return;
  visit(node as Json, trail);
  for (const [key, child] of Object.entries(node)) walk(child, [...trail, key], visit);
}
