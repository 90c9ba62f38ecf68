import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { RiskRecompute } from '@app/suppliers';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { postConsoleLogin } from './support/console.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';

/** The day the tests' literal dates are written against (the Clock is frozen there). */
const NOW = '2026-11-28T09:00:00Z';

/**
 * A hand-worked supplier (risk-model.md sections 1, 3, 9 and 10). Four yes/no questions:
 * KO-01 (critical, weight 5) no, QA-02 (weight 3) no, QA-03 (weight 2) yes, QA-04 (weight 10) yes.
 * Score (0 + 0 + 2 + 10) / 20 = 60: band C, capped at D by the knock-out.
 * - Fix KO-01: (5 + 0 + 2 + 10) / 20 = 85, band B: p 0.08 -> 0.04.
 * - Fix QA-02:  (0 + 3 + 2 + 10) / 20 = 75, band B, still capped at D: no band change, £0.
 * A critical service and no shared data: SLE = 30,000,000 (operational loss only).
 */
const KO_TEST = {
  key: 'ko-test',
  version: 1,
  title: 'Knock-out test',
  sections: [
    {
      key: 'main',
      title: 'Main',
      questions: [
        {
          code: 'KO-01',
          text: 'Do you keep offline backups?',
          type: 'yes_no',
          weight: 5,
          critical: true,
          mappings: [{ framework: 'NCSC-CAF', ref: 'B5.c' }],
          recommendation: 'Keep offline backups.',
        },
        {
          code: 'QA-02',
          text: 'Do you review access quarterly?',
          type: 'yes_no',
          weight: 3,
          mappings: [{ framework: 'NCSC-CAF', ref: 'B2.a' }],
          recommendation: 'Review access quarterly.',
        },
        {
          code: 'QA-03',
          text: 'Do you patch within 14 days?',
          type: 'yes_no',
          weight: 2,
          mappings: [{ framework: 'NCSC-CAF', ref: 'B4.d' }],
          recommendation: 'Patch within 14 days.',
        },
        {
          code: 'QA-04',
          text: 'Do you encrypt our data at rest?',
          type: 'yes_no',
          weight: 10,
          mappings: [{ framework: 'NCSC-CAF', ref: 'B3.b' }],
          recommendation: 'Encrypt at rest.',
        },
      ],
    },
  ],
};
const SLE = 30_000_000;

