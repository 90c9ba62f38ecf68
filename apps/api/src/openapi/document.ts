import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AccessRule } from '@app/identity';
import type { AppConfig } from '@app/platform';
import { problemDescription, PROBLEMS_EXTENSION } from './decorators.js';
import {
  accessRules,
  describeEnum,
  describeField,
  describePathParameter,
  describeQueryParameter,
  operationId,
  PAGING_TEXT,
  problemCode,
  problemExample,
  whoMayCall,
} from './descriptions.js';
import { canonicalEnum } from './enumerations.js';
import pluginMetadata from './plugin-metadata.js';
import { ProblemView } from './problem.view.js';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: Json;
}
interface Operation {
  operationId?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, Json>;
  security?: Record<string, string[]>[];
  tags?: string[];
  [PROBLEMS_EXTENSION]?: number[];
}

/** The users the operations are grouped by. */
const TAGS: [string, string][] = [
  [
    'procurement',
    'Procurement teams: the supplier register, data sharing, questionnaires and assessments, notifications, incidents.',
  ],
  [
    'supplier',
    "Suppliers answering a questionnaire through the emailed link: the portal's JSON routes (session cookie or the invitation token as a bearer token).",
  ],
  ['governance', 'Governance committees: risk figures and decisions, findings, the committee report, the audit trail.'],
  ['admin', 'Administrators: internal users.'],
  ['operations', 'Probes for the platform that runs the API.'],
];

/**
 * The document's own introduction: everything an integrator holding only this document needs before
 * the first call (the product's docs/api-guide.md says the same with examples the tests run).
 */
const INTRODUCTION = `Supplier cyber assurance for NHS organisations: the supplier register, data sharing, questionnaires and
their reviews, risk figures and decisions, incidents, and the committee report.

## Signing in
Internal users (roles \`admin\`, \`procurement\`, \`governance\`, \`viewer\`) send their email and password to
\`POST /api/v1/auth/login\` and get \`{ accessToken, tokenType: "Bearer", expiresIn }\`; send
\`Authorization: Bearer <accessToken>\` on every other call (in Swagger UI: **Authorize**, scheme \`bearer\`).
The token lasts \`expiresIn\` seconds; sign in again after it. Users are created by an admin (\`POST /api/v1/users\`).
Each operation says which roles may call it; \`admin\` may call everything. Suppliers have no account: they
answer through the emailed link, or by script with the invitation token from the link as a bearer token
(scheme \`invitationToken\`) on the \`/portal/assessment\` routes.

## Conventions
JSON in and out, field names in camelCase; ids are UUIDs; dates \`YYYY-MM-DD\`; timestamps ISO-8601 in UTC;
money is a number of **whole pounds (GBP)**, annual figures (value at risk) per year; probabilities run from 0 to 1.
A field the request schema does not name is refused (400), not ignored. A figure marked computed is read-only.

## Lists
Every list takes \`page\` (from 1) and \`pageSize\` (1 to 200, default 50) and answers
\`{ items, page, pageSize, total }\`; read on while \`page * pageSize < total\`. Filters are query parameters.
\`sort=field\` sorts ascending, \`sort=-field\` descending; each list's \`sort\` parameter enumerates what it sorts by,
and says its order when \`sort\` is left out. Any other field is a 400 naming \`sort\`.

## Errors
Every error is an RFC 9457 problem details object (\`application/problem+json\`, schema \`ProblemView\`) with a
stable \`code\` to branch on (never on \`detail\`, whose words may change) and a \`requestId\` (also the
\`x-request-id\` header) to quote to support. 400 \`REQUEST.INVALID\` lists each invalid field in \`errors[]\`
(\`path\` such as \`contacts[0].email\`, and \`message\`); 401 not signed in; 403 the role may not; 404 not found
(also what exists but the caller may not see); 409 the state does not allow it; 410 the supplier's link expired
or was revoked; 413 too large; 415 wrong media type; 422 a valid request that breaks a business rule; 429 too
many requests and 503 \`SERVICE.CONTENTION\` (nothing saved): send again after \`Retry-After\` seconds.

## Retrying safely
\`POST /api/v1/incidents\` takes an \`Idempotency-Key\` header: the same key again answers the same incident
(200) and sends nothing twice. Other writes are safe to repeat where the operation says so; otherwise read
before you retry.`;

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemView' };
const RETRY_AFTER = {
  description: 'Seconds to wait before sending the request again.',
  schema: { type: 'integer', minimum: 0 },
};

