import { addDays } from '@app/platform';
import { DailyRiskRun } from '@app/risk';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

type Q = {
  code: string;
  type: string;
  options: { value: string; score?: number }[] | null;
  answer: { version: number } | null;
};

/** The day the literal dates below are written against (the Clock is frozen there). */
const NOW = '2026-11-28T09:00:00Z';
const TODAY = '2026-11-28';

/**
 * Issue 16, end to end: a university answers both questionnaires and its band is the weakest; an
 * incident follow-up leaves band and findings alone; raising a score is governance's; a lapsed
 * acceptance reopens; a transfer past its review date stops lowering net VaR.
 */
describe('figures a committee can defend', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let supplierId: string;
  let core: { id: string; token: string };
  let research: { id: string; token: string };

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    api.clock.freeze(NOW);
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    const supplier = await call(buyer, 'POST', '/api/v1/suppliers', {
      name: 'Riverside University',
      kind: 'university',
      criticality: 'low',
      status: 'active',
      ownerId: buyer.id,
      contacts: [
        { name: 'Ada Lee', email: 'ada@riverside.example', role: 'primary' },
        { name: 'Security Office', email: 'security@riverside.example', role: 'security' },
      ],
    });
    supplierId = supplier.json().id;
    const asset = await call(buyer, 'POST', '/api/v1/data-assets', {
      name: 'Major trauma research dataset',
      classification: 'special_category',
      categories: ['nhs_number', 'clinical'],
      recordCount: 1_100_000,
    });
    const link = await call(buyer, 'POST', '/api/v1/data-sharing-links', {
      supplierId,
      dataAssetId: asset.json().id,
      purpose: 'Major trauma outcomes research',
      direction: 'outbound',
      recordCount: 1_100_000,
      pseudonymisation: 'identifiable',
      article6Basis: 'public_task',
      article9Condition: 'research',
      confidentialityBasis: 's251_support',
      agreementType: 'DSA',
      agreementRef: 'DSA-2026-014',
      transferMethod: 'sftp',
      processingLocation: 'uk',
      startDate: '2026-01-01',
      reviewDate: '2027-06-30',
      status: 'active',
    });
    expect(link.statusCode).toBe(201);
  });
  afterAll(() => {
    api.clock.reset();
    return api.close();
  });

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  const portal = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  const risk = async () => (await call(buyer, 'GET', `/api/v1/suppliers/${supplierId}/risk`)).json();
  const findings = async () =>
    (await call(buyer, 'GET', `/api/v1/findings?supplierId=${supplierId}&pageSize=200`)).json().items as {
      id: string;
      questionCode: string;
      severity: string;
      status: string;
      assessmentId: string;
    }[];

  /** The best answer everywhere except those named; then submitted with an attestation. */
  async function answerAndSubmit(token: string, except: Record<string, unknown> = {}) {
    const view = (await portal(token, 'GET', '/portal/assessment')).json();
    const answers = view.sections
      .flatMap((s: { questions: Q[] }) => s.questions)
      .map((q: Q) => ({
        code: q.code,
        version: q.answer?.version ?? 0,
        value:
          q.code in except
            ? except[q.code]
            : (
                {
                  yes_no: 'yes',
                  yes_no_partial: 'yes',
                  text: 'Described.',
                  number: 1,
                  date: '2026-01-01',
                  single_choice: [...(q.options ?? [])].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]?.value,
                  multi_choice: [q.options?.[0]?.value],
                } as Record<string, unknown>
              )[q.type],
      }));
    const saved = await portal(token, 'POST', '/portal/assessment/answers', { answers });
    expect(saved.statusCode).toBe(200);
    expect(
      (
        await portal(token, 'POST', '/portal/assessment/submit', {
          attestation: { name: 'Ada Lee', jobTitle: 'CISO', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);
  }

  it('a university holding patient data gets the research questionnaire as well as its tier’s', async () => {
    const sent = await call(buyer, 'POST', '/api/v1/assessments', { supplierId, dueDate: '2027-01-12' });
    expect(sent.statusCode).toBe(201);
    // 1.1M identifiable special-category records: SLE 36,050,000, tier 1, so the full questionnaire.
    expect(sent.json()).toMatchObject({
      questionnaireKey: 'supplier-security-core',
      invitationUrl: expect.stringContaining('/portal/i/'),
    });
    expect(sent.json().alsoSent).toEqual([
      expect.objectContaining({
        questionnaireKey: 'research-data-partner',
        invitationUrl: expect.stringContaining('/portal/i/'),
      }),
    ]);
    core = { id: sent.json().id, token: sent.json().invitationUrl.split('/portal/i/')[1] };
    research = { id: sent.json().alsoSent[0].id, token: sent.json().alsoSent[0].invitationUrl.split('/portal/i/')[1] };
    const stored = await query<{ questionnaire_key: string; recipient_email: string }>(
      api.databaseUrl,
      'SELECT questionnaire_key, recipient_email FROM assessment WHERE supplier_id = $1 ORDER BY questionnaire_key',
      [supplierId],
    );
    expect(stored).toEqual([
      { questionnaire_key: 'research-data-partner', recipient_email: 'ada@riverside.example' },
      { questionnaire_key: 'supplier-security-core', recipient_email: 'ada@riverside.example' },
    ]);
    // Sending the default set again: both are open, so it is refused like any second open assessment.
    expect((await call(buyer, 'POST', '/api/v1/assessments', { supplierId, dueDate: '2027-01-12' })).statusCode).toBe(
      409,
    );
  });

  it('a reassuring answer to a weight-0 context question raises no finding', async () => {
    // INC-04 "Have you had a security incident affecting customer data in the last 24 months?" (weight 0).
    await answerAndSubmit(core.token, { 'INC-04': 'no' });
    const completed = await call(buyer, 'POST', `/api/v1/assessments/${core.id}/complete`);
    expect(completed.statusCode).toBe(200);
    expect(completed.json().score).toMatchObject({ overall: 100, band: 'A', cap: null, findings: [] });
    expect(
      completed
        .json()
        .score.sections.flatMap((s: { counted: { code: string }[] }) => s.counted)
        .map((c: { code: string }) => c.code),
    ).not.toContain('INC-04');
    expect(await findings()).toEqual([]);
    expect(await risk()).toMatchObject({ band: 'A', probability: 0.025 });
  });

  it('procurement may lower an answer’s score but not raise it (403); governance may', async () => {
    // No MFA into the research environment (TRE-03, critical): a knock-out.
    await answerAndSubmit(research.token, { 'TRE-03': 'no' });
    const adjust = (who: SignedIn, score: number | null) =>
      call(who, 'POST', `/api/v1/assessments/${research.id}/adjustments`, {
        questionCode: 'TRE-03',
        score,
        reason: 'MFA evidence reviewed with the university.',
      });
    const refused = await adjust(buyer, 1);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors[0].path).toBe('score');
    const raised = await adjust(governance, 1);
    expect(raised.statusCode).toBe(200);
    expect(raised.json().score).toMatchObject({ stage: 'provisional', criticalFailures: [] });
    const [audit] = await query<{ actor_id: string; action: string }>(
      api.databaseUrl,
      "SELECT actor_id, action FROM audit_event WHERE entity_id = $1 AND action = 'assessment.answer_adjusted' ORDER BY id DESC LIMIT 1",
      [research.id],
    );
    expect(audit).toEqual({ actor_id: governance.id, action: 'assessment.answer_adjusted' });
    // Procurement withdraws the raise (back to the answer's 0): lowering is procurement's.
    const cleared = await adjust(buyer, null);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().score.criticalFailures).toEqual(['TRE-03']);
  });

  it('the supplier band is the worst of its security questionnaires, and names which set it', async () => {
    const completed = await call(buyer, 'POST', `/api/v1/assessments/${research.id}/complete`);
    expect(completed.json().score).toMatchObject({
      band: 'D',
      cap: { band: 'D', kind: 'failure', questions: ['TRE-03'] },
    });
    const figures = await risk();
    expect(figures).toMatchObject({ band: 'D', probability: 0.08 });
    expect(figures.explanation.likelihood.latestAssessment).toMatchObject({
      assessmentId: research.id,
      questionnaireKey: 'research-data-partner',
    });
    expect(
      figures.explanation.likelihood.assessments
        .map((a: { questionnaireKey: string; band: string }) => `${a.questionnaireKey}:${a.band}`)
        .sort(),
    ).toEqual(['research-data-partner:D', 'supplier-security-core:A']);
    expect(figures.explanation.summary).toContain(
      'comes from the weakest of its security assessments, research-data-partner completed 2026-11-28 (',
    );
    expect(figures.explanation.summary).toContain('capped at D by TRE-03');
    expect((await findings()).map((f) => `${f.questionCode}:${f.severity}`)).toEqual(['TRE-03:critical']);

    // A new core assessment supersedes only the core questionnaire's findings: TRE-03 stays.
    const again = await call(buyer, 'POST', `/api/v1/assessments/${core.id}/reassess`);
    expect(again.statusCode).toBe(201);
    await answerAndSubmit(again.json().invitationUrl.split('/portal/i/')[1], { 'INC-04': 'no', 'DAT-02': 'no' });
    expect((await call(buyer, 'POST', `/api/v1/assessments/${again.json().id}/complete`)).statusCode).toBe(200);
    expect((await findings()).map((f) => f.questionCode).sort()).toEqual(['DAT-02', 'TRE-03']);
    expect((await risk()).band).toBe('D');
  });

  it('a completed incident follow-up leaves the band and the findings alone', async () => {
    const before = await risk();
    const findingsBefore = await findings();
    const opened = await call(governance, 'POST', '/api/v1/incidents', {
      supplierId,
      summary: 'Ransomware group lists the university on its leak site.',
      detectedAt: '2026-11-28T08:00:00Z',
      source: 'press',
      severity: 'critical',
    });
    expect(opened.statusCode).toBe(201);
    const followUpId = opened.json().followUp.assessmentId as string;
    const sent = await call(buyer, 'POST', `/api/v1/assessments/${followUpId}/resend`);
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    // The most alarming honest answers: every scored question at its worst.
    const view = (await portal(token, 'GET', '/portal/assessment')).json();
    const worst = Object.fromEntries(
      view.sections
        .flatMap((s: { questions: Q[] }) => s.questions)
        .filter((q: Q) => ['yes_no', 'yes_no_partial', 'single_choice'].includes(q.type))
        .map((q: Q) => [
          q.code,
          q.type === 'single_choice'
            ? [...(q.options ?? [])].sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0].value
            : 'no',
        ]),
    );
    await answerAndSubmit(token, worst);
    const completed = await call(buyer, 'POST', `/api/v1/assessments/${followUpId}/complete`);
    expect(completed.statusCode).toBe(200);
    expect(completed.json().score).toMatchObject({
      purpose: 'incident',
      overall: null,
      band: null,
      findings: [],
      criticalFailures: [],
    });
    const after = await risk();
    expect(after).toMatchObject({
      band: before.band,
      probability: before.probability,
      valueAtRisk: before.valueAtRisk,
      netValueAtRisk: before.netValueAtRisk,
    });
    expect(after.explanation.likelihood.assessments.map((a: { assessmentId: string }) => a.assessmentId)).not.toContain(
      followUpId,
    );
    expect(await findings()).toEqual(findingsBefore);
    const catalogue = (await call(buyer, 'GET', '/api/v1/questionnaires')).json().items;
    expect(catalogue.find((q: { key: string }) => q.key === 'incident-follow-up')).toMatchObject({
      purpose: 'incident',
    });
  });

  it('a lapsed finding acceptance reopens the next day, audited as a system change, and the pack lists it', async () => {
    const [tre] = (await findings()).filter((f) => f.questionCode === 'TRE-03');
    const until = addDays(TODAY, 30);
    const accepted = await call(governance, 'PATCH', `/api/v1/findings/${tre.id}`, {
      status: 'accepted',
      acceptanceReason: 'TRE access limited to two named analysts on site.',
      acceptedUntil: until,
    });
    expect(accepted.statusCode).toBe(200);
    const daily = api.app.get(DailyRiskRun);
    try {
      api.clock.freeze(`${until}T09:00:00Z`); // the last day of the acceptance: still accepted
      expect((await daily.run()).acceptancesLapsed).toBe(0);
      api.clock.freeze(`${addDays(until, 1)}T06:00:00Z`); // the next day: it lapses
      expect((await daily.run()).acceptancesLapsed).toBe(1);
      expect((await daily.run()).acceptancesLapsed).toBe(0);
      const [row] = await query<{ status: string; accepted_until: string | null; lapsed_acceptance: object }>(
        api.databaseUrl,
        'SELECT status, accepted_until, lapsed_acceptance FROM finding WHERE id = $1',
        [tre.id],
      );
      expect(row).toEqual({
        status: 'open',
        accepted_until: null,
        lapsed_acceptance: {
          reason: 'TRE access limited to two named analysts on site.',
          acceptedUntil: until,
          lapsedOn: addDays(until, 1),
        },
      });
      const [audit] = await query<{ actor_type: string; actor_id: string }>(
        api.databaseUrl,
        "SELECT actor_type, actor_id FROM audit_event WHERE entity_id = $1 AND action = 'finding.acceptance_lapsed'",
        [tre.id],
      );
      expect(audit).toEqual({ actor_type: 'system', actor_id: 'risk-daily' });
      const report = (await call(governance, 'GET', '/api/v1/reports/supply-chain?format=json')).json();
      expect(report.decisions.lapsedAcceptances).toEqual([
        expect.objectContaining({
          findingId: tre.id,
          supplier: 'Riverside University',
          questionCode: 'TRE-03',
          acceptedUntil: until,
          lapsedOn: addDays(until, 1),
        }),
      ]);
    } finally {
      api.clock.freeze(NOW);
    }
  });

  it('a transfer lowers net VaR only while current: past its review date it stops, and shows as expired', async () => {
    const reviewDate = addDays(TODAY, 60);
    const transfer = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'transfer',
      rationale: 'Cyber policy covers research partners.',
      reviewDate,
      insurer: 'Example Mutual',
      policyRef: 'CY-2027-002',
      limit: 10_000_000,
      excess: 1_000_000,
      expiresOn: addDays(TODAY, 365),
    });
    expect(transfer.statusCode).toBe(201);
    const insured = await risk();
    expect(insured.netValueAtRisk).toBeLessThan(insured.valueAtRisk);
    try {
      api.clock.freeze(`${addDays(reviewDate, 1)}T06:00:00Z`);
      expect((await api.app.get(DailyRiskRun).run()).recomputed).toBe(1);
      const lapsed = await risk();
      expect(lapsed.netValueAtRisk).toBe(lapsed.valueAtRisk);
      expect(lapsed.explanation.valueAtRisk.insurance).toBeNull();
      const report = (await call(governance, 'GET', '/api/v1/reports/supply-chain?format=json')).json();
      expect(report.decisions.currentByType.transfer).toBe(0);
      expect(report.decisions.expired).toEqual([
        expect.objectContaining({ supplier: 'Riverside University', decision: 'transfer', reviewDate }),
      ]);
    } finally {
      api.clock.freeze(NOW);
    }
  });

  it('an avoid decision past its date with links still counting is listed as overdue', async () => {
    const avoid = await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/risk-decisions`, {
      decision: 'avoid',
      rationale: 'Stop sharing until the TRE has MFA.',
      reviewDate: addDays(TODAY, 90),
      endLinksBy: addDays(TODAY, 14),
    });
    expect(avoid.statusCode).toBe(201);
    const pack = async () =>
      (await call(governance, 'GET', '/api/v1/reports/supply-chain?format=json')).json().decisions.avoidOverdue;
    expect(await pack()).toEqual([]);
    try {
      api.clock.freeze(`${addDays(TODAY, 15)}T09:00:00Z`);
      expect(await pack()).toEqual([
        expect.objectContaining({
          supplier: 'Riverside University',
          endLinksBy: addDays(TODAY, 14),
          linksStillCounting: 1,
          records: 1_100_000,
        }),
      ]);
    } finally {
      api.clock.freeze(NOW);
    }
  });

  it('the pack counts records shared with several suppliers once, beside the per-supplier sum', async () => {
    const [{ id: assetId }] = await query<{ id: string }>(
      api.databaseUrl,
      "SELECT id FROM data_asset WHERE name = 'Major trauma research dataset'",
    );
    const other = (
      await call(buyer, 'POST', '/api/v1/suppliers', {
        name: 'Genomics Partners LLP',
        kind: 'research_partner',
        criticality: 'low',
        status: 'onboarding',
      })
    ).json();
    const link = await call(buyer, 'POST', '/api/v1/data-sharing-links', {
      supplierId: other.id,
      dataAssetId: assetId,
      purpose: 'Genomic sub-study',
      direction: 'outbound',
      recordCount: 40_000,
      pseudonymisation: 'pseudonymised',
      article6Basis: 'public_task',
      article9Condition: 'research',
      confidentialityBasis: 'consent',
      agreementType: 'DSA',
      agreementRef: 'DSA-2026-020',
      processingLocation: 'uk',
      reviewDate: '2027-06-30',
      status: 'active',
    });
    expect([link.statusCode, link.json().errors ?? null, other.errors ?? null]).toEqual([201, null, null]);
    const headline = (await call(governance, 'GET', '/api/v1/reports/supply-chain?format=json')).json().headline;
    expect(headline.recordsShared.special_category).toBe(1_100_000 + 40_000); // each supplier's holding, added up
    expect(headline.recordsHeldDistinct.special_category).toBe(1_100_000); // the same dataset, once
  });
});
