import { UsersService } from '@app/identity';
import { startTestApi, type TestApi } from './support/app.js';
import { postConsoleLogin } from './support/console.js';
import { query } from './support/db.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

function multipart(question: string, content: Buffer) {
  const boundary = `----assure${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="question"\r\n\r\n${question}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cert.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Who may do what (issue 17): each gap the attack found, closed. */
describe('hardening: who may do what', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '100000', BODY_LIMIT_BYTES: String(12 * 1024 * 1024) });
    api.clock.freeze('2026-11-28T09:00:00Z');
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    admin = await signIn(api, 'admin');
  }, 60_000);
  afterAll(() => {
    api?.clock.reset();
    return api?.close();
  });

  const newUser = async (role: 'viewer' | 'admin' | 'procurement') => {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@trust.nhs.test`;
    const user = await api.app.get(UsersService).create({ email, name: `${role} person`, role, password: PASSWORD });
    return { id: user.id, email };
  };
  const login = (email: string, password = PASSWORD) =>
    api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: `10.6.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    });
  const consoleCookie = async (email: string) =>
    String(
      (
        await postConsoleLogin(
          api,
          `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
          `10.5.${Math.floor(Math.random() * 250)}.1`,
        )
      ).headers['set-cookie'],
    ).split(';')[0];

  it("leaves every acceptance field to governance, whatever the finding's status", async () => {
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Findings Ltd',
        kind: 'supplier',
        criticality: 'high',
        status: 'active',
        contacts: [{ name: 'Fi', email: 'fi@findings.example', role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31' },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    type Q = { code: string; type: string; options: { value: string }[] | null };
    const answers = (await portal('GET', '/portal/assessment'))
      .json()
      .sections.flatMap((x: { questions: Q[] }) => x.questions)
      .map((q: Q) => ({
        code: q.code,
        version: 0,
        value: (
          {
            yes_no: 'no',
            yes_no_partial: 'no',
            single_choice: q.options?.at(-1)?.value,
            text: 'None.',
            number: 0,
            date: '2026-01-01',
            multi_choice: [q.options?.[0]?.value],
          } as Record<string, unknown>
        )[q.type],
      }));
    expect((await portal('POST', '/portal/assessment/answers', { answers })).statusCode).toBe(200);
    expect(
      (
        await portal('POST', '/portal/assessment/submit', {
          attestation: { name: 'Fi', jobTitle: 'IT', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/assessments/${sent.json().id}/complete`,
          headers: buyer.headers,
        })
      ).statusCode,
    ).toBe(200);
    const [finding] = await query<{ id: string }>(
      api.databaseUrl,
      'SELECT id FROM finding WHERE supplier_id = $1 LIMIT 1',
      [supplier.json().id],
    );

    for (const patch of [
      { acceptanceReason: 'Procurement says it is fine.' },
      { acceptedUntil: '2027-06-30' },
      {
        status: 'remediation_planned',
        plannedAction: 'Fix it.',
        dueDate: '2027-03-31',
        acceptanceReason: 'Sneaked in with a plan.',
      },
    ]) {
      const res = await api.request({
        method: 'PATCH',
        url: `/api/v1/findings/${finding.id}`,
        headers: buyer.headers,
        payload: patch,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FINDING.ACCEPTANCE_GOVERNANCE_ONLY');
    }
    const [stored] = await query<{ acceptance_reason: string | null; status: string }>(
      api.databaseUrl,
      'SELECT acceptance_reason, status FROM finding WHERE id = $1',
      [finding.id],
    );
    expect(stored).toEqual({ acceptance_reason: null, status: 'open' });
    const accepted = await api.request({
      method: 'PATCH',
      url: `/api/v1/findings/${finding.id}`,
      headers: governance.headers,
      payload: {
        status: 'accepted',
        acceptanceReason: 'Compensating controls are in place.',
        acceptedUntil: '2027-06-30',
      },
    });
    expect(accepted.statusCode).toBe(200);
  }, 60_000);

  it("ends a user's tokens and console sessions when an admin resets the password", async () => {
    const person = await newUser('viewer');
    const token = (await login(person.email)).json().accessToken;
    const cookie = await consoleCookie(person.email);
    expect((await api.request({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(200);

    expect(
      (
        await api.request({
          method: 'PATCH',
          url: `/api/v1/users/${person.id}`,
          headers: admin.headers,
          payload: { password: 'a brand new passphrase' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await api.request({ method: 'GET', url: '/api/v1/suppliers', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
    expect((await api.request({ method: 'GET', url: '/console', headers: { cookie } })).headers.location).toBe(
      '/console/login',
    );
    expect(await query(api.databaseUrl, 'SELECT 1 FROM console_session WHERE user_id = $1', [person.id])).toHaveLength(
      0,
    );
    // The new password works, and its token does.
    const fresh = await login(person.email, 'a brand new passphrase');
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/api/v1/suppliers',
          headers: { authorization: `Bearer ${fresh.json().accessToken}` },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("ends them the same way for a reset through the CLI's use-case", async () => {
    const person = await newUser('viewer');
    const token = (await login(person.email)).json().accessToken;
    await api.app.get(UsersService).resetPasswordByEmail(person.email, 'another new passphrase');
    expect(
      (await api.request({ method: 'GET', url: '/api/v1/suppliers', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
  });

  it('keeps the last active admin: no demotion, no disabling, not even of oneself', async () => {
    // The test database holds other admins from the other tests: disable all but one.
    const solo = await newUser('admin');
    await query(api.databaseUrl, "UPDATE app_user SET active = false WHERE role = 'admin' AND id <> $1", [solo.id]);
    const soloToken = (await login(solo.email)).json().accessToken;
    const headers = { authorization: `Bearer ${soloToken}` };
    for (const patch of [{ role: 'viewer' }, { active: false }]) {
      const res = await api.request({ method: 'PATCH', url: `/api/v1/users/${solo.id}`, headers, payload: patch });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'USER.LAST_ADMIN', errors: [{ path: Object.keys(patch)[0] }] });
    }
    // With a second admin, one of them may step down; the other then cannot.
    const second = await newUser('admin');
    const [a, b] = await Promise.all([
      api.request({ method: 'PATCH', url: `/api/v1/users/${second.id}`, headers, payload: { role: 'viewer' } }),
      api.request({ method: 'PATCH', url: `/api/v1/users/${solo.id}`, headers, payload: { role: 'viewer' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    await query(api.databaseUrl, "UPDATE app_user SET active = true, role = 'admin' WHERE id = ANY($1)", [
      [admin.id, second.id],
    ]);
  });

  it("refuses a change on the console's queue board from a foreign origin or without a token", async () => {
    const cookie = await consoleCookie(admin.email);
    const url = '/console/admin/queues/api/queues/email/pause';
    const foreign = await api.request({ method: 'PUT', url, headers: { cookie, origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('AUTH.CSRF');
    expect((await api.request({ method: 'PUT', url, headers: { cookie } })).statusCode).toBe(403);
    const own = await api.request({
      method: 'PUT',
      url,
      headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(own.statusCode).toBeLessThan(300);
    await api.request({
      method: 'PUT',
      url: '/console/admin/queues/api/queues/email/resume',
      headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
  });

  it("refuses a console sign-in without the form's login CSRF token", async () => {
    const person = await newUser('viewer');
    const forged = await api.request({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(person.email)}&password=${encodeURIComponent(PASSWORD)}`,
      remoteAddress: '10.4.0.1',
    });
    expect(forged.statusCode).toBe(403);
    expect(String(forged.headers['set-cookie'] ?? '')).not.toContain('assure_console=');
    const form = await api.request({ method: 'GET', url: '/console/login' });
    expect(form.headers['set-cookie']).toMatch(
      /^assure_login_csrf=[A-Za-z0-9_-]{43}; Path=\/console\/login; HttpOnly; SameSite=Lax/,
    );
    expect(form.body).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
  });

  it("throttles one account's wrong passwords with a growing delay, API and console together, at most a minute", async () => {
    const person = await newUser('viewer');
    for (let i = 0; i < 5; i++) expect((await login(person.email, 'wrong password')).statusCode).toBe(401);
    // The sixth failure asks for a wait of 1 s; the one after it, made during the wait, is refused unchecked.
    expect((await login(person.email, 'wrong password')).statusCode).toBe(401);
    const waiting = await login(person.email);
    expect(waiting.statusCode).toBe(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(waiting.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const consoleWaiting = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(person.email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.4.0.2',
    );
    expect(consoleWaiting.statusCode).toBe(429);
    // The wait is short and then the right password works, and clears the count.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(person.email)).statusCode).toBe(200);
    expect((await login(person.email, 'wrong password')).statusCode).toBe(401);
    expect((await login(person.email)).statusCode).toBe(200);
  });

  it('caps evidence per question (422) and per assessment (413)', async () => {
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Uploads Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Up', email: 'up@uploads.example', role: 'primary' }],
      },
    });
    const definition = {
      key: 'evidence-caps',
      version: 1,
      title: 'Evidence caps',
      sections: [
        {
          key: 's',
          title: 'S',
          questions: Array.from({ length: 12 }, (_, i) => ({
            code: `CAP-${String(i + 1).padStart(2, '0')}`,
            text: `Question ${i + 1}?`,
            type: 'yes_no',
            evidence: 'optional',
            required: false,
          })),
        },
      ],
    };
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/v1/questionnaires',
          headers: buyer.headers,
          payload: definition,
        })
      ).statusCode,
    ).toBe(201);
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, questionnaireKey: 'evidence-caps', dueDate: '2099-01-31' },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const upload = (question: string, content: Buffer) => {
      const body = multipart(question, content);
      return api.request({
        method: 'POST',
        url: '/portal/assessment/evidence',
        headers: { ...body.headers, authorization: `Bearer ${token}`, accept: 'application/json' },
        payload: body.payload,
      });
    };
    for (let i = 0; i < 5; i++) expect((await upload('CAP-01', PNG)).statusCode).toBe(201);
    const sixth = await upload('CAP-01', PNG);
    expect(sixth.statusCode).toBe(422);
    expect(sixth.json()).toMatchObject({ code: 'EVIDENCE.TOO_MANY_FOR_QUESTION', errors: [{ path: 'question' }] });
    // The total: ten files held of 10 MB each (their sizes set in place, to keep the test light) make 100 MB.
    for (let i = 0; i < 5; i++) expect((await upload('CAP-02', PNG)).statusCode).toBe(201);
    await query(api.databaseUrl, 'UPDATE assessment_evidence SET size = $2 WHERE assessment_id = $1', [
      sent.json().id,
      10 * 1024 * 1024,
    ]);
    const over = await upload('CAP-03', PNG);
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({ code: 'EVIDENCE.TOO_LARGE_IN_TOTAL', errors: [{ path: 'file' }] });
  }, 60_000);
});
