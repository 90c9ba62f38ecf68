import fc from 'fast-check';
import { startTestApi, type TestApi } from './support/app.js';
import { signIn } from './support/users.js';

const PROBLEM = /^application\/problem\+json/;
const UUID = '00000000-0000-4000-8000-000000000000';

interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}

/** Values of every class issue 17 found answering 500, and a few more of the same families. */
const NASTY = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00',
  '\ud83d',
  '2147483648',
  '99999999999',
  '1000000000000000000',
  '1e18',
  '-1',
  '0',
  '1.5',
  'NaN',
  '-271821-04-20',
  '+275760-09-13',
  '0000-00-00',
  '9999-12-31',
  '2026-02-30',
  '%',
  '%E0%A4%A',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>',
  'a'.repeat(3000),
  '',
  ' ',
  'true',
  'null',
  '[]',
  '{}',
  UUID,
  'supplier-security-lite',
  '"<img src=x>"@example.com',
];

const text = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(2147483648, 1e18, -1, 0, Number.MAX_SAFE_INTEGER),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('any'), { maxLength: 3 }),
    fc.dictionary(text, tie('any'), { maxKeys: 3 }),
  ),
})).any;

/** A path segment as a client would send it; a lone surrogate (which encodeURIComponent refuses) as invalid UTF-8. */
function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(segment);
  } catch {
    return segment.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^%A-Za-z0-9]/g, (c) => encodeURIComponent(c));
  }
}

/** Bodies: JSON shaped like the route's input with hostile values, any JSON, deep nesting, garbage, forms and broken multipart. */
function bodyFor(op: Operation): fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> {
  const shaped = fc.record(Object.fromEntries(op.bodyFields.map((f) => [f, value])), { requiredKeys: [] });
  return fc.oneof(
    shaped.map((o) => ({ payload: JSON.stringify(o), contentType: 'application/json' })),
    value.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })),
    fc
      .integer({ min: 30, max: 3000 })
      .map((n) => ({ payload: '{"a":'.repeat(n) + '1' + '}'.repeat(n), contentType: 'application/json' })),
    fc
      .constantFrom('{', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', '[1,2', 'not json', '\u0000')
      .map((payload) => ({ payload, contentType: 'application/json' })),
    fc.dictionary(fc.constantFrom(...op.bodyFields, 'x', '_csrf'), text, { maxKeys: 4 }).map((o) => ({
      payload: new URLSearchParams(o as Record<string, string>).toString().replace(/%EF%BF%BD/g, '%00'),
      contentType: 'application/x-www-form-urlencoded',
    })),
    fc
      .constantFrom('--xyz\r\nContent-Disposition: form-data; name="question"\r\n\r\nQ', 'garbage', '--xyz--')
      .map((payload) => ({ payload, contentType: 'multipart/form-data; boundary=xyz' })),
    fc
      .constantFrom('name,kind\n"unterminated', 'name,kind,criticality\nA\u0000,supplier,low\n', '\ufeff')
      .map((payload) => ({ payload, contentType: 'text/csv' })),
    fc.constant({}),
  );
}

/**
 * Drives every route of the OpenAPI document with generated path parameters, query strings and
 * bodies (the input classes of issue 17 included), as an anonymous caller, a supplier (invitation
 * bearer), a viewer and an admin: no answer may be a 5xx, and every 4xx must be problem details.
 */
describe('hardening: every documented route, any input', () => {
  let api: TestApi;
  let operations: Operation[];
  let callers: Record<string, Record<string, string>>;
  let known: string[];

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1000000' });
    api.clock.freeze('2026-11-28T09:00:00Z');
    const buyer = await signIn(api, 'procurement');
    const viewer = await signIn(api, 'viewer');
    const admin = await signIn(api, 'admin');
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Property Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Pat', email: 'pat@property.example', role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, questionnaireKey: 'supplier-security-lite', dueDate: '2099-01-31' },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    known = [supplier.json().id, sent.json().id, token, 'supplier-security-lite', '1'];
    callers = {
      anonymous: {},
      supplier: { authorization: `Bearer ${token}` },
      viewer: viewer.headers,
      admin: admin.headers,
    };

    const document = (await api.request({ method: 'GET', url: '/docs-json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            requestBody?: {
              content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }>;
            };
          }
        >
      >;
      components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
    };
    const schemaFields = (schema?: { $ref?: string; properties?: Record<string, unknown> }) =>
      Object.keys(
        (schema?.$ref ? document.components?.schemas?.[schema.$ref.split('/').at(-1)!] : schema)?.properties ?? {},
      );
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: schemaFields(Object.values(op.requestBody?.content ?? {})[0]?.schema),
      })),
    );
  }, 60_000);
  afterAll(() => {
    api?.clock.reset();
    return api?.close();
  });

  it('finds the routes to drive', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/suppliers', 'POST /portal/assessment/answers']),
    );
  });

  it('never answers 5xx, and answers every 4xx with problem details', async () => {
    const request = fc.constantFrom(...operations).chain((op) =>
      fc.record({
        op: fc.constant(op),
        caller: fc.constantFrom('anonymous', 'supplier', 'viewer', 'admin'),
        params: fc.tuple(...op.pathParams.map(() => fc.oneof(text, fc.constantFrom(...known))), fc.constant('')),
        query: fc.dictionary(
          fc.oneof(fc.constantFrom(...op.queryParams, 'page', 'pageSize', 'sort', 'from'), fc.string({ maxLength: 8 })),
          text,
          { maxKeys: 4 },
        ),
        body: op.method === 'GET' ? fc.constant<{ payload?: string | Buffer; contentType?: string }>({}) : bodyFor(op),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ op, caller, params, query, body }) => {
        let url = op.path;
        op.pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, encodeSegment(params[i] as string) || 'x')));
        const search = Object.entries(query)
          .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v as string)}`)
          .join('&');
        if (search) url += `?${search}`;
        const headers: Record<string, string> = { ...callers[caller], accept: 'application/json' };
        if (body.contentType) headers['content-type'] = body.contentType;
        const res = await api.request({
          method: op.method,
          url,
          headers,
          ...(body.payload !== undefined ? { payload: body.payload } : {}),
        });
        const where = `${op.method} ${url} as ${caller} -> ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 200)}`;
        if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
        // A supplier page's HTML form post (the browser flow) is answered with the page and its errors, by design.
        const htmlForm =
          op.path.startsWith('/portal/') &&
          /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(body.contentType ?? '') &&
          /^text\/html/.test(String(res.headers['content-type']));
        if (res.statusCode >= 400 && !PROBLEM.test(String(res.headers['content-type'])) && !htmlForm)
          throw new Error(`4xx without problem details: ${where}`);
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 600),
        interruptAfterTimeLimit: 40_000,
        markInterruptAsFailure: false,
      },
    );
  }, 90_000);
});
