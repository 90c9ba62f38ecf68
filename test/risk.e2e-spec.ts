import { addDays } from '@app/platform';
import { RiskStaleness } from '@app/suppliers';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { answerQuestionnaire, createDataSharingLink, createSupplier, sendAssessment } from './support/factories.js';
import { signIn, type SignedIn } from './support/users.js';

/** The day the tests' literal dates are written against (the Clock is frozen there). */
const NOW = '2026-11-28T09:00:00Z';

/** risk-model.md section 3, written out again here: the test checks the code against the table, not against itself. */
const P = { A: 0.025, B: 0.04, C: 0.06, D: 0.08, E: 0.1 } as const;

describe('risk: findings, figures and treatment decisions', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let viewer: SignedIn;
  let supplierId: string;
  let linkId: string;
  let assessmentId: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    api.clock.freeze(NOW); // the dates below are written against this day, not the machine's
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    viewer = await signIn(api, 'viewer');
    supplierId = await createSupplier(api, buyer, {
      name: 'Northgate Pathology',
      ownerId: buyer.id,
      contacts: [{ name: 'Priya Shah', email: 'priya@northgate.example', role: 'primary' }],
    });
    ({ linkId } = await createDataSharingLink(api, buyer, supplierId, {
      asset: { name: 'Pathology results', recordCount: 500_000 },
      link: {
        purpose: 'Pathology testing for direct care',
        direction: 'both',
        recordCount: 200_000,
        agreementRef: 'C-17',
      },
    }));
  });
  afterAll(() => {
    api.clock.reset();
    return api.close();
  });

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  const risk = async () => (await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/risk`)).json();
  // 180 x (100,000 + 0.1 x 100,000) = 19,800,000 data loss, + 5,000,000 operational (high).
  const SLE = 180 * (100_000 + 0.1 * 100_000) + 5_000_000;

  it('a supplier never assessed counts as the worst likelihood, with every input explained', async () => {
    const figures = await risk();
    expect(figures).toMatchObject({
      supplierId,
      tier: 1,
      band: null,
      probability: 0.1,
      likelihoodLevel: 5,
      singleLossEstimate: SLE,
      impactLevel: 4,
      valueAtRisk: Math.round(0.1 * SLE),
      netValueAtRisk: Math.round(0.1 * SLE),
      rating: 'critical',
      assessmentExpired: false,
    });
    expect(figures.explanation.likelihood).toMatchObject({ latestAssessment: null, bandUsed: 'never' });
    expect(figures.explanation.rating).toMatchObject({ cell: 20, likelihoodLevel: 5, impactLevel: 4 });
    expect(figures.explanation.summary).toBe(
      'Value at risk (expected annual loss) £2.5M: a 10% chance a year of a breach or outage that affects us, times a single-loss estimate of £25M. ' +
        'It has never completed a security assessment, so it counts as the worst band. ' +
        'It holds 200,000 special-category records of Pathology results, and runs a high-criticality service (£5M operational loss).',
    );
    const listed = (await call(viewer, 'GET', '/api/v1/suppliers?rating=critical&sort=-netValueAtRisk')).json();
    expect(listed.items.map((s: { id: string }) => s.id)).toContain(supplierId);
    expect(listed.items[0]).toMatchObject({ rating: 'critical', valueAtRisk: 2_480_000, netValueAtRisk: 2_480_000 });
  });

  it('completing a review raises findings from the final score and recomputes the figures in the same transaction', async () => {
    const sent = await sendAssessment(api, buyer, supplierId, '2027-01-12');
    assessmentId = sent.id;
    // The best answer everywhere, except two: no MFA (a critical question) and patching only partly.
    await answerQuestionnaire(api, sent.token, {
      answers: { 'LCT-01': 'no', 'LCT-02': 'partial' },
      attestation: { name: 'Priya Shah', jobTitle: 'IT Director', confirmed: true },
    });
    expect((await call(buyer, 'GET', `/api/v1/findings?supplierId=${supplierId}`)).json().total).toBe(0); // nothing until the review completes
    expect((await risk()).band).toBeNull();

    // The reviewer finds the 24-hour notification answer not supported by the contract.
    expect(
      (
        await call(buyer, 'POST', `/api/v1/assessments/${assessmentId}/adjustments`, {
          questionCode: 'NOPE-1',
          score: 0,
          reason: 'Not in the contract we hold.',
        })
      ).json().errors[0].path,
    ).toBe('questionCode');
    expect(
      (
        await call(buyer, 'POST', `/api/v1/assessments/${assessmentId}/adjustments`, {
          questionCode: 'LIN-01',
          score: 2,
          reason: 'Not in the contract we hold.',
        })
      ).json().errors[0].path,
    ).toBe('score');
    const adjusted = await call(buyer, 'POST', `/api/v1/assessments/${assessmentId}/adjustments`, {
      questionCode: 'LIN-01',
      score: 0,
      reason: 'Not in the contract we hold.',
    });
    expect(adjusted.statusCode).toBe(200);
    expect(adjusted.json().score).toMatchObject({ stage: 'provisional', criticalFailures: ['LCT-01', 'LIN-01'] });
    const counted = adjusted
      .json()
      .score.sections.flatMap((x: { counted: { code: string }[] }) => x.counted)
      .find((c: { code: string }) => c.code === 'LIN-01');
    expect(counted).toMatchObject({ s: 0, adjusted: { from: 1, reason: 'Not in the contract we hold.' } });
    const shown = (await call(buyer, 'GET', `/api/v1/assessments/${assessmentId}`))
      .json()
      .answers.find((a: { code: string }) => a.code === 'LIN-01');
    expect(shown).toMatchObject({
      value: 'yes',
      adjustment: { score: 0, reason: 'Not in the contract we hold.', by: buyer.id },
    });

    const completed = await call(buyer, 'POST', `/api/v1/assessments/${assessmentId}/complete`);
    expect(completed.statusCode).toBe(200);
    const score = completed.json().score;
    expect(score.criticalFailures).toEqual(['LCT-01', 'LIN-01']);
    expect(score.band).toBe('D'); // capped by the critical failure
    const figures = await risk();
    expect(figures).toMatchObject({
      band: 'D',
      probability: P.D,
      likelihoodLevel: 4,
      valueAtRisk: Math.round(P.D * SLE),
      netValueAtRisk: Math.round(P.D * SLE),
      rating: 'critical',
    });
    expect(figures.explanation.likelihood.latestAssessment).toMatchObject({ assessmentId, band: 'D' });

    const findings = (await call(buyer, 'GET', `/api/v1/findings?supplierId=${supplierId}`)).json();
    expect(
      findings.items.map((f: { questionCode: string; severity: string }) => `${f.questionCode}:${f.severity}`).sort(),
    ).toEqual(['LCT-01:critical', 'LCT-02:high', 'LIN-01:critical']);
    const mfa = findings.items.find((f: { questionCode: string }) => f.questionCode === 'LCT-01');
    expect(mfa).toMatchObject({
      assessmentId,
      status: 'open',
      answer: 'no',
      ownerId: buyer.id,
      recommendation: 'Enforce MFA on every remote access route.',
      questionText:
        'Is multi-factor authentication enforced on every remote access route into systems that hold our data?',
      mappings: expect.arrayContaining([{ framework: 'NCSC-CAF', ref: 'B2.a' }]),
    });
    expect(mfa.dueDate).toBe(addDays(api.clock.today(), 30));
    expect(
      (await call(buyer, 'GET', '/api/v1/findings?framework=CYBER-ESSENTIALS&severity=critical'))
        .json()
        .items.map((f: { id: string }) => f.id),
    ).toEqual([mfa.id]);
    expect((await call(viewer, 'GET', '/api/v1/findings')).statusCode).toBe(403);
    const audit = await query<{ action: string }>(
      api.databaseUrl,
      "SELECT action FROM audit_event WHERE action IN ('finding.raised', 'supplier.risk_changed', 'assessment.answer_adjusted') AND (entity_id IN ($1, $2) OR entity_type = 'finding') ORDER BY id DESC LIMIT 5",
      [supplierId, assessmentId],
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'assessment.answer_adjusted',
      'finding.raised',
      'finding.raised',
      'finding.raised',
      'supplier.risk_changed',
    ]);
  });

  it('tracks remediation; only governance accepts a finding, for at most 12 months', async () => {
    const items = (await call(buyer, 'GET', `/api/v1/findings?supplierId=${supplierId}`)).json().items;
    const critical = items.find((f: { questionCode: string }) => f.questionCode === 'LCT-01');
    const high = items.find((f: { questionCode: string }) => f.questionCode === 'LCT-02');
    // A full page counts the filter's matches; a count is reused only while nothing has been written.
    const openTotal = async () =>
      (await call(buyer, 'GET', `/api/v1/findings?supplierId=${supplierId}&status=open&pageSize=1`)).json().total;
    expect(await openTotal()).toBe(3);
    expect(await openTotal()).toBe(3);
    const incomplete = await call(buyer, 'PATCH', `/api/v1/findings/${critical.id}`, { status: 'remediation_planned' });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors.map((e: { path: string }) => e.path)).toEqual(['plannedAction']);
    const planned = await call(buyer, 'PATCH', `/api/v1/findings/${critical.id}`, {
      status: 'remediation_planned',
      plannedAction: 'Enforce MFA on the VPN and webmail by March.',
      dueDate: '2027-03-31',
    });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ status: 'remediation_planned', dueDate: '2027-03-31' });
    expect(await openTotal()).toBe(2);
    expect(
      (await call(buyer, 'PATCH', `/api/v1/findings/${critical.id}`, { status: 'resolved' })).json().errors[0].path,
    ).toBe('resolutionEvidence');
    expect(
      (
        await call(buyer, 'PATCH', `/api/v1/findings/${high.id}`, {
          status: 'accepted',
          acceptanceReason: 'Compensating controls in place.',
          acceptedUntil: '2027-06-30',
        })
      ).statusCode,
    ).toBe(403);
    const tooLong = await call(governance, 'PATCH', `/api/v1/findings/${high.id}`, {
      status: 'accepted',
      acceptanceReason: 'Compensating controls in place.',
      acceptedUntil: '2029-01-01',
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors[0].path).toBe('acceptedUntil');
    const accepted = await call(governance, 'PATCH', `/api/v1/findings/${high.id}`, {
      status: 'accepted',
      acceptanceReason: 'Compensating controls in place.',
      acceptedUntil: '2027-06-30',
    });
    expect(accepted.statusCode).toBe(200);
    expect((await call(buyer, 'PATCH', `/api/v1/findings/${high.id}`, { status: 'bogus' })).statusCode).toBe(400);
    const [row] = await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM finding WHERE id = $1', [
      high.id,
    ]);
    expect(row.status).toBe('accepted');
  });

  it('records decisions by governance only; a transfer lowers net VaR at once; history is kept', async () => {
    expect(
      (
        await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
          decision: 'accept',
          rationale: 'Low residual risk after review.',
          reviewDate: '2027-06-30',
        })
      ).statusCode,
    ).toBe(403);
    const incomplete = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'transfer',
      rationale: 'Cyber policy covers this supplier.',
      reviewDate: '2027-06-30',
      limit: 10_000_000,
    });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'insurer',
      'policyRef',
      'excess',
      'expiresOn',
    ]);
    const tooLate = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'accept',
      rationale: 'Low residual risk after review.',
      reviewDate: '2030-01-01',
    });
    expect(tooLate.json().errors[0].path).toBe('reviewDate');

    const accept = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'accept',
      rationale: 'Accepted while the MFA rollout completes.',
      reviewDate: '2027-03-31',
    });
    expect(accept.statusCode).toBe(201);
    expect((await risk()).netValueAtRisk).toBe(Math.round(P.D * SLE));

    const transfer = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'transfer',
      rationale: 'Cyber policy covers this supplier.',
      reviewDate: '2027-06-30',
      insurer: 'Example Mutual',
      policyRef: 'CY-2027-001',
      limit: 10_000_000,
      excess: 1_000_000,
      expiresOn: '2027-09-30',
    });
    expect(transfer.statusCode).toBe(201);
    // covered = min(max(SLE - excess, 0), limit) = 10,000,000; net VaR = p x (SLE - covered).
    const figures = await risk();
    expect(figures).toMatchObject({
      valueAtRisk: Math.round(P.D * SLE),
      netValueAtRisk: Math.round(P.D * (SLE - 10_000_000)),
    });
    expect(figures.explanation.valueAtRisk.insurance).toEqual({
      limit: 10_000_000,
      excess: 1_000_000,
      covered: 10_000_000,
    });

    const history = (await call(governance, 'GET', `/api/v1/suppliers/${supplierId}/risk-decisions`)).json().items;
    expect(history.map((d: { decision: string; state: string }) => `${d.decision}:${d.state}`)).toEqual([
      'transfer:current',
      'accept:superseded',
    ]);
    expect(history[0]).toMatchObject({
      insurer: 'Example Mutual',
      policyRef: 'CY-2027-001',
      limit: 10_000_000,
      excess: 1_000_000,
      expiresOn: '2027-09-30',
    });

    const mitigate = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'mitigate',
      rationale: 'Remediation plan agreed with the supplier.',
      reviewDate: '2027-03-31',
      findingIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(mitigate.statusCode).toBe(422);
    expect(mitigate.json().errors[0].path).toBe('findingIds[0]');
    const [{ n }] = await query<{ n: string }>(
      api.databaseUrl,
      'SELECT count(*) AS n FROM risk_decision WHERE supplier_id = $1',
      [supplierId],
    );
    expect(n).toBe('2'); // the rejected ones stored nothing
  });

  it('governance may override the tier, with a reason; the interval and the figures follow', async () => {
    expect(
      (
        await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/tier-override`, {
          tier: 3,
          reason: 'Read-only access, agreed by the SIRO.',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/tier-override`, { tier: 5, reason: 'x' }))
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['reason', 'tier']);
    const overridden = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/tier-override`, {
      tier: 3,
      reason: 'Read-only access, agreed by the SIRO.',
    });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({
      tier: 3,
      tierOverride: { tier: 3, reason: 'Read-only access, agreed by the SIRO.' },
    });
    expect((await risk()).explanation.tier).toMatchObject({
      inherent: 1,
      override: { tier: 3 },
      reassessmentMonths: 24,
    });
    const cleared = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/tier-override`, {
      tier: null,
      reason: 'Access widened to read-write.',
    });
    expect(cleared.json()).toMatchObject({ tier: 1, tierOverride: null });
    const audit = await query<{ action: string }>(
      api.databaseUrl,
      "SELECT action FROM audit_event WHERE entity_id = $1 AND action = 'supplier.tier_overridden'",
      [supplierId],
    );
    expect(audit).toHaveLength(2);
  });

  it('moves SLE and VaR when a data-sharing link changes', async () => {
    const changed = await call(buyer, 'PATCH', `/api/v1/data-sharing-links/${linkId}`, { recordCount: 50_000 });
    expect(changed.statusCode).toBe(200);
    const sle = 180 * 50_000 + 5_000_000; // 14,000,000: the excess and limit now cover 10,000,000 of it
    expect(await risk()).toMatchObject({
      singleLossEstimate: sle,
      impactLevel: 4,
      valueAtRisk: Math.round(P.D * sle),
      netValueAtRisk: Math.round(P.D * (sle - 10_000_000)),
    });
  });

  it('the daily run applies staleness and lapsed insurance, once', async () => {
    const staleness = api.app.get(RiskStaleness);
    expect(await staleness.run()).toEqual({ recomputed: 0 });
    api.clock.freeze('2027-12-30T10:00:00Z'); // 13 months on: past the tier 1 interval, and the policy expired on 30 Sep 2027
    try {
      expect(await staleness.run()).toEqual({ recomputed: 1 });
      const sle = 180 * 50_000 + 5_000_000;
      const figures = await risk();
      expect(figures).toMatchObject({
        band: 'D',
        probability: P.E,
        likelihoodLevel: 5,
        assessmentExpired: true,
        valueAtRisk: Math.round(P.E * sle),
        netValueAtRisk: Math.round(P.E * sle),
      });
      expect(figures.explanation.likelihood.expiredBecause).toContain('older than the tier 1 interval of 12 months');
      expect(await staleness.run()).toEqual({ recomputed: 0 });
      const history = (await call(governance, 'GET', `/api/v1/suppliers/${supplierId}/risk-decisions`)).json().items;
      expect(history[0]).toMatchObject({ decision: 'transfer', state: 'expired' });
    } finally {
      api.clock.freeze(NOW);
    }
  });
});

describe('risk settings from the deployment', () => {
  it('GET /api/v1/settings/risk shows the override in force, and the figures use it', async () => {
    const api = await startTestApi({
      RATE_LIMIT_PER_MINUTE: '10000',
      RISK_SETTINGS: '{"likelihood":{"never":{"probability":0.2}},"reassessmentMonths":{"4":24}}',
    });
    try {
      const buyer = await signIn(api, 'procurement');
      const settings = (
        await api.request({ method: 'GET', url: '/api/v1/settings/risk', headers: buyer.headers })
      ).json();
      expect(settings.likelihood.never).toEqual({ probability: 0.2, level: 5 });
      expect(settings.reassessmentMonths).toEqual({ 1: 12, 2: 12, 3: 24, 4: 24 });
      const created = await api.request({
        method: 'POST',
        url: '/api/v1/suppliers',
        headers: buyer.headers,
        payload: { name: 'Settings Ltd', kind: 'supplier', criticality: 'high', status: 'onboarding' },
      });
      expect(created.json()).toMatchObject({
        singleLossEstimate: 5_000_000,
        valueAtRisk: 1_000_000,
        netValueAtRisk: 1_000_000,
      });
    } finally {
      await api.close();
    }
  });
});
