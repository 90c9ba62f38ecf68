import { createHash } from 'node:crypto';
import { AssessmentExpiry } from '@app/assessments';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { waitUntil } from './support/processes.js';
import { signIn, type SignedIn } from './support/users.js';

type Q = {
  code: string;
  type: string;
  options: { value: string }[] | null;
  visible: boolean;
  answer: { version: number } | null;
};

describe('assessments and the supplier portal', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let supplierId: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    api.clock.freeze('2026-11-28T09:00:00Z');
    supplierId = await newSupplier('Acme <script>alert(1)</script> Couriers');
  });
  afterAll(() => api.close());

  async function newSupplier(name: string, criticality = 'low') {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality,
        status: 'active',
        contacts: [
          { name: 'Pat Primary', email: `pat.${Math.random().toString(36).slice(2)}@acme.example`, role: 'primary' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }
  const send = (payload: object) =>
    api.request({ method: 'POST', url: '/api/v1/assessments', headers: buyer.headers, payload });
  const tokenOf = (url: string) => url.split('/portal/i/')[1];
  const portal = (method: 'GET' | 'POST', url: string, auth: { cookie?: string; token?: string }, payload?: object) =>
    api.request({
      method,
      url,
      payload,
      headers: {
        accept: 'application/json',
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      },
    });

  async function sendTo(id: string, extra: object = {}) {
    const res = await send({ supplierId: id, dueDate: '2026-12-31', ...extra });
    expect(res.statusCode).toBe(201);
    return { id: res.json().id as string, token: tokenOf(res.json().invitationUrl) };
  }

  async function answerEverything(auth: { token: string }) {
    const view = (await portal('GET', '/portal/assessment', auth)).json();
    const answers = view.sections
      .flatMap((s: { questions: Q[] }) => s.questions)
      .map((q: Q) => ({
        code: q.code,
        version: q.answer?.version ?? 0,
        value: {
          yes_no: 'yes',
          yes_no_partial: 'yes',
          single_choice: q.options?.[0].value,
          multi_choice: [q.options?.[0].value],
          text: 'Described.',
          number: 1,
          date: '2026-01-01',
        }[q.type],
      }));
    const res = await portal('POST', '/portal/assessment/answers', auth, { answers });
    expect(res.statusCode).toBe(200);
  }

  it('sends the default questionnaire to the primary contact; the link is shown once and only its hash is stored', async () => {
    const res = await send({ supplierId, dueDate: '2026-12-31' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    // A low-criticality supplier with no data is tier 4: the short questionnaire.
    expect(body).toMatchObject({
      supplierId,
      questionnaireKey: 'supplier-security-lite',
      questionnaireVersion: 3,
      dueDate: '2026-12-31',
      status: 'sent',
    });
    expect(body.invitationUrl).toMatch(/^http:\/\/assure\.test\/portal\/i\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(body.invitationUrl);
    const [invitation] = await query<{ token_hash: string; expires_at: Date }>(
      api.databaseUrl,
      'SELECT token_hash, expires_at FROM assessment_invitation WHERE assessment_id = $1',
      [body.id],
    );
    expect(invitation.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(invitation.expires_at.toISOString()).toBe('2027-01-30T23:59:59.999Z');
    const dump =
      JSON.stringify(await query(api.databaseUrl, 'SELECT * FROM outbox_message')) +
      JSON.stringify(await query(api.databaseUrl, 'SELECT * FROM audit_event'));
    expect(dump).not.toContain(token);
    // Enqueued on Bull right after the commit (no worker runs here, so no sweeper either).
    const queued = async () =>
      (
        await query<{ kind: string; status: string }>(
          api.databaseUrl,
          "SELECT kind, status FROM outbox_message WHERE refs->>'assessmentId' = $1",
          [body.id],
        )
      )[0];
    await waitUntil(async () => ((await queued()).status === 'queued' ? true : undefined), 5000);
    expect((await queued()).kind).toBe('assessment.invitation');
    expect(
      (await api.request({ method: 'GET', url: `/api/v1/assessments/${body.id}`, headers: buyer.headers })).json()
        .invitationUrl,
    ).toBeUndefined();
  });

  it('refuses a second open assessment of the same questionnaire, a past due date and an unknown questionnaire', async () => {
    expect((await send({ supplierId, dueDate: '2026-12-31' })).statusCode).toBe(409);
    const past = await send({ supplierId, dueDate: '2026-11-28', questionnaireKey: 'supplier-security-core' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('dueDate');
    expect(
      (await send({ supplierId, dueDate: '2026-12-31', questionnaireKey: 'no-such-thing' })).json().errors[0].path,
    ).toBe('questionnaireKey');
  });

  it('shows a side-effect-free landing page, with what the supplier typed escaped', async () => {
    const { id, token } = await sendTo(await newSupplier('Landing <b>Bold</b> Ltd'));
    const page = await api.request({ method: 'GET', url: `/portal/i/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('Landing &lt;b&gt;Bold&lt;/b&gt; Ltd');
    expect(page.body).not.toContain('<b>Bold</b>');
    expect(page.body).toContain('31 December 2026'); // dates in words on the supplier's pages
    const [row] = await query<{ status: string; sessions: string }>(
      api.databaseUrl,
      'SELECT status, (SELECT count(*) FROM portal_session WHERE assessment_id = $1) AS sessions FROM assessment WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'sent', sessions: '0' });
  });

  it('gives clear pages that reveal nothing for unknown links', async () => {
    const unknown = await api.request({ method: 'GET', url: `/portal/i/${'x'.repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link is not valid');
    expect((await api.request({ method: 'GET', url: '/portal/i/short' })).statusCode).toBe(404);
  });

  it('opens a session cookie bound to one assessment, and never reaches another', async () => {
    const a = await sendTo(await newSupplier('Alpha Session Ltd'));
    const b = await sendTo(await newSupplier('Beta Session Ltd'));
    const start = await api.request({ method: 'POST', url: `/portal/i/${a.token}/start` });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/portal/assessment');
    const setCookie = String(start.headers['set-cookie']);
    expect(setCookie).toMatch(/^assure_portal=[A-Za-z0-9_-]{22}; Path=\/portal; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(';')[0];
    const view = await portal('GET', '/portal/assessment', { cookie });
    expect(view.statusCode).toBe(200);
    expect(view.json().assessment).toMatchObject({
      id: a.id,
      supplier: { name: 'Alpha Session Ltd' },
      questionnaire: { key: 'supplier-security-lite' },
    });
    expect((await portal('GET', '/portal/assessment', { token: b.token })).json().assessment.id).toBe(b.id);
    expect((await portal('GET', '/portal/assessment', {})).statusCode).toBe(401);
    expect(
      (await portal('GET', '/portal/assessment', { cookie: 'assure_portal=AAAAAAAAAAAAAAAAAAAAAA' })).statusCode,
    ).toBe(401);
  });

  it('saves drafts with versions, refuses stale writes and invalid values, and starts the assessment', async () => {
    const { id, token } = await sendTo(await newSupplier('Drafts Ltd'));
    const save = (answers: object[]) => portal('POST', '/portal/assessment/answers', { token }, { answers });
    const first = await save([{ code: 'LGV-01', value: 'yes', comment: '<script>alert("x")</script>', version: 0 }]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ answers: [{ code: 'LGV-01', version: 1 }] });
    expect(
      (await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM assessment WHERE id = $1', [id]))[0].status,
    ).toBe('in_progress');

    const stale = await save([
      { code: 'LGV-01', value: 'no', version: 0 },
      { code: 'LGV-02', value: 'yes', version: 0 },
    ]);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors).toEqual([
      { path: 'answers.LGV-01', message: expect.stringContaining('is at version 1') },
    ]);
    const after = (await portal('GET', '/portal/assessment', { token })).json().sections[0].questions;
    expect(after[0].answer).toEqual({
      value: 'yes',
      notApplicable: false,
      comment: '<script>alert("x")</script>',
      version: 1,
    });
    expect(after[1].answer).toBeNull();

    const invalid = await save([
      { code: 'LGV-01', value: 'maybe', version: 1 },
      { code: 'NOPE-01', value: 'yes', version: 0 },
      { code: 'LGV-02', notApplicable: true, version: 0 },
    ]);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'answers[0].value',
      'answers[1].code',
      'answers[2].notApplicable',
    ]);
    expect((await save([{ code: 'LGV-01', value: 'partial', version: 1 }])).json().answers[0].version).toBe(2);

    // One answer at a time (the database's shorter path): a version other than the current one,
    // a new answer over an existing one, or a version for an answer never given is stale, and writes nothing.
    for (const [answer, message] of [
      [{ code: 'LGV-01', value: 'no', version: 1 }, 'is at version 2'],
      [{ code: 'LGV-01', value: 'no', version: 0 }, 'is at version 2'],
      [{ code: 'LGV-02', value: 'yes', version: 4 }, 'has not been answered yet'],
    ] as const) {
      const refused = await save([answer]);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().errors).toEqual([
        { path: `answers.${answer.code}`, message: expect.stringContaining(message) },
      ]);
    }
    const kept = (await portal('GET', '/portal/assessment', { token })).json().sections[0].questions;
    expect(kept[0].answer).toMatchObject({ value: 'partial', version: 2 });
    expect(kept[1].answer).toBeNull();
  });

  it('submits only when every required visible question is answered, once, and is read-only after', async () => {
    const { id, token } = await sendTo(await newSupplier('Submit Ltd'));
    const submit = () =>
      portal(
        'POST',
        '/portal/assessment/submit',
        { token },
        { attestation: { name: 'Pat Primary', jobTitle: 'IT Director', confirmed: true } },
      );
    const early = await submit();
    expect(early.statusCode).toBe(422);
    expect(early.json().errors.length).toBeGreaterThan(10);
    expect(early.json().errors[0]).toEqual({ path: 'answers.LGV-01', message: expect.stringContaining('is required') });
    await answerEverything({ token });
    const unconfirmed = await portal(
      'POST',
      '/portal/assessment/submit',
      { token },
      { attestation: { name: 'Pat', jobTitle: 'IT', confirmed: false } },
    );
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().errors[0].path).toBe('attestation.confirmed');
    const done = await submit();
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id, status: 'submitted' });
    expect((await submit()).statusCode).toBe(409);
    expect(
      (
        await portal(
          'POST',
          '/portal/assessment/answers',
          { token },
          { answers: [{ code: 'LGV-01', value: 'no', version: 1 }] },
        )
      ).statusCode,
    ).toBe(409);
    // Every scored answer was the best one: a provisional score of 100, band A, no finding.
    const provisional = (
      await api.request({ method: 'GET', url: `/api/v1/assessments/${id}`, headers: buyer.headers })
    ).json().score;
    expect(provisional).toMatchObject({
      stage: 'provisional',
      overall: 100,
      band: 'A',
      criticalFailures: [],
      findings: [],
    });

    // Procurement returns it for clarification; the supplier can change the named answer and resubmit.
    const returned = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${id}/return`,
      headers: buyer.headers,
      payload: { questionCodes: ['LCT-01'], message: 'Which remote access routes?' },
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnedQuestions: ['LCT-01'] });
    const view = (await portal('GET', '/portal/assessment', { token })).json();
    expect(view.assessment).toMatchObject({
      status: 'returned',
      returnedQuestions: ['LCT-01'],
      returnMessage: 'Which remote access routes?',
    });
    expect(
      (
        await portal(
          'POST',
          '/portal/assessment/answers',
          { token },
          {
            answers: [{ code: 'LCT-01', value: 'partial', comment: 'VPN has MFA; RDP gateway next month', version: 1 }],
          },
        )
      ).statusCode,
    ).toBe(200);
    const starts = await query<{ changes: object }>(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE entity_id = $1 AND action = 'assessment.started' ORDER BY id",
      [id],
    );
    expect(starts.map((r) => r.changes)).toEqual([
      { status: { before: 'sent', after: 'in_progress' } },
      { status: { before: 'returned', after: 'in_progress' } },
    ]);
    expect((await submit()).statusCode).toBe(200);
    const completed = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${id}/complete`,
      headers: buyer.headers,
    });
    expect(completed.json().status).toBe('completed');
    // LCT-01 (critical, weight 5) now "partial": s = 0.5 -> a high finding, the final score drops, and
    // a partial answer on a knock-out question caps the band at C (risk-model section 1).
    expect(completed.json().score).toMatchObject({
      stage: 'final',
      band: 'C',
      uncappedBand: expect.stringMatching(/^[AB]$/),
      cap: { band: 'C', kind: 'partial', questions: ['LCT-01'] },
      criticalPartials: ['LCT-01'],
    });
    expect(completed.json().score.overall).toBeLessThan(100);
    expect(completed.json().score.findings).toEqual([
      expect.objectContaining({
        questionCode: 'LCT-01',
        severity: 'high',
        answer: 'partial',
        comment: 'VPN has MFA; RDP gateway next month',
      }),
    ]);
    const again = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${id}/complete`,
      headers: buyer.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toEqual({ path: 'status', message: 'is completed' });
    const detail = await api.request({ method: 'GET', url: `/api/v1/assessments/${id}`, headers: buyer.headers });
    expect(detail.json().answers.find((a: { code: string }) => a.code === 'LCT-01')).toMatchObject({
      value: 'partial',
      version: 2,
    });
  });

  it('revokes the old link on resend and on cancel, and expires links 30 days after the due date', async () => {
    const { id, token } = await sendTo(await newSupplier('Resend Ltd'));
    const start = await api.request({ method: 'POST', url: `/portal/i/${token}/start` });
    const cookie = String(start.headers['set-cookie']).split(';')[0];
    const saveWith = (key: string, version: number) =>
      portal(
        'POST',
        '/portal/assessment/answers',
        { token: key },
        { answers: [{ code: 'LGV-01', value: 'yes', version }] },
      );
    expect((await saveWith(token, 0)).statusCode).toBe(200); // a scripted save: the link is now known to this process
    const resent = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${id}/resend`,
      headers: buyer.headers,
    });
    expect(resent.statusCode).toBe(200);
    const fresh = tokenOf(resent.json().invitationUrl);
    expect(fresh).not.toBe(token);
    expect((await api.request({ method: 'GET', url: `/portal/i/${token}` })).statusCode).toBe(410);
    expect((await portal('GET', '/portal/assessment', { cookie })).statusCode).toBe(410);
    const revokedSave = await saveWith(token, 1);
    expect(revokedSave.statusCode).toBe(410);
    expect(revokedSave.json().code).toBe('PORTAL.LINK_REVOKED');
    expect((await api.request({ method: 'GET', url: `/portal/i/${fresh}` })).statusCode).toBe(200);
    expect((await saveWith(fresh, 1)).statusCode).toBe(200);

    api.clock.freeze('2027-01-31T00:00:00Z');
    const expired = await api.request({ method: 'GET', url: `/portal/i/${fresh}` });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('expired');
    expect((await saveWith(fresh, 2)).statusCode).toBe(410);
    api.clock.freeze('2026-11-28T09:00:00Z');

    const cancelled = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${id}/cancel`,
      headers: buyer.headers,
    });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await portal('GET', '/portal/assessment', { token: fresh })).statusCode).toBe(410);
    expect((await saveWith(fresh, 2)).statusCode).toBe(410);
    // Refused saves changed nothing; the two that landed are in the audit trail with their versions.
    expect(
      await query(api.databaseUrl, 'SELECT version, value FROM assessment_answer WHERE assessment_id = $1', [id]),
    ).toEqual([{ version: 2, value: 'yes' }]);
    const saved = await query<{ changes: object }>(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE entity_id = $1 AND action = 'answer.saved' ORDER BY id",
      [id],
    );
    expect(saved.map((r) => r.changes)).toEqual([
      { 'LGV-01': { before: null, after: { value: 'yes', notApplicable: false, comment: null, version: 1 } } },
      {
        'LGV-01': { before: { version: 1 }, after: { value: 'yes', notApplicable: false, comment: null, version: 2 } },
      },
    ]);
  });

  it('ends an idle portal session after 30 minutes', async () => {
    const { token } = await sendTo(await newSupplier('Idle Ltd'));
    const cookie = String(
      (await api.request({ method: 'POST', url: `/portal/i/${token}/start` })).headers['set-cookie'],
    ).split(';')[0];
    expect((await portal('GET', '/portal/assessment', { cookie })).statusCode).toBe(200);
    api.clock.freeze('2026-11-28T09:31:00Z');
    expect((await portal('GET', '/portal/assessment', { cookie })).statusCode).toBe(401);
    api.clock.freeze('2026-11-28T09:00:00Z');
  });

  it('lists assessments with filters', async () => {
    const list = await api.request({
      method: 'GET',
      url: `/api/v1/assessments?supplierId=${supplierId}`,
      headers: buyer.headers,
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ supplierId, status: 'sent' }] });
    const cancelled = await api.request({
      method: 'GET',
      url: '/api/v1/assessments?status=cancelled',
      headers: buyer.headers,
    });
    expect(cancelled.json().total).toBe(1);
  });

  it('moves an unsubmitted assessment to expired once no link to it works, once', async () => {
    const { id, token } = await sendTo(await newSupplier('Lapsed Ltd'), { dueDate: '2026-12-31' });
    const expiry = api.app.get(AssessmentExpiry);
    api.clock.freeze('2027-01-30T12:00:00Z'); // the link still works until the end of 30 January
    try {
      expect(
        (await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM assessment WHERE id = $1', [id]))[0]
          .status,
      ).toBe('sent');
      await expiry.run();
      expect(
        (await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM assessment WHERE id = $1', [id]))[0]
          .status,
      ).toBe('sent');
      api.clock.freeze('2027-01-31T09:00:00Z');
      expect((await expiry.run()).expired).toBeGreaterThanOrEqual(1);
      expect(
        (await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM assessment WHERE id = $1', [id]))[0]
          .status,
      ).toBe('expired');
      expect(await expiry.run()).toEqual({ expired: 0 });
      const audit = await query<{ actor_type: string }>(
        api.databaseUrl,
        "SELECT actor_type FROM audit_event WHERE action = 'assessment.expired' AND entity_id = $1",
        [id],
      );
      expect(audit).toEqual([{ actor_type: 'system' }]);
      const history = (
        await api.request({ method: 'GET', url: `/api/v1/assessments/${id}`, headers: buyer.headers })
      ).json().history;
      expect(history.map((h: { action: string }) => h.action)).toEqual(['assessment.sent', 'assessment.expired']);
      expect((await portal('GET', '/portal/assessment', { token })).statusCode).toBe(410);
    } finally {
      api.clock.freeze('2026-11-28T09:00:00Z');
    }
  });
});
