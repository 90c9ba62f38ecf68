import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

/**
 * Checks live responses against the OpenAPI document the app serves: for a documented route, the
 * status must be documented, and a JSON body must match the schema for that status and media type.
 * Routes the document leaves out (console pages, /docs, assets) are not checked.
 */
export class OpenApiContract {
  private readonly routes: Route[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<object, ValidateFunction>();

  constructor(document: Json) {
    (addFormats as unknown as (ajv: Ajv) => void)(this.ajv);
    const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
    for (const [name, schema] of Object.entries(schemas))
      this.ajv.addSchema(toJsonSchema(schema), `#/components/schemas/${name}`);
    for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, Json>>)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(item)) {
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern,
          responses: operation.responses as Route['responses'],
        });
      }
    }
  }

  /** A message naming the route, status and schema error, or null when the response is as documented. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): string | null {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
    if (!route) return null;
    const where = `${route.method} ${route.template} -> ${status}`;
    const response = route.responses[String(status)] ?? route.responses.default;
    if (!response)
      return `${where}: the OpenAPI document does not describe status ${status} (documented: ${Object.keys(route.responses).join(', ')})`;
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!/[/+]json$/.test(mediaType)) return null;
    const schema = response.content?.[mediaType]?.schema;
    if (!schema)
      return `${where}: the document gives no ${mediaType} schema for this status (it has: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`;
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema));
      this.compiled.set(schema, validate);
    }
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return `${where}: the body is not JSON although the content type is ${mediaType}`;
    }
    if (validate(data)) return null;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
    return `${where}: the response does not match the documented schema: ${errors.join('; ')}`;
  }
}

/**
 * OpenAPI 3.0 schema -> JSON Schema for ajv: `nullable` becomes a null alternative, refs point at the
 * added schemas, and an object with named properties accepts no unnamed one.
 */
function toJsonSchema(node: unknown): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema) as unknown as Json;
  if (!node || typeof node !== 'object') return node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'xml') continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, toJsonSchema(v)]))
        : typeof value === 'object'
          ? toJsonSchema(value)
          : value;
  }
  // A field the document does not name is drift too: objects with named properties take no others.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if ((node as Json).nullable === true) {
    if (typeof out.type === 'string' && !out.allOf && !out.$ref) {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}