describe('countermeasures and the loss distribution (risk-model sections 9 and 10)', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let viewer: SignedIn;
  let supplierId: string;
  let findings: Record<
    string,
    { id: string; riskReduction: number | null; remediationCost: number | null; reductionPerPound: number | null }
  >;

  beforeAll(async () => {
    // lossSpread 0: every event costs exactly the SLE, so the distribution can be worked by hand.
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000', RISK_SETTINGS: JSON.stringify({ lossSpread: 0 }) });
    api.clock.freeze(NOW);
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    viewer = await signIn(api, 'viewer');
    expect((await call(buyer, 'POST', '/api/v1/questionnaires', KO_TEST)).statusCode).toBe(201);
    const supplier = await call(buyer, 'POST', '/api/v1/suppliers', {
      name: 'Northgate Pathology',
      kind: 'supplier',
      criticality: 'critical',
      status: 'active',
      contacts: [{ name: 'Priya Shah', email: 'priya@northgate.example', role: 'primary' }],
    });
    supplierId = supplier.json().id;
    const sent = await call(buyer, 'POST', '/api/v1/assessments', {
      supplierId,
      questionnaireKey: 'ko-test',
      dueDate: '2027-01-12',
    });
    expect(sent.statusCode).toBe(201);
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (url: string, payload: object) =>
      api.request({
        method: 'POST',
        url,
        payload,
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      });
    const answers = [
      ['KO-01', 'no'],
      ['QA-02', 'no'],
      ['QA-03', 'yes'],
      ['QA-04', 'yes'],
    ].map(([code, value]) => ({ code, value, version: 0 }));
    expect((await portal('/portal/assessment/answers', { answers })).statusCode).toBe(200);
    expect(
      (
        await portal('/portal/assessment/submit', {
          attestation: { name: 'Priya Shah', jobTitle: 'IT Director', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);
    const completed = await call(buyer, 'POST', `/api/v1/assessments/${sent.json().id}/complete`);
    expect(completed.json().score).toMatchObject({ overall: 60, band: 'D', criticalFailures: ['KO-01'] });
  });
  afterAll(() => {
    api.clock.reset();
    return api.close();
  });

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  async function loadFindings() {
    const items = (await call(buyer, 'GET', `/api/v1/findings?supplierId=${supplierId}`)).json().items as {
      questionCode: string;
    }[];
    findings = Object.fromEntries(items.map((f) => [f.questionCode, f])) as unknown as typeof findings;
  }

  it('values each fix by the net VaR it removes: the knock-out lifting D to B its full reduction, a fix that moves no band £0', async () => {
    expect((await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/risk`)).json()).toMatchObject({
      band: 'D',
      probability: 0.08,
      netValueAtRisk: 0.08 * SLE,
    });
    await loadFindings();
    // 0.08 x 30,000,000 - 0.04 x 30,000,000 = 1,200,000.
    expect(findings['KO-01']).toMatchObject({
      riskReduction: 1_200_000,
      remediationCost: null,
      reductionPerPound: null,
    });
    expect(findings['QA-02']).toMatchObject({ riskReduction: 0 });
    const stored = await query(
      api.databaseUrl,
      'SELECT question_code, risk_reduction FROM finding WHERE supplier_id = $1 ORDER BY question_code',
      [supplierId],
    );
    expect(stored).toEqual([
      { question_code: 'KO-01', risk_reduction: '1200000' },
      { question_code: 'QA-02', risk_reduction: '0' },
    ]);
    const audited = await query(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE action = 'finding.risk_reduction_changed' AND entity_id = $1",
      [findings['KO-01'].id],
    );
    expect(audited).toEqual([{ changes: { riskReduction: { before: null, after: 1_200_000 } } }]);
  });

  it('takes a remediation cost from procurement and divides the reduction by it', async () => {
    const bad = await call(buyer, 'PATCH', `/api/v1/findings/${findings['KO-01'].id}`, { remediationCost: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('remediationCost');
    const costed = await call(buyer, 'PATCH', `/api/v1/findings/${findings['KO-01'].id}`, { remediationCost: 300_000 });
    expect(costed.statusCode).toBe(200);
    expect(costed.json()).toMatchObject({ remediationCost: 300_000, riskReduction: 1_200_000, reductionPerPound: 4 });
    const audited = await query(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE action = 'finding.updated' AND entity_id = $1",
      [findings['KO-01'].id],
    );
    expect(audited).toEqual([{ changes: { remediationCost: { before: null, after: 300_000 } } }]);
  });

  it('lists the fixes by reduction, then severity, and the fewest fixes that lift the supplier to band B', async () => {
    expect((await call(viewer, 'GET', '/api/v1/risk/countermeasures')).statusCode).toBe(403);
    const res = await call(buyer, 'GET', '/api/v1/risk/countermeasures');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.actions.map((a: { questionCode: string }) => a.questionCode)).toEqual(['KO-01', 'QA-02']);
    expect(body.actions[0]).toMatchObject({
      findingId: findings['KO-01'].id,
      supplierId,
      severity: 'critical',
      riskReduction: 1_200_000,
      remediationCost: 300_000,
      reductionPerPound: 4,
    });
    expect(body.actions[1]).toMatchObject({
      severity: 'high',
      riskReduction: 0,
      remediationCost: null,
      reductionPerPound: null,
    });
    expect(body.paths).toEqual([
      {
        supplierId,
        supplierName: 'Northgate Pathology',
        band: 'D',
        findingIds: [findings['KO-01'].id],
        bandAfter: 'B',
        riskReduction: 1_200_000,
        reachable: true,
      },
    ]);
  });

  it('simulates the bad years: with lossSpread 0 and p = 0.08, P90 is 0 and P95 the SLE', async () => {
    for (const who of [viewer, buyer])
      expect((await call(who, 'GET', '/api/v1/risk/loss-distribution')).statusCode).toBe(403);
    const res = await call(governance, 'GET', '/api/v1/risk/loss-distribution');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      asOf: '2026-11-28T09:00:00.000Z',
      years: 20_000,
      seed: 1,
      lossSpread: 0,
      suppliers: 1,
      sumOfValueAtRisk: 0.08 * SLE,
      sumOfNetValueAtRisk: 0.08 * SLE,
    });
    expect(body.gross).toMatchObject({ p50: 0, p90: 0, p95: SLE, p99: SLE });
    expect(body.net).toEqual(body.gross);
    const eventYears = body.gross.exceedance[0].probability * 20_000;
    expect(body.gross.mean).toBe(Math.round((SLE * eventYears) / 20_000));
    expect(Math.abs(body.gross.mean - 0.08 * SLE)).toBeLessThanOrEqual(3 * body.gross.standardError);
    expect(body.gross.exceedance.length).toBeGreaterThanOrEqual(50);
    expect(body.tailContributors).toEqual([{ supplierId, name: 'Northgate Pathology', share: 1 }]);
    expect((await call(governance, 'GET', '/api/v1/risk/loss-distribution')).json()).toEqual(body); // the same figures, to the pound
  });

  it('recomputes both when the figures change: insurance lowers the net tail and each fix’s value', async () => {
    // covered = min(max(30,000,000 - 1,000,000, 0), 10,000,000) = 10,000,000: each event nets 20,000,000.
    const decided = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'transfer',
      rationale: 'Cyber policy covers the service outage.',
      reviewDate: '2027-06-30',
      insurer: 'NHS Resolution',
      policyRef: 'CYB-1',
      limit: 10_000_000,
      excess: 1_000_000,
      expiresOn: '2027-11-30',
    });
    expect(decided.statusCode).toBe(201);
    await loadFindings();
    expect(findings['KO-01']).toMatchObject({ riskReduction: 800_000, reductionPerPound: 2.6667 }); // 0.08 x 20M - 0.04 x 20M
    const loss = (await call(governance, 'GET', '/api/v1/risk/loss-distribution')).json();
    expect(loss.gross).toMatchObject({ p90: 0, p95: SLE, p99: SLE });
    expect(loss.net).toMatchObject({ p90: 0, p95: 20_000_000, p99: 20_000_000 });
    expect(loss.sumOfNetValueAtRisk).toBe(0.08 * 20_000_000);
  });

  it('keeps the findings valued when a new questionnaire of the same kind is sent and when other figures change', async () => {
    const sent = await call(buyer, 'POST', '/api/v1/assessments', {
      supplierId,
      questionnaireKey: 'ko-test',
      dueDate: '2027-01-12',
    });
    expect(sent.statusCode).toBe(201);
    await loadFindings();
    expect(findings['KO-01']).toMatchObject({ riskReduction: 800_000 });
    expect(findings['QA-02']).toMatchObject({ riskReduction: 0 });
    // The supplier's criticality moves its figures: each fix is valued again, never left blank.
    expect((await call(buyer, 'PATCH', `/api/v1/suppliers/${supplierId}`, { criticality: 'high' })).statusCode).toBe(
      200,
    );
    await loadFindings();
    expect(findings['KO-01'].riskReduction).toEqual(expect.any(Number));
    expect(findings['KO-01'].riskReduction).toBeGreaterThan(0);
    expect(findings['QA-02']).toMatchObject({ riskReduction: 0 });
    expect(
      (await call(buyer, 'PATCH', `/api/v1/suppliers/${supplierId}`, { criticality: 'critical' })).statusCode,
    ).toBe(200);
    await loadFindings();
    expect(findings['KO-01']).toMatchObject({ riskReduction: 800_000 });
    const actions = (await call(buyer, 'GET', '/api/v1/risk/countermeasures')).json().actions as {
      questionCode: string;
      riskReduction: number | null;
    }[];
    expect(actions.map((a) => [a.questionCode, a.riskReduction])).toEqual([
      ['KO-01', 800_000],
      ['QA-02', 0],
    ]);
  });

  it('values the findings in an application used before init(), as the demo seeds its register', async () => {
    await query(api.databaseUrl, 'UPDATE finding SET risk_reduction = NULL WHERE supplier_id = $1', [supplierId]);
    const early = await createApiApp(api.config, pino({ level: 'silent' })); // no init(): lifecycle hooks have not run
    try {
      await early.get(DataSource).transaction((m) => early.get(RiskRecompute).forSupplier(m, supplierId));
    } finally {
      await early.close();
    }
    const stored = await query(
      api.databaseUrl,
      'SELECT question_code, risk_reduction FROM finding WHERE supplier_id = $1 AND superseded_at IS NULL ORDER BY question_code',
      [supplierId],
    );
    expect(stored).toEqual([
      { question_code: 'KO-01', risk_reduction: '800000' },
      { question_code: 'QA-02', risk_reduction: '0' },
    ]);
  });

  /** Signs in through the console's form; answers the session cookie. */
  async function consoleCookie(who: SignedIn): Promise<string> {
    const res = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(who.email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.6.0.1',
    );
    expect(res.statusCode).toBe(303);
    return String(res.headers['set-cookie']).split(';')[0];
  }
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('shows the fixes and the bad year in the console and in the committee pack, money in words', async () => {
    const governanceCookie = await consoleCookie(governance);
    const fixes = await api.request({
      method: 'GET',
      url: '/console/countermeasures',
      headers: { cookie: governanceCookie },
    });
    expect(fixes.statusCode).toBe(200);
    expect(text(fixes.body)).toContain(
      '1 Northgate Pathology KO-01 : Do you keep offline backups? (open) critical £800,000 £300,000 £2.67',
    );
    expect(text(fixes.body)).toContain(
      'Northgate Pathology (band D): fix KO-01: band D to B, £800,000 a year less net value at risk',
    );
    const viewerPage = await api.request({
      method: 'GET',
      url: '/console/countermeasures',
      headers: { cookie: await consoleCookie(viewer) },
    });
    expect(viewerPage.statusCode).toBe(403);

    const dashboard = text(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie: governanceCookie } })).body,
    );
    expect(dashboard).toContain('1-in-20-year loss £30M £20M');
    expect(dashboard).toContain('1-in-100-year loss £30M £20M');
    expect(dashboard).toContain('Behind the worst years: Northgate Pathology 100%');
    const buyerDashboard = text(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie: await consoleCookie(buyer) } })).body,
    );
    expect(buyerDashboard).not.toContain('1-in-20-year loss');

    const supplierPage = text(
      (
        await api.request({
          method: 'GET',
          url: `/console/suppliers/${supplierId}`,
          headers: { cookie: governanceCookie },
        })
      ).body,
    );
    expect(supplierPage).toContain('Path to band B fix KO-01: band D to B, £800,000 a year less net value at risk');

    const pack = await call(governance, 'GET', '/api/v1/reports/supply-chain?format=html');
    expect(pack.statusCode).toBe(200);
    expect(pack.body).toMatch(/<svg role="img" aria-labelledby="lec-title lec-desc"[^>]*id="exceedance-curve"/);
    expect(pack.body).toContain(
      '<desc id="lec-desc">Chance that a year&#x27;s loss exceeds an amount, from 20,000 simulated years. Gross: half of years lose more than £0, 1 in 10 more than £0, 1 in 20 more than £30M, 1 in 100 more than £30M. Net of insurance: 1 in 20 more than £20M, 1 in 100 more than £20M.</desc>',
    );
    expect(text(pack.body)).toContain('1-in-20-year loss (P95) £30M £20M');
    expect(text(pack.body)).toContain('Suppliers behind the worst years');
    expect(text(pack.body)).toMatch(/Northgate Pathology: 100%/);
    expect(text(pack.body)).toContain(
      'Northgate Pathology KO-01: Do you keep offline backups? critical £800,000 £300,000 £2.67',
    );
  });

  it('shows no path where even fixing every open finding leaves the supplier below B', async () => {
    const accepted = await call(governance, 'PATCH', `/api/v1/findings/${findings['KO-01'].id}`, {
      status: 'accepted',
      acceptanceReason: 'Backups move to the new provider in spring.',
      acceptedUntil: '2027-03-31',
    });
    expect(accepted.statusCode).toBe(200);
    const body = (await call(governance, 'GET', '/api/v1/risk/countermeasures')).json();
    expect(body.actions.map((a: { questionCode: string }) => a.questionCode)).toEqual(['QA-02']);
    expect(body.paths).toEqual([
      {
        supplierId,
        supplierName: 'Northgate Pathology',
        band: 'D',
        findingIds: [],
        bandAfter: 'D',
        riskReduction: 0,
        reachable: false,
      },
    ]);
    const page = await api.request({
      method: 'GET',
      url: `/console/suppliers/${supplierId}`,
      headers: { cookie: await consoleCookie(governance) },
    });
    expect(text(page.body)).toContain('Path to band B none: even fixing every finding leaves it at D');
  });
});