/**
 * The OpenAPI description served at /docs-json: generated from the controllers and the classes that
 * validate and shape each route (the compiler plugin's metadata, see scripts/openapi-metadata.mjs),
 * completed here with what applies to every route alike (servers, security, problem responses).
 */
export async function createOpenApiDocument(app: INestApplication, config: AppConfig): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(pluginMetadata);
  const builder = new DocumentBuilder()
    .setTitle('Assure')
    .setDescription(INTRODUCTION)
    .setVersion('1')
    .setLicense('UNLICENSED', `${config.http.baseUrl}/docs`)
    // PUBLIC_URL when set; else "/", the host that serves this document (not a made-up localhost address).
    .addServer(
      config.http.publicUrl ?? '/',
      config.http.publicUrl ? undefined : 'The host serving this document (PUBLIC_URL is not set).',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'The `accessToken` from `POST /api/v1/auth/login` (email and password); it lasts `expiresIn` seconds.',
      },
      'bearer',
    )
    .addCookieAuth(
      'assure_portal',
      { type: 'apiKey', in: 'cookie', description: 'The supplier session opened by POST /portal/i/{token}/start.' },
      'portalSession',
    )
    // An opaque random token, not a JWT (addBearerAuth would call it one).
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'The invitation token: the last part of the emailed link `/portal/i/{token}`, for suppliers answering by script. It opens one assessment, expires (by default 30 days after the due date) and is revoked by a resend or cancel.',
      },
      'invitationToken',
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemView],
    operationIdFactory: operationId,
  });
  completeOperations(document, accessRules(app));
  describeFields(document);
  exampleBodies(document);
  return document;
}

/** What every operation shares: its security, the problems it can answer, canonical enumerations. */
function completeOperations(document: OpenAPIObject, rules: Map<string, AccessRule>): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      operation.security ??= [];
      operation.parameters = dedupeParameters(operation.parameters ?? []);
      const params = operation.parameters;
      // A query field with a default (page, pageSize) may be left out.
      for (const p of params)
        if (p.in === 'query' && p.schema?.default !== undefined) (p as { required?: boolean }).required = false;
      describeParameters(path, params);
      const paged = params.some((p) => p.in === 'query' && p.name === 'pageSize');
      operation.description = [
        operation.description,
        whoMayCall(rules.get(operation.operationId ?? ''), operation.security),
        paged ? PAGING_TEXT : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      const statuses = new Set<number>(operation[PROBLEMS_EXTENSION] ?? []);
      delete operation[PROBLEMS_EXTENSION];
      // Any request may be refused at the edge before its route runs: text that cannot be stored (NUL,
      // lone surrogates) in a query or path, or a body nested too deep, even where the route takes none.
      statuses.add(400);
      if (operation.security.some((s) => 'bearer' in s)) statuses.add(401).add(403);
      // The portal: no session (401), a token that opens no link (404), a link expired or revoked (410).
      if (operation.security.some((s) => 'portalSession' in s || 'invitationToken' in s))
        statuses.add(401).add(404).add(410);
      if (params.some((p) => p.in === 'path')) statuses.add(404);
      if (operation.requestBody) statuses.add(413).add(415);
      // Every route but liveness is rate limited, and reads or writes the database, where a transaction
      // that keeps losing races (deadlock, serialization failure) answers a 503 after its retries.
      if (path !== '/health') statuses.add(429).add(503);
      for (const status of [...statuses].sort()) {
        operation.responses[status] ??= {
          description: `${problemDescription(status)} Code: ${problemCode(status) ?? 'see `code`.'}`,
          ...(status === 429 || status === 503 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
          content: { 'application/problem+json': { schema: PROBLEM_REF, example: problemExample(status) } },
        };
      }
    }
  }
  walk(document, [], (node, trail) => {
    if (Array.isArray(node.enum)) node.enum = canonicalEnum(node.enum as unknown[], trail);
  });
}

