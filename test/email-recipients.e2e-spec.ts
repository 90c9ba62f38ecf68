import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { humanDate } from '@app/notifications';
import { Clock } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { EmailDelivery } from '../apps/worker/src/email/email-delivery.js';
import { NotificationScheduler } from '../apps/worker/src/email/notification-scheduler.js';
import type { TestApi } from './support/app.js';
import { query } from './support/db.js';
import { axeViolations, consolePage, launchChromium, startListeningApi } from './support/factories.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink, type ReceivedMail } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

const GOVERNANCE = 'governance@trust.nhs.test';
const until = (probe: () => Promise<unknown> | unknown, timeoutMs = 20_000) =>
  waitUntil(async () => ((await probe()) ? true : undefined), timeoutMs);
const TOKEN = /\/portal\/i\/([A-Za-z0-9_-]{43})/g;

/**
 * The right link to the right person: a portal token only ever reaches the contact it was issued
 * to (escalations, internal notices and the digest carry none), and a questionnaire nobody answers
 * can be sent to another contact of the supplier (API and console), the old link revoked and the
 * answers kept.
 */
describe('emails reach the right person with the right link; reassigning a questionnaire', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let base: string;
  let worker: INestApplicationContext;
  let workerClock: Clock;
  let buyer: SignedIn;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    ({ api, base } = await startListeningApi({
      SMTP_URL: sink.url,
      ORGANISATION_NAME: 'Royal Test NHS Trust',
      SUPPORT_EMAIL: 'assurance@trust.nhs.test',
      GOVERNANCE_EMAIL: GOVERNANCE,
      SWEEP_INTERVAL_MS: '300',
      SWEEP_GRACE_MS: '200',
      SCHEDULE_INTERVAL_MS: '3600000',
    }));
    api.clock.freeze('2026-11-30T10:00:00Z'); // a Monday: the literal dates below are written against it
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    await worker.init();
    workerClock = worker.get(Clock);
    buyer = await signIn(api, 'procurement');
  }, 60_000);
  afterAll(async () => {
    api?.clock.reset();
    await worker?.close();
    await api?.close();
    await sink?.stop();
  });

  const at = (instant: string) => {
    api.clock.freeze(instant);
    workerClock.freeze(instant);
  };
  const settled = () =>
    until(
      async () =>
        (await query(api.databaseUrl, "SELECT 1 FROM outbox_message WHERE status IN ('pending', 'queued', 'failed')"))
          .length === 0,
    );

  async function newSupplier(name: string) {
    const stamp = Math.random().toString(36).slice(2, 8);
    const email = (who: string) => `${who}.${stamp}@${name.toLowerCase().replace(/\W+/g, '')}.example`;
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'high',
        status: 'active',
        ownerId: buyer.id,
        contacts: [
          { name: 'Pat Primary', email: email('pat'), role: 'primary' },
          { name: 'Sol Security', email: email('sol'), role: 'security' },
          { name: 'Erin Escalation', email: email('erin'), role: 'escalation' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const contacts = res.json().contacts as { id: string; role: string; email: string }[];
    const byRole = (role: string) => contacts.find((c) => c.role === role)!;
    return {
      id: res.json().id as string,
      primary: byRole('primary'),
      security: byRole('security'),
      escalation: byRole('escalation'),
    };
  }
  const send = async (supplierId: string, dueDate: string) => {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId, dueDate, questionnaireKey: 'supplier-security-lite' },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; invitationUrl: string };
  };
  const reassign = (id: string, payload: object, who: SignedIn = buyer) =>
    api.request({ method: 'POST', url: `/api/v1/assessments/${id}/reassign`, headers: who.headers, payload });
  const portal = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  const tokenOf = (url: string) => url.split('/portal/i/')[1];

  it("reassign: refuses another supplier's contact, a closed assessment, a past due date and other roles, with problem details", async () => {
    const supplier = await newSupplier('Refusals Ltd');
    const other = await newSupplier('Other Ltd');
    const sent = await send(supplier.id, '2026-12-18');

    const foreign = await reassign(sent.id, { recipientContactId: other.security.id });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect(foreign.json()).toMatchObject({
      code: 'ASSESSMENT.RECIPIENT_NOT_OF_SUPPLIER',
      errors: [{ path: 'recipientContactId', message: 'is a contact of another supplier' }],
    });
    expect((await reassign(sent.id, { recipientContactId: 'not-a-uuid' })).json().errors[0].path).toBe(
      'recipientContactId',
    );
    expect((await reassign(sent.id, { recipientContactId: supplier.primary.id })).json()).toMatchObject({
      code: 'ASSESSMENT.SAME_RECIPIENT',
    });
    expect(
      (await reassign(sent.id, { recipientContactId: supplier.security.id }, await signIn(api, 'governance')))
        .statusCode,
    ).toBe(403);
    expect(
      (await reassign('00000000-0000-4000-8000-000000000000', { recipientContactId: supplier.security.id })).statusCode,
    ).toBe(404);

    // Overdue: the new contact needs a due date after today.
    at('2026-12-21T10:00:00Z');
    const late = await reassign(sent.id, { recipientContactId: supplier.security.id });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'ASSESSMENT.DUE_DATE_PAST', errors: [{ path: 'dueDate' }] });
    expect(
      (await reassign(sent.id, { recipientContactId: supplier.security.id, dueDate: '2026-12-21' })).json().errors[0],
    ).toMatchObject({ path: 'dueDate', message: 'must be after today' });

    const cancelled = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${sent.id}/cancel`,
      headers: buyer.headers,
    });
    expect(cancelled.statusCode).toBe(200);
    const closed = await reassign(sent.id, { recipientContactId: supplier.security.id, dueDate: '2027-01-08' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'ASSESSMENT.NOT_REASSIGNABLE' });
    const [row] = await query<{ recipient_email: string }>(
      api.databaseUrl,
      'SELECT recipient_email FROM assessment WHERE id = $1',
      [sent.id],
    );
    expect(row.recipient_email).toBe(supplier.primary.email);
    at('2026-11-30T10:00:00Z');
  });

  it('no email carries a portal token to anyone but the contact it was issued to, through the ladder, a reassignment, a return, an incident and the digest', async () => {
    const supplier = await newSupplier('Ladder Pathology Ltd');
    at('2026-11-30T10:00:00Z');
    const sent = await send(supplier.id, '2026-12-09'); // a Wednesday
    const scheduler = worker.get(NotificationScheduler);
    for (const instant of [
      '2026-12-02T10:00:00Z',
      '2026-12-10T10:00:00Z',
      '2026-12-16T10:00:00Z',
      '2026-12-23T10:00:00Z',
    ]) {
      at(instant); // reminder 7 days before, overdue, escalation 1, escalation 2
      await scheduler.run();
      await settled();
    }
    // Pat saves an answer, then nobody answers: procurement passes it to Sol, due in January.
    const first = tokenOf(sent.invitationUrl);
    const view = (await portal(first, 'GET', '/portal/assessment')).json();
    const firstQuestion =
      view.sections[0].questions.find((q: { type: string }) => q.type === 'yes_no') ?? view.sections[0].questions[0];
    expect(
      (
        await portal(first, 'POST', '/portal/assessment/answers', {
          answers: [{ code: firstQuestion.code, value: 'yes', version: 0 }],
        })
      ).statusCode,
    ).toBe(200);
    const moved = await reassign(sent.id, { recipientContactId: supplier.security.id, dueDate: '2027-01-08' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      recipientContactId: supplier.security.id,
      dueDate: '2027-01-08',
      escalationLevel: 0,
      status: 'in_progress',
    });
    await settled();
    // The old link no longer works; the new one shows Pat's saved answer.
    expect((await portal(first, 'GET', '/portal/assessment')).statusCode).not.toBe(200);
    const second = tokenOf(moved.json().invitationUrl);
    const kept = (await portal(second, 'GET', '/portal/assessment')).json();
    expect(
      kept.sections
        .flatMap((s: { questions: { code: string; answer: unknown }[] }) => s.questions)
        .find((q: { code: string }) => q.code === firstQuestion.code).answer,
    ).toMatchObject({ value: 'yes' });
    const invitation = sink
      .to(supplier.security.email)
      .find((m) =>
        m.subject.startsWith('Passed to you: Security questionnaire for Ladder Pathology Ltd due 8 Jan 2027'),
      )!;
    expect(invitation.text).toContain('It has been passed to you in place of Pat Primary.');
    expect(invitation.text).toContain(moved.json().invitationUrl);
    // A reminder still owed to Pat (from before the reassignment) is skipped, not sent with Sol's link.
    const [stale] = await query<{ id: string }>(
      api.databaseUrl,
      "INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key) VALUES ('assessment.reminder', $1, 'assessment-reminder', $2, $3) RETURNING id",
      [
        [supplier.primary.email],
        { assessmentId: sent.id, step: 'reminder:1d', level: '0' },
        `test:${sent.id}:stale-reminder`,
      ],
    );
    expect(await worker.get(EmailDelivery).deliver(stale.id, 1, false)).toBe('skipped');
    expect(
      (
        await query<{ skip_reason: string }>(api.databaseUrl, 'SELECT skip_reason FROM outbox_message WHERE id = $1', [
          stale.id,
        ])
      )[0].skip_reason,
    ).toBe('the questionnaire was passed to someone else');
    const [audit] = await query<{ changes: Record<string, { before: unknown; after: unknown }> }>(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE action = 'assessment.reassigned' AND entity_id = $1",
      [sent.id],
    );
    expect(audit.changes.recipientEmail).toEqual({ before: supplier.primary.email, after: supplier.security.email });

    // Sol answers everything and submits; procurement returns it; Sol gets the return with Sol's link.
    const all = (await portal(second, 'GET', '/portal/assessment')).json();
    type Q = { code: string; type: string; options: { value: string }[] | null; answer: { version: number } | null };
    const answers = all.sections
      .flatMap((x: { questions: Q[] }) => x.questions)
      .map((q: Q) => ({
        code: q.code,
        version: q.answer?.version ?? 0,
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
    expect((await portal(second, 'POST', '/portal/assessment/answers', { answers })).statusCode).toBe(200);
    expect(
      (
        await portal(second, 'POST', '/portal/assessment/submit', {
          attestation: { name: 'Sol', jobTitle: 'CISO', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/assessments/${sent.id}/return`,
          headers: buyer.headers,
          payload: { questionCodes: [firstQuestion.code], message: 'Please attach the policy.' },
        })
      ).statusCode,
    ).toBe(200);
    // An incident at the supplier: notices to governance and the owner, the follow-up to the security contact.
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/v1/incidents',
          headers: buyer.headers,
          payload: {
            supplierId: supplier.id,
            summary: 'Ransomware on the laboratory system.',
            detectedAt: '2026-12-23T08:15:00Z',
            source: 'supplier_notice',
            severity: 'high',
          },
        })
      ).statusCode,
    ).toBe(201);
    // The monthly digest, on the first working day of January (the 1st is a bank holiday).
    at('2027-01-04T10:00:00Z');
    await scheduler.run();
    await settled();
    await until(
      () => sink.to(GOVERNANCE).some((m) => m.subject.startsWith('Supply-chain cyber risk, January 2027')),
      40_000,
    );

    const mails = sink.received.filter((m) =>
      m.to.some((t) =>
        [supplier.primary.email, supplier.security.email, supplier.escalation.email, buyer.email, GOVERNANCE].includes(
          t,
        ),
      ),
    );
    const kinds = new Set(mails.map((m) => `${m.to[0]}: ${m.subject.split(':')[0]}`));
    // Every recipient kind got mail: the contact asked, the new contact, the escalation contact, the owner, governance.
    for (const who of [
      supplier.primary.email,
      supplier.security.email,
      supplier.escalation.email,
      buyer.email,
      GOVERNANCE,
    ])
      expect([...kinds].some((k) => k.startsWith(who))).toBe(true);
    const issuedTo = async (token: string) =>
      (
        await query<{ recipient_email: string }>(
          api.databaseUrl,
          'SELECT recipient_email::text FROM assessment_invitation WHERE token_hash = $1',
          [createHash('sha256').update(token).digest('hex')],
        )
      )[0]?.recipient_email;
    const foreign: string[] = [];
    const tokensOf = (m: ReceivedMail) => [...new Set([...`${m.text}\n${m.html}`.matchAll(TOKEN)].map((x) => x[1]))];
    for (const mail of mails) {
      for (const token of tokensOf(mail)) {
        const owner = await issuedTo(token);
        if (mail.to.length !== 1 || owner !== mail.to[0])
          foreign.push(`${mail.subject} -> ${mail.to.join(',')} carries a link issued to ${owner}`);
      }
    }
    expect(foreign).toEqual([]);
    // The escalation contact, the owner and governance got mail, and none of it carried a link.
    for (const who of [supplier.escalation.email, buyer.email, GOVERNANCE]) {
      const theirs = sink.to(who);
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.flatMap(tokensOf)).toEqual([]);
    }
    // (The incident's follow-up, due 26 Dec and unanswered, has escalated by 4 Jan too, named as what it is.)
    expect(sink.to(supplier.escalation.email).map((m) => m.subject)).toEqual([
      'Escalation: security questionnaire for Ladder Pathology Ltd was due 9 Dec 2026',
      'Escalation: incident follow-up questionnaire for Ladder Pathology Ltd was due 26 Dec 2026',
    ]);
    // Sol: the invitation passed on, the return, the incident follow-up, and on 4 Jan the reminder of a ladder started again for Sol (due 8 Jan).
    expect(
      sink
        .to(supplier.security.email)
        .map((m) => m.subject.split(':')[0])
        .sort(),
    ).toEqual(
      [
        'Passed to you',
        'Please clarify your security questionnaire answers for Ladder Pathology Ltd by 8 Jan 2027',
        'Reminder',
        'Urgent',
      ].sort(),
    );
    // The link itself is only in the invitation (its token leaves the outbox once sent): the reminder and the return point to it.
    expect(sink.to(supplier.security.email).find((m) => m.subject.startsWith('Passed to you'))!.text).toContain(
      moved.json().invitationUrl,
    );
    for (const later of ['Reminder', 'Please clarify']) {
      const text = sink.to(supplier.security.email).find((m) => m.subject.startsWith(later))!.text;
      expect(text).not.toMatch(/\/portal\/i\//);
      expect(text).toContain('Use the link in the invitation email we sent you.');
    }
    workerClock.reset();
    at('2026-11-30T10:00:00Z');
  }, 120_000);

  describe('in a browser (Debian Chromium)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(() => browser?.close());

    async function accessible(page: Page, label: string) {
      expect({ label, violations: await axeViolations(page) }).toEqual({ label, violations: [] });
    }
    const browse = (email: string, width = 1280): Promise<Page> => consolePage(browser, base, email, { width });
    const shoot = async (page: Page, name: string) => {
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: true });
    };

    it('reassign journey: from the supplier page, see who was asked and since when, send it to another contact; the new contact gets a link that works, the old one stops', async () => {
      at('2026-11-30T10:00:00Z');
      const supplier = await newSupplier('Browser Imaging Ltd');
      const sent = await send(supplier.id, '2026-12-18');
      await until(() => sink.to(supplier.primary.email).length === 1);
      const page = await browse(buyer.email);
      await page.goto(`${base}/console/suppliers/${supplier.id}`);
      await page.click('text=chase, or send to someone else');
      await page.waitForURL(`${base}/console/assessments/${sent.id}/reassign`);
      expect(await page.textContent('h1')).toBe('Chase, or send to someone else');
      const asked = await page.textContent('dt:has-text("Asked") + dd');
      // Asked on the day the assessment row was written: the database's own clock, not the test's.
      const [{ asked_on }] = await query<{ asked_on: string }>(
        api.databaseUrl,
        "SELECT (created_at AT TIME ZONE 'Europe/London')::date::text AS asked_on FROM assessment WHERE id = $1",
        [sent.id],
      );
      expect(asked).toContain(`Pat Primary (${supplier.primary.email}), on ${humanDate(asked_on)}`);
      await accessible(page, 'reassign');
      await shoot(page, 'reassign-1280');
      // No contact chosen: the page says so and links to the field.
      await page.click('text=Send it to this contact');
      expect(await page.textContent('.nhsuk-error-summary')).toContain('New recipient');
      await accessible(page, 'reassign with errors');
      await page.check(`#contact-${supplier.security.id}`);
      await page.click('text=Send it to this contact');
      await page.waitForURL(`${base}/console/assessments/${sent.id}`);
      expect(await page.textContent('main')).toContain(`Sent to Sol Security (${supplier.security.email})`);
      await until(() => sink.to(supplier.security.email).length === 1);
      const mail = sink.to(supplier.security.email)[0];
      expect(mail.subject).toBe('Passed to you: Security questionnaire for Browser Imaging Ltd due 18 Dec 2026');
      const link = /http:\/\/127\.0\.0\.1:\d+\/portal\/i\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
      expect((await page.goto(link))!.status()).toBe(200);
      expect((await page.goto(sent.invitationUrl))!.status()).not.toBe(200);
      // The history records it.
      const [event] = await query<{ actor_id: string }>(
        api.databaseUrl,
        "SELECT actor_id FROM audit_event WHERE action = 'assessment.reassigned' AND entity_id = $1",
        [sent.id],
      );
      expect(event.actor_id).toBe(buyer.id);
      await page.context().close();
    }, 90_000);

    it('admins preview every email template, HTML and text, without sending mail', async () => {
      const admin = await signIn(api, 'admin');
      const before = sink.received.length;
      for (const width of [1280, 390]) {
        const page = await browse(admin.email, width);
        await page.goto(`${base}/console/admin/emails`);
        expect(await page.textContent('h1')).toBe('Email templates');
        const headings = await page.locator('section h2').allTextContents();
        for (const template of [
          'assessment-invitation',
          'assessment-escalation',
          'assessment-overdue-internal',
          'committee-digest',
          'incident-opened',
          'risk-acceptance-expiring',
        ])
          expect(headings.some((h) => h.startsWith(template))).toBe(true);
        expect(headings.some((h) => h.includes('incident follow-up'))).toBe(true);
        const frame = await page.request.get(`${base}/console/admin/emails/2/html`);
        expect(frame.status()).toBe(200);
        expect(await frame.text()).toContain('What we need first');
        if (width === 1280) await accessible(page, 'email previews');
        if (process.env.SCREENSHOT_DIR) {
          await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/email-previews-top-${width}.png` });
          await page.locator('#email-2').scrollIntoViewIfNeeded();
          await page.waitForTimeout(500);
          await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/email-previews-incident-${width}.png` });
        }
        for (const n of [2, 8]) {
          await page.goto(`${base}/console/admin/emails/${n}/html`);
          await shoot(page, `email-${n}-${width}`);
        }
        await page.context().close();
      }
      const buyerPage = await browse(buyer.email);
      expect((await buyerPage.goto(`${base}/console/admin/emails`))!.status()).toBe(403);
      await buyerPage.context().close();
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.received.length).toBe(before);
    }, 90_000);
  });
});
