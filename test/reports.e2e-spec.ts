import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

describe('governance report: the supply-chain risk pack', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000', ORG_NAME: 'Royal Test NHS Trust' });
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    const asset = async (name: string, classification: string) => (await call(buyer, 'POST', '/api/v1/data-assets', { name, classification, categories: ['nhs_number'], recordCount: 2_000_000 })).json().id as string;
    const results = await asset('Pathology results', 'special_category');
    const payroll = await asset('Payroll', 'personal');
    for (const [key, name, kind, criticality] of [
      ['path', 'Northgate Pathology', 'supplier', 'critical'],
      ['uni', 'Riverside University', 'university', 'low'],
      ['small', 'Parkright Ltd', 'supplier', 'low'],
      ['pay', 'Swift Payroll', 'supplier', 'high'],
      ['xss', 'Evil <script>alert(1)</script> Ltd', 'supplier', 'moderate'],
      ['formula', '=HYPERLINK("http://evil.example","x")', 'supplier', 'none'],
    ] as const) {
      const res = await call(buyer, 'POST', '/api/v1/suppliers', { name, kind, criticality, status: 'active', contacts: [{ name: 'Pat', email: `pat.${key}@supplier.example`, role: 'primary' }] });
      expect(res.statusCode).toBe(201);
      ids[key] = res.json().id;
    }
    const link = (supplierId: string, dataAssetId: string, recordCount: number, extra: object = {}) =>
      call(buyer, 'POST', '/api/v1/data-sharing-links', {
        supplierId, dataAssetId, purpose: 'Service delivery', direction: 'outbound', recordCount, pseudonymisation: 'identifiable',
        article6Basis: 'public_task', article9Condition: 'health_care', confidentialityBasis: 'direct_care', agreementType: 'contract', agreementRef: 'C-1',
        transferMethod: 'api', processingLocation: 'uk', startDate: '2025-01-01', reviewDate: '2027-06-30', status: 'active', ...extra,
      });
    expect((await link(ids.path, results, 1_500_000)).statusCode).toBe(201);
    expect((await link(ids.path, results, 200_000)).statusCode).toBe(201); // the same records twice count once
    expect((await link(ids.uni, results, 300_000, { agreementRef: 'DSA-9', reviewDate: '2026-06-30' })).statusCode).toBe(201);
    expect((await link(ids.uni, payroll, 50, { status: 'proposed', agreementRef: null, agreementType: null, article9Condition: null })).statusCode).toBe(201); // not yet agreed
    expect((await link(ids.pay, payroll, 9_000, { article9Condition: null, confidentialityBasis: 'not_applicable' })).statusCode).toBe(201);
    // Insurance for the pathology partner; an overdue questionnaire for the payroll bureau.
    expect((await call(governance, 'POST', `/api/v1/suppliers/${ids.path}/risk-decisions`, { decision: 'transfer', rationale: 'Cyber cover required by contract.', reviewDate: '2027-06-30', insurer: 'Example Mutual', policyRef: 'P-1', limit: 20_000_000, excess: 500_000, expiresOn: '2027-02-15' })).statusCode).toBe(201);
    expect((await call(buyer, 'POST', '/api/v1/assessments', { supplierId: ids.pay, dueDate: '2026-12-10' })).statusCode).toBe(201);
  });
  afterAll(() => api.close());

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  const report = async (qs = '') => {
    const res = await call(governance, 'GET', `/api/v1/reports/supply-chain${qs}`);
    expect(res.statusCode).toBe(200);
    return res;
  };
  const sql = <T extends object>(text: string, params: unknown[] = []) => query<T>(api.databaseUrl, text, params);

  it('is for governance and admin only', async () => {
    expect((await call(buyer, 'GET', '/api/v1/reports/supply-chain')).statusCode).toBe(403);
    expect((await call(await signIn(api, 'viewer'), 'GET', '/api/v1/reports/supply-chain?format=csv')).statusCode).toBe(403);
    expect((await call(await signIn(api, 'admin'), 'GET', '/api/v1/reports/supply-chain')).statusCode).toBe(200);
    expect((await call(governance, 'GET', '/api/v1/reports/supply-chain?format=docx')).json().errors[0].path).toBe('format');
  });

  it('every figure of the JSON equals an independent count or sum', async () => {
    api.clock.freeze('2026-12-20T10:00:00Z'); // the payroll questionnaire is 10 days overdue; the university's review was due in June
    try {
      const r = (await report()).json();
      const [totals] = await sql<{ n: string; var: string; net: string }>("SELECT count(*) AS n, sum(value_at_risk) AS var, sum(net_value_at_risk) AS net FROM supplier WHERE status <> 'offboarded'");
      expect(r.headline).toMatchObject({ suppliersInScope: Number(totals.n), valueAtRisk: Number(totals.var), netValueAtRisk: Number(totals.net) });
      expect(r.headline.netValueAtRisk).toBeLessThan(r.headline.valueAtRisk); // the insurance
      const tiers = await sql<{ tier: number; n: string }>("SELECT tier, count(*) AS n FROM supplier WHERE status <> 'offboarded' GROUP BY tier");
      for (const t of tiers) expect(r.headline.byTier[String(t.tier)]).toBe(Number(t.n));
      expect(r.headline.byKind).toEqual({ supplier: 5, university: 1 });
      // Per supplier and asset the largest active link: 1,500,000 + 300,000 special-category, 9,000 personal.
      expect(r.headline.recordsShared).toEqual({ public: 0, official: 0, personal: 9_000, special_category: 1_800_000 });
      const cells = await sql<{ l: number; i: number; n: string }>("SELECT likelihood_level AS l, impact_level AS i, count(*) AS n FROM supplier WHERE status <> 'offboarded' GROUP BY 1, 2");
      for (const c of cells) expect(r.heatMap.cells.find((x: { likelihood: number; impact: number }) => x.likelihood === c.l && x.impact === c.i).suppliers).toBe(Number(c.n));
      expect(r.heatMap.cells.reduce((sum: number, c: { suppliers: number }) => sum + c.suppliers, 0)).toBe(6);
      const top = await sql<{ id: string }>("SELECT id FROM supplier WHERE status <> 'offboarded' ORDER BY net_value_at_risk DESC, name, id LIMIT 10");
      expect(r.topRisks.map((t: { supplierId: string }) => t.supplierId)).toEqual(top.map((t) => t.id));
      const pathology = r.topRisks.find((t: { supplierId: string }) => t.supplierId === ids.path);
      expect(pathology.drivers).toMatchObject({ criticality: 'critical', band: null, decision: { decision: 'transfer', expiresOn: '2027-02-15' }, records: [{ classification: 'special_category', records: 1_500_000 }] });
      expect(r.dataExposure.heldByUniversitiesAndResearchPartners).toMatchObject({ special_category: 300_000 });
      expect(r.dataExposure.linksWithoutAgreement).toEqual([expect.objectContaining({ supplierId: ids.uni, asset: 'Payroll', records: 50 })]);
      expect(r.dataExposure.linksPastReview).toEqual([expect.objectContaining({ supplierId: ids.uni, date: '2026-06-30' })]);
      expect(r.assessments.overdue).toEqual([expect.objectContaining({ supplierId: ids.pay, dueDate: '2026-12-10', daysOverdue: 10, escalationLevel: 0 })]);
      expect(r.decisions.currentByType).toEqual({ accept: 0, mitigate: 0, transfer: 1, avoid: 0 });
      expect(r.decisions.expiringWithin90Days).toEqual([expect.objectContaining({ kind: 'insurance', supplierId: ids.path, date: '2027-02-15' })]);
      expect(r.decisions.log).toHaveLength(1);
    } finally {
      api.clock.reset();
    }
  });

  it('snapshots monthly (idempotent), shows what changed since, and asOf reproduces a past snapshot', async () => {
    api.clock.freeze('2026-10-15T10:00:00Z');
    const first = await call(governance, 'POST', '/api/v1/reports/snapshots');
    expect(first.json()).toEqual({ period: '2026-10', takenOn: '2026-10-15', created: true });
    expect((await call(governance, 'POST', '/api/v1/reports/snapshots')).json().created).toBe(false);
    api.clock.reset();
    const before = (await report('?asOf=2026-10-20')).json();

    // After the snapshot: a new supplier, and the small one becomes critical (5 x 1 = 5, medium, to 5 x 5, critical).
    const added = await call(buyer, 'POST', '/api/v1/suppliers', { name: 'Newcomer Ltd', kind: 'supplier', criticality: 'high', status: 'onboarding' });
    expect((await call(buyer, 'PATCH', `/api/v1/suppliers/${ids.small}`, { criticality: 'critical' })).statusCode).toBe(200);
    const now = (await report()).json();
    expect(now.previousSnapshot).toEqual({ period: '2026-10', takenOn: '2026-10-15' });
    expect(now.changes.newSuppliers).toEqual([{ supplierId: added.json().id, name: 'Newcomer Ltd' }]);
    expect(now.changes.ratingUp).toEqual([expect.objectContaining({ supplierId: ids.small, from: 'medium', to: 'critical' })]);
    const [{ net }] = await sql<{ net: string }>("SELECT net_value_at_risk AS net FROM report_snapshot WHERE period = '2026-10'");
    expect(now.changes.netValueAtRiskChange).toBe(now.headline.netValueAtRisk - Number(net));

    // The past report still reads the snapshot, whatever changed since.
    const again = (await report('?asOf=2026-10-20')).json();
    expect(again.basis).toEqual({ snapshot: '2026-10', takenOn: '2026-10-15' });
    expect(again.headline).toEqual(before.headline);
    expect(again.headline.suppliersInScope).toBe(6);
    expect(again.heatMap).toEqual(before.heatMap);
    expect(again.trends).toEqual([expect.objectContaining({ period: '2026-10', suppliers: 6 })]);
    expect((await call(governance, 'GET', '/api/v1/reports/supply-chain?asOf=2026-01-01')).statusCode).toBe(404);
  });

  it('HTML: the heat map, the top risks, supplier text escaped, no external request', async () => {
    const res = await report('?format=html');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toContain('<svg role="img" aria-labelledby="heat-title"');
    expect(html).toContain('Royal Test NHS Trust');
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; Ltd');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toMatch(/url\(https?:/);
  });

  it('CSV: the risk register parses back to one row per supplier, formulas neutralised', async () => {
    const res = await report('?format=csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="supply-chain-risk-today\.csv"/);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    const [{ n }] = await sql<{ n: string }>("SELECT count(*) AS n FROM supplier WHERE status <> 'offboarded'");
    expect(rows).toHaveLength(Number(n));
    const formula = rows.find((r) => r.supplierId === ids.formula)!;
    expect(formula.name).toBe('\'=HYPERLINK("http://evil.example","x")');
    const pathology = rows.find((r) => r.supplierId === ids.path)!;
    const [figures] = await sql<{ value_at_risk: string; net_value_at_risk: string; rating: string }>('SELECT value_at_risk, net_value_at_risk, rating FROM supplier WHERE id = $1', [ids.path]);
    expect(pathology).toMatchObject({ valueAtRisk: String(Number(figures.value_at_risk)), netValueAtRisk: String(Number(figures.net_value_at_risk)), rating: figures.rating, decision: 'transfer' });
  });

  it('PDF: a valid A4 document whose text carries the headline figures and page numbers', async () => {
    const res = await report('?format=pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    const { text, pages } = await parser.getText();
    await parser.destroy();
    const json = (await report()).json();
    const pounds = (n: number) => `£${n.toLocaleString('en-GB')}`;
    expect(text).toContain('Supply-chain cyber risk report');
    expect(text).toContain(pounds(json.headline.valueAtRisk));
    expect(text).toContain(pounds(json.headline.netValueAtRisk));
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain(`Page 1 of ${pages.length}`);
  }, 60_000);
});
