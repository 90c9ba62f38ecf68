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
    university = (await post('/api/v1/suppliers', { name: 'Riverside University', kind: 'university', ukprn: '10007799', criticality: 'low' })).json();
    trauma = (await post('/api/v1/data-assets', { name: 'Major trauma research dataset', classification: 'special_category', categories: ['nhs_number', 'clinical'], recordCount: 1_100_000, systemOfRecord: 'TARN extract' })).json();
    payroll = (await post('/api/v1/data-assets', { name: 'Payroll', classification: 'personal', categories: ['demographics'], recordCount: 9_000 })).json();
  });
  afterAll(() => api.close());

  function post(url: string, payload: object) {
    return api.request({ method: 'POST', url, headers: buyer.headers, payload });
  }
  const patch = (url: string, payload: object) => api.request({ method: 'PATCH', url, headers: buyer.headers, payload });
  const supplier = async () => (await api.request({ method: 'GET', url: `/api/v1/suppliers/${university.id}`, headers: buyer.headers })).json();

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
    expect(trauma).toMatchObject({ name: 'Major trauma research dataset', classification: 'special_category', categories: ['nhs_number', 'clinical'], recordCount: 1_100_000 });
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
    const invalid = await post('/api/v1/data-sharing-links', { ...traumaLink(), direction: 'sideways', startDate: '2026-02-30', recordCount: -1 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['direction', 'recordCount', 'startDate']);
    expect((await query(api.databaseUrl, 'SELECT id FROM data_sharing_link')).length).toBe(before);
  });

  it('recomputes the supplier’s tier and SLE when a link is added, changed or ended', async () => {
    expect(await supplier()).toMatchObject({ tier: 4, impactLevel: 1, singleLossEstimate: 50_000 });
    const link = await post('/api/v1/data-sharing-links', traumaLink());
    expect(link.statusCode).toBe(201);
    // 180 x (100,000 + 0.1 x 1,000,000) = 36,000,000 data loss + 50,000 operational (low).
    expect(await supplier()).toMatchObject({ tier: 1, impactLevel: 5, singleLossEstimate: 36_050_000 });
    expect((await supplier()).inherentRisk.assets).toEqual([
      expect.objectContaining({ assetName: 'Major trauma research dataset', records: 1_100_000, ratePerRecord: 180, dataLoss: 36_000_000 }),
    ]);

    // A second, smaller link of the same asset does not count the records twice.
    const second = await post('/api/v1/data-sharing-links', { ...traumaLink(), recordCount: 5_000, agreementRef: 'DSA-2026-015' });
    expect(second.statusCode).toBe(201);
    expect((await supplier()).singleLossEstimate).toBe(36_050_000);

    const payrollLink = await post('/api/v1/data-sharing-links', { ...traumaLink(), dataAssetId: payroll.id, recordCount: 9_000, article9Condition: null, agreementRef: 'DPA-7' });
    expect(payrollLink.statusCode).toBe(201);
    expect((await supplier()).singleLossEstimate).toBe(36_050_000 + 1_080_000);

    const ended = await patch(`/api/v1/data-sharing-links/${link.json().id}`, { status: 'ended', endDate: '2026-11-28' });
    expect(ended.statusCode).toBe(200);
    // The smaller trauma link (5,000 records) remains: 180 x 5,000 = 900,000.
    expect(await supplier()).toMatchObject({ singleLossEstimate: 900_000 + 1_080_000 + 50_000, impactLevel: 3, tier: 2 });
  });

  it('recomputes when an asset is reclassified, and refuses special category without Article 9 conditions', async () => {
    const before = (await supplier()).singleLossEstimate;
    const refused = await patch(`/api/v1/data-assets/${payroll.id}`, { classification: 'special_category' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('classification');
    const official = await patch(`/api/v1/data-assets/${payroll.id}`, { classification: 'official' });
    expect(official.statusCode).toBe(200);
    expect((await supplier()).singleLossEstimate).toBe(before - 1_080_000);
  });

  it('lists links due for review and active links without agreement', async () => {
    const due = await api.request({ method: 'GET', url: '/api/v1/data-sharing-links?dueWithinDays=30', headers: buyer.headers });
    expect(due.statusCode).toBe(200);
    expect(due.json().items.length).toBeGreaterThanOrEqual(1);
    expect(due.json().items.every((l: { reviewDate: string; endDate: string }) => l.reviewDate <= '2026-12-28' || l.endDate <= '2026-12-28')).toBe(true);
    const notDue = await api.request({ method: 'GET', url: '/api/v1/data-sharing-links?dueWithinDays=1&status=active', headers: buyer.headers });
    expect(notDue.json().items).toEqual([]);
    // A legacy link without an agreement type shows in the "without agreement" view.
    const proposed = await post('/api/v1/data-sharing-links', { ...traumaLink(), status: 'proposed', agreementType: null, agreementRef: null, recordCount: 10 });
    await patch(`/api/v1/data-sharing-links/${proposed.json().id}`, { status: 'active', agreementRef: 'EMAIL-2019' });
    const without = await api.request({ method: 'GET', url: '/api/v1/data-sharing-links?withoutAgreement=true', headers: buyer.headers });
    expect(without.json().items.map((l: { id: string }) => l.id)).toEqual([proposed.json().id]);
  });

  it('sums records shared per supplier and classification, and lists holders without an assessment', async () => {
    const shared = await api.request({ method: 'GET', url: '/api/v1/data-sharing/records-shared', headers: buyer.headers });
    expect(shared.json().items).toContainEqual({ supplierId: university.id, supplierName: 'Riverside University', classification: 'special_category', assets: 1, records: 5_000 });
    const holders = await api.request({ method: 'GET', url: '/api/v1/data-sharing/unassessed-holders', headers: buyer.headers });
    expect(holders.json().items).toEqual([expect.objectContaining({ supplierId: university.id, classifications: ['special_category'] })]);
  });

  it('ends every open link when the supplier is offboarded', async () => {
    const res = await api.request({ method: 'POST', url: `/api/v1/suppliers/${university.id}/offboard`, headers: buyer.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'offboarded', singleLossEstimate: 50_000 });
    const open = await query(api.databaseUrl, "SELECT id FROM data_sharing_link WHERE supplier_id = $1 AND status <> 'ended'", [university.id]);
    expect(open).toEqual([]);
    const refused = await post('/api/v1/data-sharing-links', traumaLink());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('supplierId');
  });
});
