import { readFileSync } from 'node:fs';
import { addDays } from '@app/platform';
import { startTestApi, type TestApi } from './support/app.js';
import { OpenApiContract } from './support/openapi-contract.js';
import { typedClient } from './support/typed-client.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const USER_TAGS = ['procurement', 'supplier', 'governance', 'admin', 'operations'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The guide's enumeration table: `supplier \`kind\`` -> its values, in order. */
function guideEnumerations(): [string, string[]][] {
  const guide = readFileSync(new URL('../docs/api-guide.md', import.meta.url), 'utf8');
  const table = guide.slice(guide.indexOf('## Enumerations'));
  return [...table.matchAll(/^\| (.+?) \| (`.+`) \|$/gm)].map(([, field, values]) => [
    field,
    [...values.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
  ]);
}

/** Where each enumeration of the guide lives in the document (response views; inputs are checked by value set). */
const LOCATIONS: Record<string, string> = {
  supplier: 'SupplierView',
  contact: 'ContactView',
  asset: 'DataAssetView',
  link: 'DataSharingLinkView',
  assessment: 'AssessmentView',
  finding: 'FindingView',
  decision: 'RiskDecisionView',
  notification: 'NotificationView',
  incident: 'OpenIncidentBody',
  '': 'SupplierView',
};

function enumsIn(node: unknown, found: unknown[][] = []): unknown[][] {
  if (Array.isArray(node)) node.forEach((n) => enumsIn(n, found));
  else if (node && typeof node === 'object') {
    if (Array.isArray((node as Json).enum)) found.push((node as Json).enum);
    Object.values(node).forEach((n) => enumsIn(n, found));
  }
  return found;
}

describe('the OpenAPI document as a contract', () => {
  let api: TestApi;
  let document: Json;
  let buyer: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    document = (await api.request({ method: 'GET', url: '/docs-json' })).json();
    buyer = await signIn(api, 'procurement');
  });
  afterAll(() => api.close());

  it('describes every operation: summary, a user tag, security, a success response with its schema, problem details on every 4xx', () => {
    expect(document.servers).toEqual([{ url: 'http://assure.test' }]);
    expect(document.tags.map((t: Json) => t.name)).toEqual(USER_TAGS);
    const faults: string[] = [];
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        const at = `${method.toUpperCase()} ${path}`;
        if (!op.summary) faults.push(`${at}: no summary`);
        if (!op.tags?.length || op.tags.some((t: string) => !USER_TAGS.includes(t)))
          faults.push(`${at}: tags ${op.tags}`);
        if (!Array.isArray(op.security)) faults.push(`${at}: no security`);
        if (
          path.startsWith('/api/v1/') &&
          path !== '/api/v1/auth/login' &&
          !op.security.some((s: Json) => 'bearer' in s)
        )
          faults.push(`${at}: not bearer`);
        const success = Object.entries<Json>(op.responses).filter(([status]) => /^[23]/.test(status));
        if (!success.length) faults.push(`${at}: no success response`);
        for (const [status, response] of success) {
          if (status !== '303' && !Object.values<Json>(response.content ?? {}).some((c) => c.schema))
            faults.push(`${at}: ${status} has no schema`);
        }
        for (const [status, response] of Object.entries<Json>(op.responses).filter(([s]) => s.startsWith('4'))) {
          if (response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/ProblemView')
            faults.push(`${at}: ${status} is not problem details`);
        }
        for (const p of op.parameters ?? []) if (!p.schema) faults.push(`${at}: parameter ${p.name} has no schema`);
        if (op.requestBody && !Object.values<Json>(op.requestBody.content).every((c) => c.schema))
          faults.push(`${at}: body without schema`);
      }
    }
    expect(faults).toEqual([]);
    // Request bodies come from the validating classes, with their rules.
    expect(document.components.schemas.CreateSupplierInput).toMatchObject({
      required: ['name', 'kind', 'criticality'],
      properties: { name: { minLength: 2, maxLength: 300 }, contacts: { maxItems: 20 } },
    });
    // Lists declare their filters, paging and sortable fields.
    const list = document.paths['/api/v1/suppliers'].get.parameters.map((p: Json) => p.name);
    expect(list).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'sort', 'kind', 'status', 'tier', 'band', 'rating', 'tag', 'q']),
    );
    expect(document.paths['/api/v1/suppliers'].get.parameters.find((p: Json) => p.name === 'sort').schema.enum).toEqual(
      expect.arrayContaining(['name', '-netValueAtRisk']),
    );
    // Every paged list declares the fields it sorts by, each both ways.
    const sorts = Object.fromEntries(
      Object.entries<Json>(document.paths)
        .filter(([, item]) => item.get?.parameters?.some((p: Json) => p.name === 'pageSize'))
        .map(([path, item]) => [path, item.get.parameters.find((p: Json) => p.name === 'sort')?.schema.enum]),
    );
    expect(sorts).toMatchObject({
      '/api/v1/users': expect.arrayContaining(['name', '-name', 'email']),
      '/api/v1/assessments': expect.arrayContaining(['dueDate', '-dueDate', 'createdAt']),
      '/api/v1/notifications': expect.arrayContaining(['createdAt', '-createdAt']),
      '/api/v1/incidents': expect.arrayContaining(['severity', '-severity', 'detectedAt']),
      '/api/v1/findings': expect.arrayContaining(['severity', '-severity', 'dueDate']),
      '/api/v1/audit-events': expect.arrayContaining(['occurredAt', '-occurredAt']),
    });
    expect(
      Object.entries(sorts)
        .filter(([, values]) => !Array.isArray(values))
        .map(([path]) => path),
    ).toEqual([]);
    expect(document.paths['/portal/assessment/answers'].post.security).toEqual(
      expect.arrayContaining([{ portalSession: [] }, { invitationToken: [] }]),
    );
  });

  it('describes every object by its fields: no schema is a bare object', () => {
    // An object schema names its properties, or says what its values are (a map), or is a reference.
    const bare: string[] = [];
    const visit = (node: unknown, trail: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${trail}/${i}`));
      if (!node || typeof node !== 'object') return;
      const n = node as Json;
      if (n.type === 'object' && !n.properties && !n.additionalProperties && !n.allOf && !n.oneOf && !n.anyOf)
        bare.push(trail);
      for (const [key, child] of Object.entries(n)) visit(child, `${trail}/${key}`);
    };
    visit(document, '#');
    expect(bare).toEqual([]);
    const schemas = document.components.schemas;
    const refOf = (property: Json) => property.$ref ?? property.allOf?.[0]?.$ref;
    // The figures' inputs and explanation, a published definition and the import body, field by field.
    expect(refOf(schemas.SupplierView.properties.inherentRisk)).toBe('#/components/schemas/SingleLossEstimateView');
    expect(schemas.SingleLossEstimateView.required).toEqual(
      expect.arrayContaining(['criticality', 'operationalLoss', 'dataLoss', 'assets', 'total']),
    );
    expect(refOf(schemas.SupplierRiskView.properties.explanation)).toBe('#/components/schemas/RiskExplanationView');
    expect(schemas.RiskExplanationView.required).toEqual([
      'tier',
      'likelihood',
      'singleLossEstimate',
      'valueAtRisk',
      'rating',
      'summary',
    ]);
    expect(schemas.LikelihoodExplanationView.properties.bandUsed.enum).toEqual(['A', 'B', 'C', 'D', 'E', 'never']);
    expect(refOf(schemas.QuestionnaireVersionView.properties.definition)).toBe(
      '#/components/schemas/QuestionnaireDefinitionView',
    );
    expect(schemas.QuestionDefinitionView.required).toEqual(
      expect.arrayContaining([
        'code',
        'text',
        'type',
        'weight',
        'critical',
        'required',
        'allowNotApplicable',
        'evidence',
        'mappings',
      ]),
    );
    const body = document.paths['/api/v1/questionnaires'].post.requestBody.content;
    expect(body['application/json'].schema).toEqual({ $ref: '#/components/schemas/QuestionnaireDefinitionInput' });
    expect(body['application/yaml'].schema).toEqual({ $ref: '#/components/schemas/QuestionnaireDefinitionInput' });
    expect(schemas.QuestionnaireDefinitionInput.required).toEqual(['key', 'version', 'title', 'sections']);
    expect(schemas.QuestionInput.required).toEqual(['code', 'text', 'type']);
    expect(schemas.QuestionInput.properties.type.enum).toEqual([
      'yes_no',
      'yes_no_partial',
      'single_choice',
      'multi_choice',
      'text',
      'number',
      'date',
    ]);
  });

  it('lists the enumerations exactly as api.md does (the guide carries the table)', () => {
    const rows = guideEnumerations();
    expect(rows.length).toBeGreaterThanOrEqual(24);
    const all = enumsIn(document);
    for (const [field, values] of rows) {
      const [, owner = '', name] = /^(?:(\w+) )?`([\w[\]]+)`$/.exec(field) ?? [];
      const property = document.components.schemas[LOCATIONS[owner]]?.properties?.[name.replace('[]', '')];
      expect({ field, values: property?.items?.enum ?? property?.enum }).toEqual({ field, values });
      // Wherever the same set of values appears (inputs, filters), it is in the same order.
      const sameSet = all.filter((e) => e.length === values.length && values.every((v) => e.includes(v)));
      const severityLike = values.includes('critical') && values.includes('low') && values.length === 4;
      if (!severityLike) for (const e of sameSet) expect({ field, values: e }).toEqual({ field, values });
    }
  });

  it('fails a response the document does not describe, naming route, status and schema error', () => {
    const contract = new OpenApiContract(document);
    const supplierId = '00000000-0000-4000-8000-000000000000';
    expect(contract.check('GET', `/api/v1/suppliers/${supplierId}`, 418, 'application/json', '{}')).toMatch(
      /^GET \/api\/v1\/suppliers\/\{id\} -> 418: the OpenAPI document does not describe status 418/,
    );
    expect(
      contract.check(
        'GET',
        `/api/v1/suppliers/${supplierId}/risk`,
        200,
        'application/json',
        JSON.stringify({ supplierId }),
      ),
    ).toMatch(
      /^GET \/api\/v1\/suppliers\/\{id\}\/risk -> 200: the response does not match the documented schema: \(body\) must have required property 'tier'/,
    );
    expect(
      contract.check(
        'POST',
        '/api/v1/auth/login',
        200,
        'application/json',
        JSON.stringify({ accessToken: 1, expiresIn: 1, tokenType: 'Bearer' }),
      ),
    ).toMatch(/\/accessToken must be string/);
    expect(
      contract.check(
        'POST',
        '/api/v1/auth/login',
        200,
        'application/json',
        JSON.stringify({ accessToken: 'x', expiresIn: 1, tokenType: 'Bearer', refreshToken: 'y' }),
      ),
    ).toMatch(/must NOT have additional properties \(refreshToken\)/);
    expect(contract.check('GET', '/console/suppliers', 200, 'text/html', '<html>')).toBeNull();
  });

  it('a client generated from /docs-json alone signs in, writes, pages and reads problems', async () => {
    const client = typedClient(api);
    const { data: login, response } = await client.POST('/api/v1/auth/login', {
      body: { email: buyer.email, password: PASSWORD },
    });
    expect(response.status).toBe(200);
    const headers = { authorization: `Bearer ${login!.accessToken}` };
    const created = await client.POST('/api/v1/suppliers', {
      body: {
        name: 'Riverside University',
        kind: 'university',
        criticality: 'high',
        contacts: [{ name: 'Dr Ada Jones', email: 'ada.jones@riverside.example', role: 'primary' }],
      },
      headers,
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      name: 'Riverside University',
      kind: 'university',
      contacts: [{ role: 'primary' }],
    });
    const page = await client.GET('/api/v1/suppliers', {
      params: { query: { kind: 'university', sort: '-netValueAtRisk', pageSize: 2 } },
      headers,
    });
    expect(page.data).toMatchObject({ page: 1, pageSize: 2, total: 1, items: [{ id: created.data!.id }] });
    const risk = await client.GET('/api/v1/suppliers/{id}/risk', {
      params: { path: { id: created.data!.id } },
      headers,
    });
    expect(risk.data).toMatchObject({ supplierId: created.data!.id, rating: expect.any(String) });
    const missing = await client.GET('/api/v1/suppliers/{id}', {
      params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
      headers,
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, code: 'SUPPLIER.NOT_FOUND' });
    const invalid = await client.POST('/api/v1/suppliers', {
      body: { name: 'X', kind: 'university', criticality: 'high' },
      headers,
    });
    expect(invalid.error).toMatchObject({ status: 400, errors: [{ path: 'name' }] });
  });

  it('says, for an integrator holding only the document, what each operation, parameter, problem and figure means', async () => {
    expect(document.info.description).toEqual(expect.stringContaining('POST /api/v1/auth/login'));
    for (const heading of ['## Signing in', '## Conventions', '## Lists', '## Errors', '## Retrying safely'])
      expect(document.info.description).toContain(heading);
    const faults: string[] = [];
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        const at = `${method.toUpperCase()} ${path}`;
        if (!/\*\*Who may call:\*\*/.test(op.description ?? ''))
          faults.push(`${at}: no description saying who may call`);
        if (op.parameters?.some((p: Json) => p.name === 'pageSize') && !/\*\*Paging:\*\*/.test(op.description))
          faults.push(`${at}: paging not explained`);
        for (const p of op.parameters ?? []) if (!p.description) faults.push(`${at}: parameter ${p.name} undescribed`);
        for (const p of (op.parameters ?? []).filter((p: Json) => p.name === 'sort'))
          if (!/Default `/.test(p.description)) faults.push(`${at}: sort without its default order`);
        for (const p of (op.parameters ?? []).filter((p: Json) => p.in === 'path' && /^(id|evidenceId)$/.test(p.name)))
          if (p.schema.format !== 'uuid') faults.push(`${at}: ${p.name} not a uuid`);
        // Every problem (4xx, and a 5xx answered as problem details): its code, and an example body.
        for (const [status, response] of Object.entries<Json>(op.responses).filter(
          ([s, r]) => /^4/.test(s) || (/^5/.test(s) && r.content?.['application/problem+json']),
        )) {
          if (!/`[A-Z_<>]+\.[A-Z_]+`/.test(response.description)) faults.push(`${at}: ${status} names no problem code`);
          if (response.content['application/problem+json'].example?.status !== Number(status))
            faults.push(`${at}: ${status} has no example`);
        }
      }
    }
    expect(faults).toEqual([]);
    // Who may call, from the routes' own role rules.
    expect(document.paths['/api/v1/users'].post.description).toMatch(
      /Who may call:\*\* `admin`, with the bearer token.*Other roles get 403/,
    );
    expect(document.paths['/api/v1/suppliers/{id}/risk-decisions'].post.description).toMatch(
      /Who may call:\*\* `admin`, `governance`,/,
    );
    expect(document.paths['/api/v1/suppliers'].get.description).toMatch(/any signed-in user/);
    expect(document.paths['/portal/assessment/answers'].post.description).toMatch(
      /the supplier, with the portal session cookie/,
    );
    // Figures say their unit.
    const schemas = document.components.schemas;
    const money: [string, string][] = [
      ['SupplierView', 'singleLossEstimate'],
      ['SupplierView', 'valueAtRisk'],
      ['SupplierView', 'netValueAtRisk'],
      ['SupplierRiskView', 'singleLossEstimate'],
      ['SupplierRiskView', 'valueAtRisk'],
      ['SupplierRiskView', 'netValueAtRisk'],
      ['FindingView', 'riskReduction'],
      ['FindingView', 'remediationCost'],
    ];
    for (const [schema, field] of money)
      expect({ field: `${schema}.${field}`, description: schemas[schema].properties[field].description }).toEqual({
        field: `${schema}.${field}`,
        description: expect.stringMatching(/whole pounds/),
      });
    expect(schemas.SupplierRiskView.properties.probability.description).toMatch(/0 to 1/);
    expect(schemas.SupplierRiskView.properties.likelihoodLevel.description).toMatch(/1 to 5/);
    // Enumerations the inputs validate are in the document too, with what their values mean.
    expect(schemas.CreateLinkInput.properties.article6Basis.enum).toEqual([
      'consent',
      'contract',
      'legal_obligation',
      'vital_interests',
      'public_task',
      'legitimate_interests',
    ]);
    expect(schemas.CreateDataAssetInput.properties.categories.items.enum).toContain('nhs_number');
    expect(schemas.CampaignFilter.properties.kind.enum).toContain('research_partner');
    expect(schemas.IncidentEvent.properties.kind.enum).toEqual([
      'detected',
      'exposure_produced',
      'follow_up_sent',
      'supplier_notified',
      'supplier_answered',
      'links_suspended',
      'access_path_disabled',
      'closed',
    ]);
    expect(schemas.IncidentEventDetail.properties.source.enum).toEqual([
      'supplier_notice',
      'press',
      'threat_intelligence',
      'other',
    ]);
    expect(schemas.IncidentEventDetail.properties.severity.enum).toEqual(['low', 'medium', 'high', 'critical']);
    // A lifecycle's values say what they mean, in the views and in the filters.
    expect(schemas.AssessmentView.properties.status.description).toMatch(
      /`returned`: the supplier is asked to clarify/,
    );
    expect(schemas.NotificationView.properties.status.description).toMatch(/`dead`: attempts exhausted/);
    expect(
      document.paths['/api/v1/findings'].get.parameters.find((p: Json) => p.name === 'status').description,
    ).toMatch(/`accepted`: governance accepted/);
    expect(schemas.ShowIfInput.oneOf).toEqual([{ required: ['equals'] }, { required: ['in'] }]);
    // The request examples (Swagger UI's "Example Value") are bodies the API accepts as they are, ids filled in.
    const example = (path: string) => document.paths[path].post.requestBody.content['application/json'].example;
    expect(example('/api/v1/suppliers')).not.toHaveProperty('ownerId');
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: example('/api/v1/suppliers'),
    });
    expect(supplier.statusCode).toBe(201);
    expect(supplier.json()).toMatchObject({
      name: 'Northgate Pathology Partnership',
      contacts: [{ role: 'primary', phone: '+44 20 7946 0000' }],
    });
    const asset = await api.request({
      method: 'POST',
      url: '/api/v1/data-assets',
      headers: buyer.headers,
      payload: example('/api/v1/data-assets'),
    });
    expect(asset.statusCode).toBe(201);
    const link = await api.request({
      method: 'POST',
      url: '/api/v1/data-sharing-links',
      headers: buyer.headers,
      payload: {
        ...example('/api/v1/data-sharing-links'),
        supplierId: supplier.json().id,
        dataAssetId: asset.json().id,
      },
    });
    expect(link.statusCode).toBe(201);
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: {
        ...example('/api/v1/assessments'),
        supplierId: supplier.json().id,
        dueDate: addDays(api.clock.today(), 30),
      },
    });
    expect(sent.statusCode).toBe(201);
  });
});
