import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { moneyText } from '@app/platform';
import { ReportRollups } from '@app/reports';
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
    const asset = async (name: string, classification: string) =>
      (
        await call(buyer, 'POST', '/api/v1/data-assets', {
          name,
          classification,
          categories: ['nhs_number'],
          recordCount: 2_000_000,
        })
      ).json().id as string;
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
      const res = await call(buyer, 'POST', '/api/v1/suppliers', {
        name,
        kind,
        criticality,
        status: 'active',
        contacts: [{ name: 'Pat', email: `pat.${key}@supplier.example`, role: 'primary' }],
      });
      expect(res.statusCode).toBe(201);
      ids[key] = res.json().id;
    }
    const link = (supplierId: string, dataAssetId: string, recordCount: number, extra: object = {}) =>
      call(buyer, 'POST', '/api/v1/data-sharing-links', {
        supplierId,
        dataAssetId,
        purpose: 'Service delivery',
        direction: 'outbound',
        recordCount,
        pseudonymisation: 'identifiable',
        article6Basis: 'public_task',
        article9Condition: 'health_care',
        confidentialityBasis: 'direct_care',
        agreementType: 'contract',
        agreementRef: 'C-1',
        transferMethod: 'api',
        processingLocation: 'uk',
        startDate: '2025-01-01',
        reviewDate: '2027-06-30',
        status: 'active',
        ...extra,
      });
    expect((await link(ids.path, results, 1_500_000)).statusCode).toBe(201);
    expect((await link(ids.path, results, 200_000)).statusCode).toBe(201); // the same records twice count once
    expect(
      (await link(ids.uni, results, 300_000, { agreementRef: 'DSA-9', reviewDate: '2026-06-30' })).statusCode,
    ).toBe(201);
    expect(
      (
        await link(ids.uni, payroll, 50, {
          status: 'proposed',
          agreementRef: null,
          agreementType: null,
          article9Condition: null,
        })
      ).statusCode,
    ).toBe(201); // not yet agreed
    expect(
      (await link(ids.pay, payroll, 9_000, { article9Condition: null, confidentialityBasis: 'not_applicable' }))
        .statusCode,
    ).toBe(201);
    // Insurance for the pathology partner; an overdue questionnaire for the payroll bureau.
    expect(
      (
        await call(governance, 'POST', `/api/v1/suppliers/${ids.path}/risk-decisions`, {
          decision: 'transfer',
          rationale: 'Cyber cover required by contract.',
          reviewDate: '2027-06-30',
          insurer: 'Example Mutual',
          policyRef: 'P-1',
          limit: 20_000_000,
          excess: 500_000,
          expiresOn: '2027-02-15',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await call(buyer, 'POST', '/api/v1/assessments', { supplierId: ids.pay, dueDate: '2026-12-10' })).statusCode,
    ).toBe(201);
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
    expect((await call(await signIn(api, 'viewer'), 'GET', '/api/v1/reports/supply-chain?format=csv')).statusCode).toBe(
      403,
    );
    expect((await call(await signIn(api, 'admin'), 'GET', '/api/v1/reports/supply-chain')).statusCode).toBe(200);
    expect((await call(governance, 'GET', '/api/v1/reports/supply-chain?format=docx')).json().errors[0].path).toBe(
      'format',
    );
  });

  it('every figure of the JSON equals an independent count or sum', async () => {
    api.clock.freeze('2026-12-20T10:00:00Z'); // the payroll questionnaire is 10 days overdue; the university's review was due in June
    try {
      const r = (await report()).json();
      const [totals] = await sql<{ n: string; var: string; net: string }>(
        "SELECT count(*) AS n, sum(value_at_risk) AS var, sum(net_value_at_risk) AS net FROM supplier WHERE status <> 'offboarded'",
      );
      expect(r.headline).toMatchObject({
        suppliersInScope: Number(totals.n),
        valueAtRisk: Number(totals.var),
        netValueAtRisk: Number(totals.net),
      });
      expect(r.headline.netValueAtRisk).toBeLessThan(r.headline.valueAtRisk); // the insurance
      const tiers = await sql<{ tier: number; n: string }>(
        "SELECT tier, count(*) AS n FROM supplier WHERE status <> 'offboarded' GROUP BY tier",
      );
      for (const t of tiers) expect(r.headline.byTier[String(t.tier)]).toBe(Number(t.n));
      expect(r.headline.byKind).toEqual({ supplier: 5, university: 1 });
      // Per supplier and asset the largest active link: 1,500,000 + 300,000 special-category, 9,000 personal.
      expect(r.headline.recordsShared).toEqual({
        public: 0,
        official: 0,
        personal: 9_000,
        special_category: 1_800_000,
      });
      const cells = await sql<{ l: number; i: number; n: string }>(
        "SELECT likelihood_level AS l, impact_level AS i, count(*) AS n FROM supplier WHERE status <> 'offboarded' GROUP BY 1, 2",
      );
      for (const c of cells)
        expect(
          r.heatMap.cells.find((x: { likelihood: number; impact: number }) => x.likelihood === c.l && x.impact === c.i)
            .suppliers,
        ).toBe(Number(c.n));
      expect(r.heatMap.cells.reduce((sum: number, c: { suppliers: number }) => sum + c.suppliers, 0)).toBe(6);
      const top = await sql<{ id: string }>(
        "SELECT id FROM supplier WHERE status <> 'offboarded' ORDER BY net_value_at_risk DESC, name, id LIMIT 10",
      );
      expect(r.topRisks.map((t: { supplierId: string }) => t.supplierId)).toEqual(top.map((t) => t.id));
      const pathology = r.topRisks.find((t: { supplierId: string }) => t.supplierId === ids.path);
      expect(pathology.drivers).toMatchObject({
        criticality: 'critical',
        band: null,
        decision: { decision: 'transfer', expiresOn: '2027-02-15' },
        records: [{ classification: 'special_category', records: 1_500_000 }],
      });
      expect(r.dataExposure.heldByUniversitiesAndResearchPartners).toMatchObject({ special_category: 300_000 });
      expect(r.dataExposure.linksWithoutAgreement).toEqual([
        expect.objectContaining({ supplierId: ids.uni, asset: 'Payroll', records: 50 }),
      ]);
      expect(r.dataExposure.linksPastReview).toEqual([
        expect.objectContaining({ supplierId: ids.uni, date: '2026-06-30' }),
      ]);
      expect(r.assessments.overdue).toEqual([
        expect.objectContaining({ supplierId: ids.pay, dueDate: '2026-12-10', daysOverdue: 10, escalationLevel: 0 }),
      ]);
      expect(r.decisions.currentByType).toEqual({ accept: 0, mitigate: 0, transfer: 1, avoid: 0 });
      expect(r.decisions.expiringWithin90Days).toEqual([
        expect.objectContaining({ kind: 'insurance', supplierId: ids.path, date: '2027-02-15' }),
      ]);
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
    const added = await call(buyer, 'POST', '/api/v1/suppliers', {
      name: 'Newcomer Ltd',
      kind: 'supplier',
      criticality: 'high',
      status: 'onboarding',
    });
    expect((await call(buyer, 'PATCH', `/api/v1/suppliers/${ids.small}`, { criticality: 'critical' })).statusCode).toBe(
      200,
    );
    const now = (await report()).json();
    expect(now.previousSnapshot).toEqual({ period: '2026-10', takenOn: '2026-10-15' });
    expect(now.changes.newSuppliers).toEqual([{ supplierId: added.json().id, name: 'Newcomer Ltd' }]);
    expect(now.changes.ratingUp).toEqual([
      expect.objectContaining({ supplierId: ids.small, from: 'medium', to: 'critical' }),
    ]);
    const [{ net }] = await sql<{ net: string }>(
      "SELECT net_value_at_risk AS net FROM report_snapshot WHERE period = '2026-10'",
    );
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

  it('reads running totals that stay exact through changes, offboarding and folding', async () => {
    // Findings straight into the table (as scoring raises them), on three suppliers, mapped to frameworks.
    const [{ id: versionId }] = await sql<{ id: string }>(
      "SELECT id FROM questionnaire_version WHERE key = 'supplier-security-lite' LIMIT 1",
    );
    const findingIds: string[] = [];
    for (const key of ['path', 'uni', 'pay'] as const) {
      const [contact] = await sql<{ id: string }>('SELECT id FROM supplier_contact WHERE supplier_id = $1 LIMIT 1', [
        ids[key],
      ]);
      const [assessment] = await sql<{ id: string }>(
        `INSERT INTO assessment (supplier_id, questionnaire_version_id, questionnaire_key, questionnaire_version, recipient_contact_id, recipient_name, recipient_email, due_date, status, completed_at)
         VALUES ($1, $2, 'supplier-security-lite', 1, $3, 'Pat', 'pat@supplier.example', '2026-10-01', 'completed', now()) RETURNING id`,
        [ids[key], versionId, contact.id],
      );
      const rows = await sql<{ id: string }>(
        `INSERT INTO finding (supplier_id, assessment_id, question_code, question_text, section_title, severity, mappings, due_date, created_at)
         SELECT $1, $2, 'Q-' || j, 'A question', 'A section', (ARRAY['critical', 'high', 'medium'])[j],
                jsonb_build_array(jsonb_build_object('framework', 'NCSC-CAF', 'ref', (ARRAY['B2.a', 'B2.c', 'D1.a'])[j]), jsonb_build_object('framework', 'CYBER-ESSENTIALS', 'ref', 'user-access-control')),
                DATE '2026-11-01' + j * 20, TIMESTAMPTZ '2026-11-28 10:00Z' - j * INTERVAL '40 days'
           FROM generate_series(1, 3) j RETURNING id`,
        [ids[key], assessment.id],
      );
      findingIds.push(...rows.map((r) => r.id));
    }
    const independent = async () => {
      const ages = await sql<{ severity: string; total: string; over90: string; overdue: string }>(
        `SELECT f.severity, count(*) AS total, count(*) FILTER (WHERE f.created_at::date <= DATE '2026-11-28' - 90) AS over90, count(*) FILTER (WHERE f.due_date < DATE '2026-11-28') AS overdue
           FROM finding f JOIN supplier s ON s.id = f.supplier_id
          WHERE f.superseded_at IS NULL AND f.status IN ('open', 'remediation_planned') AND s.status <> 'offboarded' GROUP BY 1`,
      );
      const groups = await sql<{ framework: string; grp: string; findings: string; suppliers: string }>(
        `SELECT m->>'framework' AS framework, CASE WHEN m->>'framework' = 'NCSC-CAF' THEN split_part(m->>'ref', '.', 1) ELSE m->>'ref' END AS grp,
                count(*) AS findings, count(DISTINCT f.supplier_id) AS suppliers
           FROM finding f JOIN supplier s ON s.id = f.supplier_id CROSS JOIN LATERAL jsonb_array_elements(f.mappings) m
          WHERE f.superseded_at IS NULL AND f.status IN ('open', 'remediation_planned') AND s.status <> 'offboarded' GROUP BY 1, 2`,
      );
      const [totals] = await sql<{ n: string; net: string }>(
        "SELECT count(*) AS n, sum(net_value_at_risk) AS net FROM supplier WHERE status <> 'offboarded'",
      );
      return {
        bySeverity: Object.fromEntries(
          ages.map((a) => [a.severity, { total: Number(a.total), over90Days: Number(a.over90) }]),
        ),
        overdue: ages.reduce((sum, a) => sum + Number(a.overdue), 0),
        byFramework: groups
          .map((g) => ({
            framework: g.framework,
            group: g.grp,
            openFindings: Number(g.findings),
            suppliers: Number(g.suppliers),
          }))
          .sort((a, b) => `${a.framework}${a.group}`.localeCompare(`${b.framework}${b.group}`)),
        suppliers: Number(totals.n),
        net: Number(totals.net),
      };
    };
    const reported = async () => {
      const r = (await report()).json();
      return {
        bySeverity: Object.fromEntries(
          Object.entries(r.findings.openBySeverity as Record<string, { total: number; over90Days: number }>)
            .filter(([, v]) => v.total > 0)
            .map(([k, v]) => [k, { total: v.total, over90Days: v.over90Days }]),
        ),
        overdue: r.findings.overdueRemediation,
        byFramework: [...r.findings.byFramework].sort(
          (a: { framework: string; group: string }, b: { framework: string; group: string }) =>
            `${a.framework}${a.group}`.localeCompare(`${b.framework}${b.group}`),
        ),
        suppliers: r.headline.suppliersInScope,
        net: r.headline.netValueAtRisk,
      };
    };
    const pending = async () =>
      (
        await sql<{ n: string }>(
          'SELECT (SELECT count(*) FROM supplier_rollup_delta) + (SELECT count(*) FROM finding_rollup_delta) AS n',
        )
      )[0].n;
    api.clock.freeze('2026-11-28T12:00:00Z');
    try {
      expect(Number(await pending())).toBeGreaterThan(0); // nothing folded yet: the report reads the deltas too
      const start = await independent();
      expect(start.byFramework).toContainEqual({ framework: 'NCSC-CAF', group: 'B2', openFindings: 6, suppliers: 3 });
      expect(await reported()).toEqual(start);

      // A finding resolved, another in remediation (still open), a supplier offboarded with its findings.
      expect(
        (
          await call(buyer, 'PATCH', `/api/v1/findings/${findingIds[0]}`, {
            status: 'resolved',
            resolutionEvidence: 'Offline backups tested on 1 Nov.',
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await call(buyer, 'PATCH', `/api/v1/findings/${findingIds[4]}`, {
            status: 'remediation_planned',
            plannedAction: 'Enforce MFA on the VPN',
            dueDate: '2027-01-31',
          })
        ).statusCode,
      ).toBe(200);
      expect((await call(buyer, 'POST', `/api/v1/suppliers/${ids.pay}/offboard`)).statusCode).toBe(200);
      const changed = await independent();
      expect(changed).not.toEqual(start);
      expect(changed.byFramework).toContainEqual({ framework: 'NCSC-CAF', group: 'B2', openFindings: 3, suppliers: 2 });
      expect(await reported()).toEqual(changed);

      // Folding moves rows from the deltas into the totals and changes no figure.
      await api.app.get(ReportRollups).compact();
      expect(await pending()).toBe('0');
      expect(await reported()).toEqual(changed);
      const [folded] = await sql<{ n: string }>('SELECT sum(suppliers) AS n FROM supplier_rollup');
      expect(Number(folded.n)).toBe(changed.suppliers);

      // Changes after folding still count, and a second fold is idempotent.
      expect((await call(buyer, 'PATCH', `/api/v1/findings/${findingIds[0]}`, { status: 'open' })).statusCode).toBe(
        200,
      );
      const reopened = await independent();
      expect(await reported()).toEqual(reopened);
      await api.app.get(ReportRollups).compact();
      await api.app.get(ReportRollups).compact();
      expect(await reported()).toEqual(reopened);
    } finally {
      api.clock.reset();
    }
  });

  it('HTML: the heat map, the top risks, supplier text escaped, no external request', async () => {
    const res = await report('?format=html');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toMatch(
      /<table class="heat" id="heat-map" aria-describedby="heat-desc">\s*<caption[^>]*>Heat map: suppliers by likelihood/,
    );
    // Every chart has a title, a text alternative, axes and a legend; dates and counts read as words.
    expect(html).toContain('id="top-chart" role="img" aria-labelledby="top-title" aria-describedby="top-desc"');
    expect(html).toMatch(/id="top-desc">1\. [^<]+ net, [^<]+ gross/);
    expect(html).toContain('Gross (before insurance)');
    expect(html).toContain('Rows: likelihood, from 5 (likely) at the top to 1 (rare)');
    expect(html).toMatch(/Decisions asked of the committee[\s\S]*<ol class="asks">(<li>[\s\S]*?<\/li>){5}<\/ol>/);
    expect(html).toContain('Method note: how the figures are made');
    expect(html).toContain('OFFICIAL-SENSITIVE');
    expect(html).toMatch(/href="http:\/\/[^"]+\/console">Back to the console/);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // no raw ISO time
    expect(html).not.toContain('(s)');
    expect(html).toContain('Royal Test NHS Trust');
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; Ltd');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/src="https?:/); // links are fine (the way back to the console); loads are not
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
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
    const [figures] = await sql<{ value_at_risk: string; net_value_at_risk: string; rating: string }>(
      'SELECT value_at_risk, net_value_at_risk, rating FROM supplier WHERE id = $1',
      [ids.path],
    );
    expect(pathology).toMatchObject({
      valueAtRisk: String(Number(figures.value_at_risk)),
      netValueAtRisk: String(Number(figures.net_value_at_risk)),
      rating: figures.rating,
      decision: 'transfer',
    });
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
    expect(text.replace(/\s+/g, ' ')).toContain('Supply-chain cyber risk: committee pack');
    expect(text).toContain(moneyText(json.headline.valueAtRisk));
    expect(text).toContain(moneyText(json.headline.netValueAtRisk));
    // Cover, summary, charts and tables, method note: several A4 pages, each numbered.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(text).toContain(`Page 1 of ${pages.length}`);
    expect(text).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(text).toContain('Method note: how the figures are made');
    expect(text).toContain('Value at risk (expected annual loss)');
    // Tagged: a structure tree for assistive technology, and an outline of the headings.
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Outlines');
    // No empty chart: the page of each figure carries the chart's labels, or the sentence that replaces it.
    const pageOf = (caption: string) => pages.find((p: { text: string }) => p.text.includes(caption))?.text ?? '';
    expect(pageOf('Figure 1.')).toContain('Rows: likelihood');
    expect(pageOf('Figure 2.')).toContain('Net of insurance');
    expect(pageOf('Figure 3.')).toMatch(
      /Month of the snapshot|The trend starts with the first monthly snapshot|No monthly snapshot yet/,
    );
  }, 60_000);
});
