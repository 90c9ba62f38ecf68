import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

describe('data-sharing ledger', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let university: { id: string };
  let trauma: { id: string };
  let payroll: { id: string };

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    api.clock.freeze('2026-11-28T10:00:00Z');
    university = (
      await post('/api/v1/suppliers', {
        name: 'Riverside University',
        kind: 'university',
        ukprn: '10007799',
        criticality: 'low',
      })
    ).json();
    trauma = (
      await post('/api/v1/data-assets', {
        name: 'Major trauma research dataset',
        classification: 'special_category',
        categories: ['nhs_number', 'clinical'],
        recordCount: 1_100_000,
        systemOfRecord: 'TARN extract',
      })
    ).json();
    payroll = (
      await post('/api/v1/data-assets', {
        name: 'Payroll',
        classification: 'personal',
        categories: ['demographics'],
        recordCount: 9_000,
      })
    ).json();
  });
  afterAll(() => api.close());

  function post(url: string, payload: object) {
    return api.request({ method: 'POST', url, headers: buyer.headers, payload });
  }
  const patch = (url: string, payload: object) =>
    api.request({ method: 'PATCH', url, headers: buyer.headers, payload });
  const supplier = async () =>
    (await api.request({ method: 'GET', url: `/api/v1/suppliers/${university.id}`, headers: buyer.headers })).json();

  const traumaLink = () => ({
    supplierId: university.id,
    dataAssetId: trauma.id,
    purpose: 'Major trauma outcomes research',
    direction: 'outbound',
    recordCount: 1_100_000,
    pseudonymisation: 'pseudonymised',
    article6Basis: 'public_task',
    article9Condition: 'research',
    confidentialityBasis: 's251_support',
    agreementType: 'DSA',
    agreementRef: 'DSA-2026-014',
    transferMethod: 'sftp',
    processingLocation: 'uk',
    startDate: '2026-01-01',
    reviewDate: '2026-12-15',
    endDate: '2028-12-31',
    status: 'active',
  });

  it('stores a data asset with its classification and size', async () => {
    expect(trauma).toMatchObject({
      name: 'Major trauma research dataset',
      classification: 'special_category',
      categories: ['nhs_number', 'clinical'],
      recordCount: 1_100_000,
    });
  });

  it('enforces each link rule with a 422 naming the field, and stores nothing', async () => {
    const before = (await query(api.databaseUrl, 'SELECT id FROM data_sharing_link')).length;
    const cases: [object, string][] = [
      [{ article9Condition: null }, 'article9Condition'],
      [{ agreementRef: null }, 'agreementRef'],
      [{ reviewDate: null }, 'reviewDate'],
      [{ endDate: '2025-12-31' }, 'endDate'],
      [{ processingLocation: 'other', processingCountry: null }, 'processingCountry'],
    ];
    for (const [change, path] of cases) {
      const res = await post('/api/v1/data-sharing-links', { ...traumaLink(), ...change });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    const invalid = await post('/api/v1/data-sharing-links', {
      ...traumaLink(),
      direction: 'sideways',
      startDate: '2026-02-30',
      recordCount: -1,
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['direction', 'recordCount', 'startDate']);
    expect((await query(api.databaseUrl, 'SELECT id FROM data_sharing_link')).length).toBe(before);
  });

  it('recomputes the supplier’s tier and SLE when a link is added, changed or ended', async () => {
    expect(await supplier()).toMatchObject({ tier: 4, impactLevel: 1, singleLossEstimate: 50_000 });
    const link = await post('/api/v1/data-sharing-links', traumaLink());
    expect(link.statusCode).toBe(201);
    // Pseudonymised (factor 0.5): 0.5 x 180 x (100,000 + 0.1 x 1,000,000) = 18,000,000 data loss + 50,000 operational (low).
    expect(await supplier()).toMatchObject({ tier: 1, impactLevel: 4, singleLossEstimate: 18_050_000 });
    expect((await supplier()).inherentRisk.assets).toEqual([
      expect.objectContaining({
        assetName: 'Major trauma research dataset',
        records: 1_100_000,
        ratePerRecord: 180,
        pseudonymisation: 'pseudonymised',
        factor: 0.5,
        dataLoss: 18_000_000,
      }),
    ]);

    // A second, smaller link of the same asset does not count the records twice.
    const second = await post('/api/v1/data-sharing-links', {
      ...traumaLink(),
      recordCount: 5_000,
      agreementRef: 'DSA-2026-015',
    });
    expect(second.statusCode).toBe(201);
    expect((await supplier()).singleLossEstimate).toBe(18_050_000);

    // An inbound link is data we receive from them: it never counts.
    const inbound = await post('/api/v1/data-sharing-links', {
      ...traumaLink(),
      direction: 'inbound',
      recordCount: 5_000_000,
      agreementRef: 'DSA-2026-016',
    });
    expect(inbound.statusCode).toBe(201);
    expect((await supplier()).singleLossEstimate).toBe(18_050_000);

    const payrollLink = await post('/api/v1/data-sharing-links', {
      ...traumaLink(),
      dataAssetId: payroll.id,
      recordCount: 9_000,
      article9Condition: null,
      agreementRef: 'DPA-7',
    });
    expect(payrollLink.statusCode).toBe(201);
    // 0.5 x 120 x 9,000 = 540,000.
    expect((await supplier()).singleLossEstimate).toBe(18_050_000 + 540_000);

    // Ending a link stops new flows, not what is held: it counts until destruction is confirmed.
    const ended = await patch(`/api/v1/data-sharing-links/${link.json().id}`, {
      status: 'ended',
      endDate: '2026-11-28',
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', destructionConfirmedOn: null, heldBySupplier: true });
    expect((await supplier()).singleLossEstimate).toBe(18_050_000 + 540_000);
    const held = await api.request({
      method: 'GET',
      url: '/api/v1/data-sharing-links?destructionUnconfirmed=true',
      headers: buyer.headers,
    });
    expect(held.json().items.map((l: { id: string }) => l.id)).toEqual([link.json().id]);

    // Destruction is recorded on an ended link only, with its certificate.
    const early = await patch(`/api/v1/data-sharing-links/${second.json().id}`, {
      destructionConfirmedOn: '2026-11-28',
      destructionEvidence: 'CERT-0001',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors.map((e: { path: string }) => e.path)).toEqual(['destructionConfirmedOn']);
    const noCertificate = await patch(`/api/v1/data-sharing-links/${link.json().id}`, {
      destructionConfirmedOn: '2026-11-28',
    });
    expect(noCertificate.json().errors.map((e: { path: string }) => e.path)).toEqual(['destructionEvidence']);
    const destroyed = await patch(`/api/v1/data-sharing-links/${link.json().id}`, {
      destructionConfirmedOn: '2026-11-28',
      destructionEvidence: 'CERT-0001',
    });
    expect(destroyed.statusCode).toBe(200);
    expect(destroyed.json()).toMatchObject({
      destructionConfirmedOn: '2026-11-28',
      destructionEvidence: 'CERT-0001',
      heldBySupplier: false,
    });
    // The smaller trauma link (5,000 records) remains: 0.5 x 180 x 5,000 = 450,000.
    expect(await supplier()).toMatchObject({ singleLossEstimate: 450_000 + 540_000 + 50_000, impactLevel: 3, tier: 2 });
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/api/v1/data-sharing-links?destructionUnconfirmed=true',
          headers: buyer.headers,
        })
      ).json().items,
    ).toEqual([]);
    const [audited] = await query(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE entity_id = $1 AND action = 'data_sharing_link.updated' ORDER BY id DESC LIMIT 1",
      [link.json().id],
    );
    expect(JSON.stringify(audited)).toContain('CERT-0001');
  });

  it('recomputes when an asset is reclassified, and refuses special category without Article 9 conditions', async () => {
    const before = (await supplier()).singleLossEstimate;
    const refused = await patch(`/api/v1/data-assets/${payroll.id}`, { classification: 'special_category' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('classification');
    const official = await patch(`/api/v1/data-assets/${payroll.id}`, { classification: 'official' });
    expect(official.statusCode).toBe(200);
    expect((await supplier()).singleLossEstimate).toBe(before - 540_000);
  });

  it('lists links due for review and active links without agreement', async () => {
    const due = await api.request({
      method: 'GET',
      url: '/api/v1/data-sharing-links?dueWithinDays=30',
      headers: buyer.headers,
    });
    expect(due.statusCode).toBe(200);
    expect(due.json().items.length).toBeGreaterThanOrEqual(1);
    expect(
      due
        .json()
        .items.every(
          (l: { reviewDate: string; endDate: string }) => l.reviewDate <= '2026-12-28' || l.endDate <= '2026-12-28',
        ),
    ).toBe(true);
    const notDue = await api.request({
      method: 'GET',
      url: '/api/v1/data-sharing-links?dueWithinDays=1&status=active',
      headers: buyer.headers,
    });
    expect(notDue.json().items).toEqual([]);
    // A legacy link without an agreement type shows in the "without agreement" view.
    const proposed = await post('/api/v1/data-sharing-links', {
      ...traumaLink(),
      status: 'proposed',
      agreementType: null,
      agreementRef: null,
      recordCount: 10,
    });
    await patch(`/api/v1/data-sharing-links/${proposed.json().id}`, { status: 'active', agreementRef: 'EMAIL-2019' });
    const without = await api.request({
      method: 'GET',
      url: '/api/v1/data-sharing-links?withoutAgreement=true',
      headers: buyer.headers,
    });
    expect(without.json().items.map((l: { id: string }) => l.id)).toEqual([proposed.json().id]);
  });

  it('sums records shared per supplier and classification, and lists holders without an assessment', async () => {
    const shared = await api.request({
      method: 'GET',
      url: '/api/v1/data-sharing/records-shared',
      headers: buyer.headers,
    });
    expect(shared.json().items).toContainEqual({
      supplierId: university.id,
      supplierName: 'Riverside University',
      classification: 'special_category',
      assets: 1,
      records: 5_000,
    });
    const holders = await api.request({
      method: 'GET',
      url: '/api/v1/data-sharing/unassessed-holders',
      headers: buyer.headers,
    });
    expect(holders.json().items).toEqual([
      expect.objectContaining({ supplierId: university.id, classifications: ['special_category'] }),
    ]);
  });

  it('ends every open link when the supplier is offboarded; their records count until destruction is confirmed', async () => {
    const res = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${university.id}/offboard`,
      headers: buyer.headers,
    });
    expect(res.statusCode).toBe(200);
    // The 5,000 trauma records are still held (450,000); payroll is official now (0).
    expect(res.json()).toMatchObject({ status: 'offboarded', singleLossEstimate: 450_000 + 50_000 });
    const open = await query(
      api.databaseUrl,
      "SELECT id FROM data_sharing_link WHERE supplier_id = $1 AND status <> 'ended'",
      [university.id],
    );
    expect(open).toEqual([]);
    const refused = await post('/api/v1/data-sharing-links', traumaLink());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('supplierId');
  });
});
