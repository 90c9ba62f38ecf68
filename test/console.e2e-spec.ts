import type { Browser, Page } from 'playwright-core';
import { InvitationTokenBox } from '@app/assessments';
import { UsersService } from '@app/identity';
import type { TestApi } from './support/app.js';
import { postConsoleLogin } from './support/console.js';
import { query } from './support/db.js';
import {
  axeViolations,
  consolePage,
  consoleSession,
  createSupplier,
  createUser,
  launchChromium,
  startListeningApi,
} from './support/factories.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';

/** The console: sign-in with a session cookie, CSRF on every form, roles by the API's guard, pages that pass axe. */
describe('console', () => {
  let api: TestApi;
  let base: string;
  let buyer: SignedIn;
  let supplierId: string;
  let reviewId: string;

  beforeAll(async () => {
    ({ api, base } = await startListeningApi());
    api.clock.freeze('2026-11-28T09:00:00Z'); // the literal dates below are written against this day
    buyer = await signIn(api, 'procurement');
    supplierId = await createSupplier(api, buyer, {
      name: 'Evil <script>alert(1)</script> Ltd',
      contacts: [{ name: 'Pat', email: 'pat@evil.example', role: 'primary' }],
    });
  }, 60_000);
  afterAll(() => {
    api?.clock.reset();
    return api?.close();
  });

  /** Signs in through the form; answers the session cookie and the CSRF token of the first page. */
  async function consoleLogin(email: string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
    const { cookie, csrf, status } = await consoleSession(api, email, password);
    expect(status).toBe(303);
    return { cookie, csrf };
  }
  const user = (role: 'viewer' | 'governance' | 'procurement' | 'admin') => createUser(api, role);
  const form = (cookie: string, url: string, fields: Record<string, string>) =>
    api.request({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('sends / to the console and the signed-out to the sign-in page; a wrong password says so', async () => {
    expect((await api.request({ method: 'GET', url: '/' })).headers.location).toBe('/console');
    const signedOut = await api.request({ method: 'GET', url: '/console/suppliers' });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/console/login');
    const wrong = await postConsoleLogin(api, 'email=nobody%40trust.nhs.test&password=wrong', '10.7.0.1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Email or password is wrong.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie, a new id each time; sign-out ends it', async () => {
    const { email } = await user('viewer');
    const res = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.7.0.2',
    );
    expect(res.headers['set-cookie']).toMatch(
      /^assure_console=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Lax; Max-Age=36000$/,
    );
    const first = String(res.headers['set-cookie']).split(';')[0];
    const second = (await consoleLogin(email)).cookie;
    expect(second).not.toBe(first);
    const stored = await query<{ id_hash: string }>(api.databaseUrl, 'SELECT id_hash FROM console_session');
    expect(JSON.stringify(stored)).not.toContain(first.split('=')[1]); // only hashes are stored
    const { cookie, csrf } = await consoleLogin(email);
    expect((await api.request({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(200);
    expect((await form(cookie, '/console/logout', { _csrf: csrf })).statusCode).toBe(303);
    expect((await api.request({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(303);
  });

  it('shows the dashboard and the supplier list with what users typed escaped', async () => {
    const { cookie } = await consoleLogin(buyer.email);
    const dashboard = await api.request({ method: 'GET', url: '/console', headers: { cookie } });
    expect(dashboard.body).toContain('id="heat-map"');
    const list = await api.request({
      method: 'GET',
      url: '/console/suppliers?q=evil&sort=-netValueAtRisk',
      headers: { cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; Ltd');
    expect(list.body).not.toContain('<script>alert(1)');
    expect(list.body).toContain('1 supplier.');
    // The only script is the console's own enhancement (the pages work without it: see the browser test with JavaScript off).
    for (const body of [dashboard.body, list.body])
      expect(body.match(/<script[^>]*>/gi)).toEqual(['<script src="/console/assets/console.js" defer>']);
  });

  it('refuses a form without the session’s CSRF token, and changes nothing', async () => {
    const governance = await user('governance');
    const { cookie, csrf } = await consoleLogin(governance.email);
    const fields = {
      decision: 'accept',
      rationale: 'Low residual risk after the review.',
      reviewDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    };
    const forged = await form(cookie, `/console/suppliers/${supplierId}/decisions`, fields);
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('did not come from this site');
    expect(await query(api.databaseUrl, 'SELECT id FROM risk_decision')).toHaveLength(0);
    const wrongToken = await form(cookie, `/console/suppliers/${supplierId}/decisions`, {
      ...fields,
      _csrf: 'x'.repeat(csrf.length),
    });
    expect(wrongToken.statusCode).toBe(403);

    const invalid = await form(cookie, `/console/suppliers/${supplierId}/decisions`, {
      ...fields,
      rationale: 'short',
      _csrf: csrf,
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('There is a problem');
    expect(invalid.body).toContain('Say why, in at least 10 characters');
    // The form is checked with the API's DecisionBody: its length limit too, in plain words.
    const tooLong = await form(cookie, `/console/suppliers/${supplierId}/decisions`, {
      ...fields,
      rationale: 'x'.repeat(5001),
      _csrf: csrf,
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Rationale must be 5000 characters or fewer');
    const done = await form(cookie, `/console/suppliers/${supplierId}/decisions`, { ...fields, _csrf: csrf });
    expect(done.statusCode).toBe(303);
    expect(
      await query(api.databaseUrl, 'SELECT decision FROM risk_decision WHERE supplier_id = $1 AND current', [
        supplierId,
      ]),
    ).toEqual([{ decision: 'accept' }]);
    const page = await api.request({ method: 'GET', url: `/console/suppliers/${supplierId}`, headers: { cookie } });
    expect(page.body).toContain('accept (current');
  });

  it('decides what is shown and allowed by role, with the API’s guard; a disabled user is out at once', async () => {
    const viewer = await user('viewer');
    const { cookie, csrf } = await consoleLogin(viewer.email);
    const page = await api.request({ method: 'GET', url: `/console/suppliers/${supplierId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Record the decision');
    expect(page.body).not.toContain('<h2>Findings</h2>');
    const refused = await form(cookie, `/console/suppliers/${supplierId}/decisions`, {
      decision: 'accept',
      rationale: 'Not allowed to decide this.',
      reviewDate: '2027-01-01',
      _csrf: csrf,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Not allowed');
    await api.app.get(UsersService).update(viewer.id, { active: false });
    const after = await api.request({ method: 'GET', url: '/console', headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/console/login');
  });

  it('tracks remediation on the findings board; only governance may accept', async () => {
    // A completed review with findings: the lite questionnaire answered "no" throughout.
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId, questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31' },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    const view = (await portal('GET', '/portal/assessment')).json();
    type Q = { code: string; type: string; options: { value: string }[] | null };
    const answers = view.sections
      .flatMap((x: { questions: Q[] }) => x.questions)
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
          attestation: { name: 'Pat', jobTitle: 'IT', confirmed: true },
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
      "SELECT id FROM finding WHERE supplier_id = $1 AND severity = 'critical' ORDER BY question_code LIMIT 1",
      [supplierId],
    );

    const { cookie, csrf } = await consoleLogin(buyer.email);
    const board = await api.request({ method: 'GET', url: '/console/findings', headers: { cookie } });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain(`/console/findings/${finding.id}`);
    expect(board.body).toContain('Evil &lt;script&gt;');
    const page = await api.request({ method: 'GET', url: `/console/findings/${finding.id}`, headers: { cookie } });
    expect(page.body).not.toContain('Risk accepted');
    const incomplete = await form(cookie, `/console/findings/${finding.id}`, {
      status: 'remediation_planned',
      _csrf: csrf,
    });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.body).toContain('Enter the planned action to plan remediation');
    const planned = await form(cookie, `/console/findings/${finding.id}`, {
      status: 'remediation_planned',
      plannedAction: 'Turn on MFA for remote access.',
      dueDate: '2027-03-31',
      _csrf: csrf,
    });
    expect(planned.statusCode).toBe(303);
    expect(
      await query(api.databaseUrl, 'SELECT status, planned_action FROM finding WHERE id = $1', [finding.id]),
    ).toEqual([{ status: 'remediation_planned', planned_action: 'Turn on MFA for remote access.' }]);
    const accept = await form(cookie, `/console/findings/${finding.id}`, {
      status: 'accepted',
      acceptanceReason: 'Compensating controls in place.',
      acceptedUntil: '2027-06-30',
      _csrf: csrf,
    });
    expect(accept.statusCode).toBe(403);
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/console/findings',
          headers: { cookie: (await consoleLogin((await user('viewer')).email)).cookie },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('gives governance the committee report as a page, a PDF and a CSV, and nobody else', async () => {
    const { cookie } = await consoleLogin((await user('governance')).email);
    const dashboard = await api.request({ method: 'GET', url: '/console', headers: { cookie } });
    expect(dashboard.body).toContain('href="/console/report?format=pdf"');
    const page = await api.request({ method: 'GET', url: '/console/report', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Supply-chain cyber risk: committee pack');
    const csv = await api.request({ method: 'GET', url: '/console/report?format=csv', headers: { cookie } });
    expect(csv.headers['content-disposition']).toContain('supply-chain-risk.csv');
    const pdf = await api.request({ method: 'GET', url: '/console/report?format=pdf', headers: { cookie } });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const procurement = await consoleLogin(buyer.email);
    expect(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie: procurement.cookie } })).body,
    ).not.toContain('/console/report');
    expect(
      (await api.request({ method: 'GET', url: '/console/report', headers: { cookie: procurement.cookie } }))
        .statusCode,
    ).toBe(403);
  }, 60_000);

  it('reviews a submitted assessment: answers, an adjustment with its reason, return and completion by form', async () => {
    const other = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Review Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Rae', email: 'rae@review.example', role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: other.json().id, questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31' },
    });
    reviewId = sent.json().id;
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    type Q = { code: string; type: string; options: { value: string }[] | null };
    const view = (await portal('GET', '/portal/assessment')).json();
    const answers = view.sections
      .flatMap((x: { questions: Q[] }) => x.questions)
      .map((q: Q) => ({
        code: q.code,
        version: 0,
        comment: q.code === 'LCT-01' ? 'MFA <b>everywhere</b>' : undefined,
        value: (
          {
            yes_no: 'yes',
            yes_no_partial: 'yes',
            single_choice: q.options?.[0]?.value,
            text: 'Yes.',
            number: 1,
            date: '2026-01-01',
            multi_choice: [q.options?.[0]?.value],
          } as Record<string, unknown>
        )[q.type],
      }));
    expect((await portal('POST', '/portal/assessment/answers', { answers })).statusCode).toBe(200);
    expect(
      (
        await portal('POST', '/portal/assessment/submit', {
          attestation: { name: 'Rae', jobTitle: 'IT', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);

    const { cookie, csrf } = await consoleLogin(buyer.email);
    const page = await api.request({ method: 'GET', url: `/console/assessments/${reviewId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('MFA &lt;b&gt;everywhere&lt;/b&gt;');
    expect(page.body).toContain('Return to the supplier');
    const badAdjust = await form(cookie, `/console/assessments/${reviewId}/adjust`, {
      questionCode: 'LCT-01',
      score: '3',
      reason: 'short',
      _csrf: csrf,
    });
    expect(badAdjust.statusCode).toBe(422);
    expect(badAdjust.body).toContain('Enter the score it counts for, from 0 to 1');
    expect(
      (
        await form(cookie, `/console/assessments/${reviewId}/adjust`, {
          questionCode: 'LCT-01',
          score: '0',
          reason: 'The VPN has no MFA in the evidence.',
          _csrf: csrf,
        })
      ).statusCode,
    ).toBe(303);
    const adjusted = await api.request({ method: 'GET', url: `/console/assessments/${reviewId}`, headers: { cookie } });
    expect(adjusted.body).toContain('0 (adjusted from 1: The VPN has no MFA in the evidence.)');
    expect(
      (await form(cookie, `/console/assessments/${reviewId}/return`, { questionCodes: '', message: '', _csrf: csrf }))
        .statusCode,
    ).toBe(422);
    expect((await form(cookie, `/console/assessments/${reviewId}/complete`, { _csrf: csrf })).statusCode).toBe(303);
    expect(
      (await query<{ status: string }>(api.databaseUrl, 'SELECT status FROM assessment WHERE id = $1', [reviewId]))[0]
        .status,
    ).toBe('completed');
    const again = await form(cookie, `/console/assessments/${reviewId}/complete`, { _csrf: csrf });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This questionnaire is completed');
  });

  it('sends a questionnaire from the supplier page, and shows the ledger views', async () => {
    const { cookie, csrf } = await consoleLogin(buyer.email);
    const sent = await form(cookie, `/console/suppliers/${supplierId}/assessments`, {
      questionnaireKey: 'default',
      dueDate: '2099-06-30',
      _csrf: csrf,
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(/^\/console\/assessments\/[0-9a-f-]{36}$/);
    const [row] = await query<{ questionnaire_key: string; created_by: string }>(
      api.databaseUrl,
      'SELECT questionnaire_key, created_by FROM assessment WHERE id = $1',
      [String(sent.headers.location).split('/').at(-1)],
    );
    expect(row).toEqual({ questionnaire_key: 'supplier-security-core', created_by: buyer.id });
    const twice = await form(cookie, `/console/suppliers/${supplierId}/assessments`, {
      questionnaireKey: 'default',
      dueDate: '2099-06-30',
      _csrf: csrf,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('There is a problem');
    const ledger = await api.request({ method: 'GET', url: '/console/ledger', headers: { cookie } });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.body).toContain('Special-category data without a current assessment');
  });

  it('lets an admin disable a user (signed out at once) and governance read the audit trail', async () => {
    const admin = await signIn(api, 'admin');
    const target = await user('procurement');
    const victim = await consoleLogin(target.email);
    const { cookie, csrf } = await consoleLogin(admin.email);
    const users = await api.request({ method: 'GET', url: '/console/admin/users', headers: { cookie } });
    expect(users.statusCode).toBe(200);
    expect(users.body).toContain(target.email);
    expect((await form(cookie, `/console/admin/users/${target.id}`, { active: 'false', _csrf: csrf })).statusCode).toBe(
      303,
    );
    expect(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie: victim.cookie } })).headers.location,
    ).toBe('/console/login');
    expect((await form(cookie, `/console/admin/users/${admin.id}`, { active: 'false', _csrf: csrf })).statusCode).toBe(
      409,
    );
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/console/admin/users',
          headers: { cookie: (await consoleLogin(buyer.email)).cookie },
        })
      ).statusCode,
    ).toBe(403);
    const governance = (await consoleLogin((await user('governance')).email)).cookie;
    const trail = await api.request({ method: 'GET', url: '/console/audit', headers: { cookie: governance } });
    expect(trail.statusCode).toBe(200);
    expect(trail.body).toContain('Hash chain: intact');
    expect(trail.body).toContain('user updated, by admin user');
    // Filtered to user changes by that admin: names instead of ids, the value before and after.
    const filtered = await api.request({
      method: 'GET',
      url: `/console/audit?entityType=user&actorId=${admin.id}&action=user.updated`,
      headers: { cookie: governance },
    });
    expect(filtered.body).toContain('On the user procurement person');
    expect(filtered.body).toMatch(/<dt>active<\/dt><dd class="app-wrap">yes → no<\/dd>/);
    expect(filtered.body.split('id="audit"')[1]).not.toContain(target.id); // ids only in the filter's option values
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/console/audit?action=supplier.&from-day=1&from-month=1&from-year=2030',
          headers: { cookie: governance },
        })
      ).body,
    ).toContain('No event matches.');
  });

  it('shows the notification log, and retries a dead email', async () => {
    const [row] = await query<{ id: string }>(
      api.databaseUrl,
      "INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key, status, attempts, last_error) VALUES ('assessment.reminder', ARRAY['<b>x</b>@supplier.example'], 'assessment-reminder', '{}', 'console-test-dead', 'dead', 8, '451 mailbox busy') RETURNING id",
    );
    const { cookie, csrf } = await consoleLogin(buyer.email);
    const log = await api.request({ method: 'GET', url: '/console/notifications?status=dead', headers: { cookie } });
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('451 mailbox busy');
    expect(log.body).toContain('&lt;b&gt;x&lt;/b&gt;@supplier.example');
    expect(log.body).toContain(`/console/notifications/${row.id}/retry`);
    expect((await form(cookie, `/console/notifications/${row.id}/retry`, {})).statusCode).toBe(403); // no CSRF token
    expect((await form(cookie, `/console/notifications/${row.id}/retry`, { _csrf: csrf })).statusCode).toBe(303);
    expect(
      (
        await query<{ status: string; attempts: number }>(
          api.databaseUrl,
          'SELECT status, attempts FROM outbox_message WHERE id = $1',
          [row.id],
        )
      )[0],
    ).toMatchObject({ attempts: 0 });
  });

  describe('in a browser (Debian Chromium), every page passes axe', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(() => browser?.close());

    async function accessible(page: Page, label: string) {
      expect({ label, violations: await axeViolations(page) }).toEqual({ label, violations: [] });
    }

    it('signs in with the form and walks the pages', async () => {
      const governance = await user('governance');
      // The pages carry no script of their own (they work with JavaScript off); JavaScript is on only for axe.
      const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.goto(`${base}/console/login`);
      await accessible(page, 'login');
      await page.fill('#email', governance.email);
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}/console`);
      expect(await page.textContent('h1')).toBe('Supply-chain risk');
      await accessible(page, 'dashboard');
      await page.goto(`${base}/console/suppliers`);
      await accessible(page, 'suppliers');
      await page.goto(`${base}/console/suppliers/${supplierId}`);
      await accessible(page, 'supplier');
      await page.goto(`${base}/console/notifications`);
      await accessible(page, 'notifications');
      await page.goto(`${base}/console/ledger`);
      await accessible(page, 'ledger');
      await page.goto(`${base}/console/audit`);
      await accessible(page, 'audit trail');
      await page.goto(`${base}/console/assessments/${reviewId}`);
      await accessible(page, 'assessment review');
      await page.goto(`${base}/console/findings`);
      await accessible(page, 'findings');
      const first = await page.locator('a[href^="/console/findings/"]').first().getAttribute('href');
      await page.goto(`${base}${first}`);
      await accessible(page, 'finding');
      await page.goto(`${base}/console/suppliers/${supplierId}`);
      await page.fill('#decision-rationale', 'x');
      await page.click('text=Record the decision');
      expect(await page.textContent('.nhsuk-error-summary')).toContain('Say why');
      await accessible(page, 'supplier with errors');
      await context.close();
    }, 60_000);

    /** Signs in through the form in a fresh browser context. */
    const browse = (email: string, javaScriptEnabled = true): Promise<Page> =>
      consolePage(browser, base, email, { javaScriptEnabled });
    const netVaR = async (page: Page) =>
      (await page.locator('dt:has-text("Net value at risk, after insurance") + dd').textContent())!.trim();

    it('journeys: a supplier with a link, a questionnaire answered, returned and completed, a transfer lowering net VaR, and a viewer who can change nothing', async () => {
      const buyerPage = await browse((await user('procurement')).email);
      await buyerPage.goto(`${base}/console/assets`);
      await accessible(buyerPage, 'data assets');
      await buyerPage.fill('#f-name', 'Theatre lists');
      await buyerPage.selectOption('#f-classification', 'special_category');
      await buyerPage.fill('#f-recordCount', '800000');
      await buyerPage.check('#category-nhs_number');
      await buyerPage.click('text=Add the data asset');
      await buyerPage.waitForURL(`${base}/console/assets`);

      // A new supplier: first with a mistake the page names and links to, then right.
      await buyerPage.goto(`${base}/console/suppliers`);
      await buyerPage.click('text=Add a supplier or partner');
      await accessible(buyerPage, 'new supplier');
      await buyerPage.fill('#f-name', 'Theatre Systems Ltd');
      await buyerPage.selectOption('#f-criticality', 'critical');
      await buyerPage.fill('#f-contacts-0-name', 'Tara Theatre');
      await buyerPage.fill('#f-contacts-0-email', 'tara-at-theatre');
      await buyerPage.click('button:has-text("Save")');
      expect(await buyerPage.textContent('.nhsuk-error-summary')).toContain(
        'Enter the contact 1 email in the correct format, like name@example.nhs.uk',
      );
      await accessible(buyerPage, 'new supplier with errors');
      expect(await buyerPage.getAttribute('.nhsuk-error-summary a', 'href')).toBe('#f-contacts-0-email'); // the summary links to the field
      expect(await buyerPage.inputValue('#f-contacts-0-email')).toBe('tara-at-theatre'); // kept as typed
      await buyerPage.fill('#f-contacts-0-email', 'tara@theatre.example');
      await buyerPage.click('button:has-text("Save")');
      await buyerPage.waitForURL(/\/console\/suppliers\/[0-9a-f-]{36}$/);
      const theatreId = buyerPage.url().split('/').at(-1)!;
      await accessible(buyerPage, 'new supplier page');

      await buyerPage.click('text=Add a data-sharing link');
      await accessible(buyerPage, 'new link');
      await buyerPage.selectOption('#f-dataAssetId', { label: 'Theatre lists (special category, 800,000 records)' });
      await buyerPage.fill('#f-purpose', 'Theatre scheduling system');
      await buyerPage.fill('#f-recordCount', '600000');
      await buyerPage.selectOption('#f-agreementType', 'contract');
      await buyerPage.fill('#f-agreementRef', 'TS-2025-01');
      await buyerPage.selectOption('#f-article9Condition', 'health_care');
      await buyerPage.fill('#f-reviewDate-day', '30');
      await buyerPage.fill('#f-reviewDate-month', '9');
      await buyerPage.fill('#f-reviewDate-year', '2027');
      await buyerPage.click('text=Save the link');
      await buyerPage.waitForURL(`${base}/console/suppliers/${theatreId}#links`);
      expect(await buyerPage.textContent('#links + ul')).toContain('Theatre lists: Theatre scheduling system');
      await buyerPage.click('text=Theatre lists: Theatre scheduling system');
      await accessible(buyerPage, 'edit link');
      await buyerPage.goto(`${base}/console/suppliers/${theatreId}/edit`);
      await accessible(buyerPage, 'edit supplier');
      await buyerPage.goto(`${base}/console/suppliers/${theatreId}`);

      // The questionnaire, answered by the supplier through its link, then reviewed in the console.
      await buyerPage.selectOption('#send-questionnaireKey', 'supplier-security-lite');
      await buyerPage.click('text=Send the questionnaire');
      await buyerPage.waitForURL(/\/console\/assessments\/[0-9a-f-]{36}$/);
      const assessmentId = buyerPage.url().split('/').at(-1)!;
      const [outbox] = await query<{ sealed: string }>(
        api.databaseUrl,
        "SELECT refs->>'sealedToken' AS sealed FROM outbox_message WHERE refs->>'assessmentId' = $1",
        [assessmentId],
      );
      const token = api.app.get(InvitationTokenBox).open(outbox.sealed);
      const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
        api.request({
          method,
          url,
          payload,
          headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        });
      type Q = { code: string; type: string; options: { value: string }[] | null; answer: { version: number } | null };
      const questions = (await portal('GET', '/portal/assessment'))
        .json()
        .sections.flatMap((x: { questions: Q[] }) => x.questions) as Q[];
      const answer = (q: Q, value: string) => ({
        code: q.code,
        version: q.answer?.version ?? 0,
        value: (
          {
            yes_no: value,
            yes_no_partial: value,
            single_choice: q.options?.[0]?.value,
            text: 'As described.',
            number: 1,
            date: '2026-01-01',
            multi_choice: [q.options?.[0]?.value],
          } as Record<string, unknown>
        )[q.type],
      });
      expect(
        (await portal('POST', '/portal/assessment/answers', { answers: questions.map((q) => answer(q, 'yes')) }))
          .statusCode,
      ).toBe(200);
      expect(
        (
          await portal('POST', '/portal/assessment/submit', {
            attestation: { name: 'Tara Theatre', jobTitle: 'CTO', confirmed: true },
          })
        ).statusCode,
      ).toBe(200);

      await buyerPage.reload();
      await accessible(buyerPage, 'assessment to review');
      await buyerPage.fill('#review-questionCodes', questions[0].code);
      await buyerPage.fill('#review-message', 'Which systems does this cover?');
      await buyerPage.click('text=Return to the supplier');
      await buyerPage.waitForURL(`${base}/console/assessments/${assessmentId}`);
      expect(await buyerPage.textContent('main')).toContain('returned');
      const again = (await portal('GET', '/portal/assessment'))
        .json()
        .sections.flatMap((x: { questions: Q[] }) => x.questions) as Q[];
      expect(
        (
          await portal('POST', '/portal/assessment/answers', {
            answers: [{ ...answer(again[0], 'yes'), comment: 'All theatre systems.' }],
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await portal('POST', '/portal/assessment/submit', {
            attestation: { name: 'Tara Theatre', jobTitle: 'CTO', confirmed: true },
          })
        ).statusCode,
      ).toBe(200);
      await buyerPage.reload();
      await buyerPage.click('button:has-text("Complete")');
      await buyerPage.waitForURL(`${base}/console/assessments/${assessmentId}`);
      expect(await buyerPage.textContent('main')).toContain('completed');

      // Governance insures the supplier's risk: net VaR on the dashboard falls.
      const committee = await browse((await user('governance')).email);
      const before = await netVaR(committee);
      await committee.goto(`${base}/console/suppliers/${theatreId}`);
      await committee.selectOption('#decision-decision', 'transfer');
      await committee.fill('#decision-rationale', 'Cyber insurance with a low excess covers theatre downtime.');
      await committee.fill('#decision-reviewDate-day', '30');
      await committee.fill('#decision-reviewDate-month', '6');
      await committee.fill('#decision-reviewDate-year', '2027');
      await committee.click('text=Insurance (for a transfer) or end date (to avoid)');
      await committee.fill('#decision-insurer', 'Example Mutual');
      await committee.fill('#decision-policyRef', 'EM-1');
      await committee.fill('#decision-limit', '50000000');
      await committee.fill('#decision-excess', '10000');
      await committee.fill('#decision-expiresOn-day', '31');
      await committee.fill('#decision-expiresOn-month', '5');
      await committee.fill('#decision-expiresOn-year', '2027');
      await committee.click('text=Record the decision');
      await committee.waitForURL(`${base}/console/suppliers/${theatreId}#decisions`);
      await committee.goto(`${base}/console`);
      const after = await netVaR(committee);
      // Figures on pages have two significant figures ("£24M a year", "£310,000 a year").
      const pounds = (text: string) => {
        const [, n, unit] = /£([\d.,]+)(M|bn)?/.exec(text)!;
        return Number(n.replace(/,/g, '')) * (unit === 'bn' ? 1e9 : unit === 'M' ? 1e6 : 1);
      };
      expect(pounds(after)).toBeLessThan(pounds(before));
      await committee.goto(`${base}/console/decisions`);
      await accessible(committee, 'decisions');
      expect(await committee.textContent('#decisions')).toContain('Theatre Systems Ltd');
      await committee.goto(`${base}/console/report`);
      await accessible(committee, 'committee report');
      await committee.goto(`${base}/console/suppliers/new`); // not governance's to do
      expect(await committee.textContent('h1')).toBe('Not allowed');
      await accessible(committee, 'error page');

      // A viewer sees the supplier but no control to change it; a forged form is refused.
      const viewer = await browse((await user('viewer')).email);
      await viewer.goto(`${base}/console/suppliers/${theatreId}`);
      await accessible(viewer, 'supplier for a viewer');
      expect(await viewer.locator('form, a[href$="/edit"], a[href$="/links/new"]').count()).toBe(1); // sign-out only
      const forged = await viewer.evaluate(
        async (url) =>
          (
            await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'name=Forged&kind=supplier&criticality=low',
            })
          ).status,
        `${base}/console/suppliers`,
      );
      expect(forged).toBe(403);
      for (const p of [buyerPage, committee, viewer]) await p.context().close();
    }, 120_000);

    it('works with JavaScript off, and filters live with it on', async () => {
      const buyerEmail = (await user('procurement')).email;
      const plain = await browse(buyerEmail, false);
      await plain.goto(`${base}/console/suppliers/new`);
      await plain.fill('#f-name', 'No Script Ltd');
      await plain.fill('#f-contacts-0-name', 'Nia');
      await plain.fill('#f-contacts-0-email', 'nia@noscript.example');
      await plain.click('button:has-text("Save")');
      await plain.waitForURL(/\/console\/suppliers\/[0-9a-f-]{36}$/);
      await plain.goto(`${base}/console/suppliers`);
      await plain.fill('#q', 'No Script');
      await Promise.all([plain.waitForURL(/q=No/), plain.click('[data-filter-button]')]);
      expect(await plain.textContent('#supplier-results')).toContain('1 supplier.');
      await plain.context().close();

      const live = await browse(buyerEmail);
      await live.goto(`${base}/console/suppliers`);
      await accessible(live, 'suppliers with filters');
      await live.fill('#q', 'No Script');
      await live.waitForFunction(() =>
        (globalThis as unknown as { document: { getElementById: (id: string) => { textContent: string } } }).document
          .getElementById('supplier-results')
          .textContent.includes('1 supplier.'),
      );
      expect(live.url()).toContain('q=No+Script');
      await live.goto(`${base}/console/suppliers/import`);
      await accessible(live, 'import');
      await live.setInputFiles('#f-file', {
        name: 'suppliers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'name,kind,criticality,status,primaryContactName,primaryContactEmail\nUpload Ltd,supplier,low,active,Uma,uma@upload.example\n',
        ),
      });
      await live.click('button:has-text("Import")');
      await live.waitForSelector('#import-result');
      expect(await live.textContent('#import-result')).toContain('Imported: 1 row');
      await accessible(live, 'import result');
      await live.goto(`${base}/console/campaigns/new`);
      await live.click('button:has-text("Check who would receive it")');
      await live.waitForSelector('#preview');
      await accessible(live, 'campaign preview');
      if (await live.locator('button[value=send]').count()) {
        await live.click('button[value=send]');
        await live.waitForSelector('text=Sent to');
        await accessible(live, 'campaign sent');
      }
      await live.context().close();
      const admin = await browse((await user('admin')).email);
      await admin.goto(`${base}/console/admin/users`);
      await accessible(admin, 'users');
      await admin.context().close();
    }, 120_000);
  });
});
