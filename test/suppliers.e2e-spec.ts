import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

const pathology = {
  name: 'Northgate Pathology Partnership',
  kind: 'supplier',
  companiesHouseNumber: '09876543',
  website: 'https://northgate-pathology.example',
  services: 'Blood sciences and histopathology for the trust',
  criticality: 'critical',
  status: 'active',
  tags: ['pathology', 'Clinical'],
  contacts: [
    { name: 'Priya Shah', email: 'priya.shah@northgate.example', phone: '+44 20 7946 0000', role: 'primary' },
    { name: 'Sam Okafor', email: 'security@northgate.example', role: 'security' },
  ],
};

describe('supplier register', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    viewer = await signIn(api, 'viewer');
  });
  afterAll(() => api.close());

  const post = (payload: unknown, who = buyer) =>
    api.request({ method: 'POST', url: '/api/v1/suppliers', headers: who.headers, payload: payload as object });
  const count = async () =>
    Number((await query<{ n: string }>(api.databaseUrl, 'SELECT count(*) AS n FROM supplier'))[0].n);

  it('registers a supplier with its contacts and shows its inherent tier and SLE', async () => {
    const res = await post(pathology);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Northgate Pathology Partnership',
      kind: 'supplier',
      companiesHouseNumber: '09876543',
      criticality: 'critical',
      status: 'active',
      tags: ['clinical', 'pathology'],
      contacts: [
        {
          id: expect.any(String),
          name: 'Priya Shah',
          email: 'priya.shah@northgate.example',
          phone: '+44 20 7946 0000',
          role: 'primary',
        },
        {
          id: expect.any(String),
          name: 'Sam Okafor',
          email: 'security@northgate.example',
          phone: null,
          role: 'security',
        },
      ],
      // No data yet: operational loss of a critical service only, GBP 30,000,000 -> impact 5, tier 1.
      tier: 1,
      impactLevel: 5,
      singleLossEstimate: 30_000_000,
    });
    expect(body.inherentRisk).toMatchObject({
      criticality: 'critical',
      operationalLoss: 30_000_000,
      dataLoss: 0,
      assets: [],
    });
    const read = await api.request({ method: 'GET', url: `/api/v1/suppliers/${body.id}`, headers: viewer.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);
  });

  it('names each invalid field with its path, and stores nothing', async () => {
    const before = await count();
    const res = await post({
      ...pathology,
      name: 'Z',
      kind: 'vendor',
      companiesHouseNumber: 'ABC',
      odsCode: 'rj-1!',
      ukprn: '20001234',
      criticality: 'extreme',
      contacts: [pathology.contacts[0], { name: 'No Email', email: 'not-an-email', role: 'boss' }],
      favouriteColour: 'blue',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual([
      'companiesHouseNumber',
      'contacts[1].email',
      'contacts[1].role',
      'criticality',
      'favouriteColour',
      'kind',
      'name',
      'odsCode',
      'ukprn',
    ]);
    expect(res.json().errors).toContainEqual({ path: 'ukprn', message: 'must be a UKPRN: 8 digits starting with 1' });
    expect(await count()).toBe(before);
  });

  it('requires a primary contact for an active supplier (422)', async () => {
    const res = await post({
      name: 'Active Without Primary Ltd',
      kind: 'supplier',
      criticality: 'low',
      status: 'active',
      contacts: [{ name: 'Sec', email: 'sec@a.example', role: 'security' }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'SUPPLIER.PRIMARY_CONTACT_REQUIRED', errors: [{ path: 'contacts' }] });
    const onboarding = await post({ name: 'Onboarding Without Contacts Ltd', kind: 'supplier', criticality: 'low' });
    expect(onboarding.statusCode).toBe(201);
    expect(onboarding.json().status).toBe('onboarding');
  });

  it('keeps identifiers unique where given (409 naming the field)', async () => {
    const res = await post({
      name: 'Copycat Ltd',
      kind: 'supplier',
      criticality: 'low',
      companiesHouseNumber: '0987 6543',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([
      { path: 'companiesHouseNumber', message: 'is already registered to Northgate Pathology Partnership' },
    ]);
  });

  it('changes a supplier with PATCH, keeps contact ids given back, and audits the change', async () => {
    const created = (
      await post({
        name: 'Riverside University',
        kind: 'university',
        ukprn: '10007799',
        criticality: 'moderate',
        contacts: [{ name: 'Dr Ada Lee', email: 'ada@riverside.example', role: 'primary' }],
      })
    ).json();
    const contactId = created.contacts[0].id;
    const res = await api.request({
      method: 'PATCH',
      url: `/api/v1/suppliers/${created.id}`,
      headers: buyer.headers,
      payload: {
        criticality: 'high',
        status: 'active',
        contacts: [
          { id: contactId, name: 'Dr Ada Lee', email: 'ada@riverside.example', role: 'primary' },
          { name: 'DPO', email: 'dpo@riverside.example', role: 'dpo' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      criticality: 'high',
      status: 'active',
      tier: 2,
      impactLevel: 3,
      singleLossEstimate: 5_000_000,
    });
    expect(res.json().contacts.map((c: { id: string; role: string }) => c.role)).toEqual(['primary', 'dpo']);
    expect(res.json().contacts[0].id).toBe(contactId);

    const nulled = await api.request({
      method: 'PATCH',
      url: `/api/v1/suppliers/${created.id}`,
      headers: buyer.headers,
      payload: { name: null },
    });
    expect(nulled.statusCode).toBe(400);
    expect(nulled.json().errors[0].path).toBe('name');

    const audit = await query<{ action: string; changes: Record<string, unknown>; actor_id: string }>(
      api.databaseUrl,
      "SELECT action, changes, actor_id FROM audit_event WHERE entity_type = 'supplier' AND entity_id = $1 ORDER BY id",
      [created.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['supplier.created', 'supplier.updated', 'supplier.risk_changed']);
    expect(Object.keys(audit[1].changes).sort()).toEqual(['contacts', 'criticality', 'status']);
    expect(audit[1].changes.criticality).toEqual({ before: 'moderate', after: 'high' });
    expect(audit[1].actor_id).toBe(buyer.id);
  });

  it('lists with paging, filters, text search and sorting', async () => {
    for (const [name, kind, tag] of [
      ['Alpha Imaging Ltd', 'supplier', 'imaging'],
      ['Beta Charity', 'charity', 'community'],
      ['Gamma Research Institute', 'research_partner', 'research'],
    ]) {
      expect((await post({ name, kind, criticality: 'low', tags: [tag] })).statusCode).toBe(201);
    }
    const list = (qs: string) =>
      api.request({ method: 'GET', url: `/api/v1/suppliers?${qs}`, headers: viewer.headers }).then((r) => r.json());
    const page = await list('page=1&pageSize=2&sort=name');
    expect(page).toMatchObject({ page: 1, pageSize: 2, total: await count() });
    expect(page.items.map((s: { name: string }) => s.name)).toEqual(['Alpha Imaging Ltd', 'Beta Charity']);
    const sorted = (await list('pageSize=200&sort=-name')).items.map((s: { name: string }) => s.name);
    expect(sorted).toEqual([...sorted].sort((a: string, b: string) => b.localeCompare(a)));
    expect((await list('kind=charity')).items.map((s: { name: string }) => s.name)).toEqual(['Beta Charity']);
    expect((await list('tag=research')).items.map((s: { name: string }) => s.name)).toEqual([
      'Gamma Research Institute',
    ]);
    expect((await list('q=imaging')).items.map((s: { name: string }) => s.name)).toEqual(['Alpha Imaging Ltd']);
    expect((await list('q=09876543')).items.map((s: { name: string }) => s.name)).toEqual([
      'Northgate Pathology Partnership',
    ]);
    expect((await list('tier=1')).items.map((s: { name: string }) => s.name)).toEqual([
      'Northgate Pathology Partnership',
    ]);
    const badSort = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers?sort=password&pageSize=500',
      headers: viewer.headers,
    });
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().errors.map((e: { path: string }) => e.path)).toEqual(['pageSize']);
    const badField = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers?sort=password',
      headers: viewer.headers,
    });
    expect(badField.json().errors[0].path).toBe('sort');
  });

  it('offboards without deleting anything, and refuses to do it twice', async () => {
    const created = (await post({ name: 'Legacy Couriers Ltd', kind: 'supplier', criticality: 'low' })).json();
    const res = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${created.id}/offboard`,
      headers: buyer.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'offboarded', offboardedAt: expect.any(String) });
    const again = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${created.id}/offboard`,
      headers: buyer.headers,
    });
    expect(again.statusCode).toBe(409);
    const change = await api.request({
      method: 'PATCH',
      url: `/api/v1/suppliers/${created.id}`,
      headers: buyer.headers,
      payload: { notes: 'x' },
    });
    expect(change.statusCode).toBe(409);
    expect(
      (await api.request({ method: 'GET', url: `/api/v1/suppliers/${created.id}`, headers: viewer.headers }))
        .statusCode,
    ).toBe(200);
    const offboarded = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers?status=offboarded',
      headers: viewer.headers,
    });
    expect(offboarded.json().items.map((s: { id: string }) => s.id)).toContain(created.id);
  });

  it('answers 404 for an unknown supplier and 400 for a malformed id', async () => {
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/api/v1/suppliers/2b1e0a52-5d2c-4a3e-9a43-7f7f1b1b1b1b',
          headers: viewer.headers,
        })
      ).statusCode,
    ).toBe(404);
    const malformed = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers/not-a-uuid',
      headers: viewer.headers,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('REQUEST.INVALID');
  });
});