/** Path and query parameters the input classes leave undescribed: what each is, and its format. */
function describeParameters(path: string, params: Parameter[]): void {
  for (const p of params) {
    if (p.in === 'path') {
      const { description, format } = describePathParameter(path, p.name);
      p.description ??= description;
      if (format && p.schema && !p.schema.format) p.schema.format = format;
    } else if (p.in === 'query') {
      p.description ??= describeQueryParameter(p.name);
      const meaning = Array.isArray(p.schema?.enum) ? describeEnum(p.schema.enum as unknown[]) : undefined;
      if (meaning && !p.description?.includes(meaning)) p.description = `${p.description ?? ''} ${meaning}`.trim();
      if ((p.name === 'page' || p.name === 'pageSize') && p.schema) p.schema.type = 'integer';
    }
  }
}

/**
 * Shapes that take exactly one of some fields, which a class cannot say: a question's showIf names
 * `equals` or `in`, never both (libs/questionnaires/src/validate.ts refuses either mistake).
 */
const EXACTLY_ONE_OF: Record<string, string[]> = { ShowIfInput: ['equals', 'in'] };

/** Properties of the shapes that say nothing of themselves get their meaning and unit by name. */
function describeFields(document: OpenAPIObject): void {
  for (const [name, fields] of Object.entries(EXACTLY_ONE_OF)) {
    const schema = document.components?.schemas?.[name] as Json | undefined;
    if (schema) schema.oneOf = fields.map((field) => ({ required: [field] }));
  }
  for (const schema of Object.values(document.components?.schemas ?? {}) as Json[]) {
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      if (property.description || property.$ref) continue;
      const description =
        (Array.isArray(property.enum) ? describeEnum(property.enum as unknown[]) : undefined) ?? describeField(name);
      if (description) property.description = description;
    }
  }
}

/**
 * A JSON request body's example is made of its fields' own examples (nested contacts too), so that
 * Swagger UI offers a body the API accepts once its ids are real ones, not every optional field
 * with a made-up value (an invented ownerId or contact id is a 422).
 */
function exampleBodies(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Json>;
  const refName = (node: Json | undefined) =>
    ((node?.$ref ?? (node?.allOf as Json[] | undefined)?.[0]?.$ref) as string | undefined)?.split('/').pop();
  const exampleOf = (name: string | undefined, depth = 0): Json | undefined => {
    const properties = (name && schemas[name]?.properties) as Record<string, Json> | undefined;
    if (!properties || depth > 3) return undefined;
    const example: Json = {};
    for (const [field, property] of Object.entries(properties)) {
      if (property.example !== undefined) example[field] = property.example;
      else if (property.type === 'array' && refName(property.items as Json)) {
        const item = exampleOf(refName(property.items as Json), depth + 1);
        if (item) example[field] = [item];
      } else if (refName(property)) {
        const nested = exampleOf(refName(property), depth + 1);
        if (nested) example[field] = nested;
      }
    }
    // A required id has no example of its own: a placeholder of its shape, to replace with a real one.
    const required = (schemas[name!].required ?? []) as string[];
    for (const field of required.filter((f) => example[f] === undefined)) {
      if (properties[field]?.format !== 'uuid') return undefined;
      example[field] = '00000000-0000-4000-8000-000000000000';
    }
    return Object.keys(example).length ? example : undefined;
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { requestBody?: { content?: Record<string, Json> } }[]) {
      const json = operation?.requestBody?.content?.['application/json'];
      if (!json || json.example !== undefined) continue;
      const example = exampleOf(refName(json.schema as Json));
      if (example) json.example = example;
    }
  }
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
