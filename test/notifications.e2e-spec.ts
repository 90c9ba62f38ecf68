import type { INestApplicationContext } from '@nestjs/common';
import { pino } from 'pino';
import { EMAIL_QUEUE, OutboxDispatcher } from '@app/notifications';
import { Clock } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { EmailDelivery } from '../apps/worker/src/email/email-delivery.js';
import { NotificationScheduler } from '../apps/worker/src/email/notification-scheduler.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

const GOVERNANCE = 'governance@trust.nhs.test';
/** Waits until the probe holds. */
const until = (probe: () => Promise<unknown>, timeoutMs = 15_000) =>
  waitUntil(async () => ((await probe()) ? true : undefined), timeoutMs);

describe('notifications: outbox -> Bull -> worker -> SMTP', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let workerClock: Clock;
  let buyer: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({
      SMTP_URL: sink.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      ORG_NAME: 'Royal Test NHS Trust',
      GOVERNANCE_EMAIL: GOVERNANCE,
      EMAIL_ATTEMPTS: '3',
      EMAIL_BACKOFF_MS: '100',
      SWEEP_INTERVAL_MS: '300',
      SWEEP_GRACE_MS: '200',
      SCHEDULE_INTERVAL_MS: '3600000',
    });
    api.clock.freeze('2026-11-28T09:00:00Z'); // the literal dates below are written against this day
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    await worker.init();
    workerClock = worker.get(Clock);
    buyer = await signIn(api, 'procurement');
    admin = await signIn(api, 'admin');
  });
  afterAll(async () => {
    api.clock.reset();
    await worker.close();
    await api.close();
    await sink.stop();
  });

  const rows = (where: string, params: unknown[] = []) =>
    query<{
      id: string;
      kind: string;
      status: string;
      attempts: number;
      recipients: string[];
      dedupe_key: string;
      skip_reason: string | null;
      last_error: string | null;
      provider_message_id: string | null;
    }>(api.databaseUrl, `SELECT * FROM outbox_message WHERE ${where} ORDER BY created_at, dedupe_key`, params);
  const settle = (where: string, params: unknown[] = []) =>
    until(async () => (await rows(`(${where}) AND status IN ('pending', 'queued', 'failed')`, params)).length === 0);

  async function newSupplier(name: string) {
    const stamp = Math.random().toString(36).slice(2, 8);
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        ownerId: buyer.id,
        contacts: [
          { name: 'Pat Primary', email: `pat.${stamp}@supplier.example`, role: 'primary' },
          { name: 'Erin Escalation', email: `erin.${stamp}@supplier.example`, role: 'escalation' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    return {
      id: res.json().id as string,
      primary: `pat.${stamp}@supplier.example`,
      escalation: `erin.${stamp}@supplier.example`,
    };
  }

  async function sendQuestionnaire(supplierId: string, dueDate: string) {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId, dueDate },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; invitationUrl: string };
  }

  it('delivers the invitation with a specific subject, escaped supplier text and a link that works', async () => {
    // The worker counts the days left on its own clock: the day the API's is frozen at.
    workerClock.freeze('2026-11-28T09:00:00Z');
    const supplier = await newSupplier('Acme <b>Pathology</b> Ltd');
    const sent = await sendQuestionnaire(supplier.id, '2027-01-12');
    await until(async () => sink.to(supplier.primary).length === 1);
    const [mail] = sink.to(supplier.primary);
    expect(mail.subject).toBe('Security questionnaire for Acme <b>Pathology</b> Ltd due 12 Jan 2027');
    expect(mail.html).toContain('Acme &lt;b&gt;Pathology&lt;/b&gt; Ltd');
    expect(mail.html).not.toContain('<b>Pathology</b>');
    expect(mail.text).toContain(
      'Please complete the Supplier security questionnaire (short) for Acme <b>Pathology</b> Ltd.',
    );
    expect(mail.text).toContain('Please submit it by 12 Jan 2027 (in 45 days).');
    workerClock.reset();
    expect(mail.text).toContain(`Questions? Write to procurement user at ${buyer.email}`);
    const link = /http:\/\/assure\.test\/portal\/i\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    expect(link).toBe(sent.invitationUrl);
    const landing = await api.request({ method: 'GET', url: link.replace('http://assure.test', '') });
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('Acme &lt;b&gt;Pathology&lt;/b&gt; Ltd');

    await settle("refs->>'assessmentId' = $1", [sent.id]);
    const [row] = await rows("refs->>'assessmentId' = $1", [sent.id]);
    expect(row).toMatchObject({ kind: 'assessment.invitation', status: 'sent', attempts: 1 });
    expect(row.provider_message_id).toMatch(/@/);
    expect(mail.headers['x-assure-notification']).toBe(row.id);

    // Enqueued again by hand, and swept: still one email.
    await worker.get(OutboxDispatcher).dispatch([row.id]);
    await new Promise((r) => setTimeout(r, 800));
    expect(sink.to(supplier.primary)).toHaveLength(1);

    const log = await api.request({
      method: 'GET',
      url: `/api/v1/notifications?assessmentId=${sent.id}`,
      headers: buyer.headers,
    });
    expect(log.statusCode).toBe(200);
    expect(log.json().items).toEqual([
      expect.objectContaining({
        id: row.id,
        kind: 'assessment.invitation',
        recipient: supplier.primary,
        status: 'sent',
        attempts: 1,
      }),
    ]);
    expect(log.body).not.toContain('sealedToken');
    const bySupplier = await api.request({
      method: 'GET',
      url: `/api/v1/notifications?supplierId=${supplier.id}&status=sent`,
      headers: buyer.headers,
    });
    expect(bySupplier.json()).toMatchObject({ total: 1 });
  });

  it('a resend replaces the link: the old invitation, if not yet sent, is skipped; the new one works', async () => {
    const supplier = await newSupplier('Resend Ltd');
    const first = await sendQuestionnaire(supplier.id, '2027-01-12');
    const again = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${first.id}/resend`,
      headers: buyer.headers,
    });
    expect(again.statusCode).toBe(200);
    await settle("refs->>'assessmentId' = $1", [first.id]);
    const invitations = await rows("refs->>'assessmentId' = $1", [first.id]);
    expect(invitations.map((r) => r.kind)).toEqual(['assessment.invitation', 'assessment.resend']);
    expect(invitations[1].status).toBe('sent');
    // The first was either sent before the resend committed, or skipped because a newer link replaced it.
    expect(['sent', 'skipped']).toContain(invitations[0].status);
    if (invitations[0].status === 'skipped') expect(invitations[0].skip_reason).toBe('a newer link replaced this one');
    const latest = sink.to(supplier.primary).at(-1)!;
    expect(latest.subject).toBe('New link: Security questionnaire for Resend Ltd due 12 Jan 2027');
    expect(latest.text).toContain(again.json().invitationUrl);
  });

  it('walks the ladder on working days: reminders 7, 3 and 1 days before, overdue, escalation levels 1 and 2', async () => {
    const supplier = await newSupplier('Ladder Ltd');
    const sent = await sendQuestionnaire(supplier.id, '2027-01-13'); // a Wednesday
    const scheduler = worker.get(NotificationScheduler);
    // What a run owes for this assessment (other tests' assessments may be owed mail too).
    const at = async (instant: string) => {
      workerClock.freeze(instant);
      const before = (await rows("refs->>'assessmentId' = $1", [sent.id])).length;
      const run = await scheduler.run();
      await settle("refs->>'assessmentId' = $1", [sent.id]);
      return { working: run.working, owed: (await rows("refs->>'assessmentId' = $1", [sent.id])).length - before };
    };
    const subjects = (address: string) =>
      sink
        .to(address)
        .map((m) => m.subject)
        .filter((subject) => subject.includes('Ladder Ltd'));

    expect((await at('2027-01-05T10:00:00Z')).owed).toBe(0);
    expect((await at('2027-01-06T07:30:00Z')).working).toBe(false); // 07:30, before working hours
    expect((await at('2027-01-06T10:00:00Z')).owed).toBe(1); // reminder 7 days before
    expect((await at('2027-01-06T15:00:00Z')).owed).toBe(0); // the same day again: nothing new
    expect(await at('2027-01-10T10:00:00Z')).toMatchObject({ working: false, owed: 0 }); // Sunday: the 3-day step waits
    expect((await at('2027-01-11T10:00:00Z')).owed).toBe(1); // ... until Monday
    expect((await at('2027-01-12T10:00:00Z')).owed).toBe(1); // 1 day before
    expect((await at('2027-01-13T10:00:00Z')).owed).toBe(0); // due today
    expect(subjects(supplier.primary)).toEqual([
      'Security questionnaire for Ladder Ltd due 13 Jan 2027',
      'Reminder: security questionnaire for Ladder Ltd due 13 Jan 2027',
      'Reminder: security questionnaire for Ladder Ltd due 13 Jan 2027',
      'Reminder: security questionnaire for Ladder Ltd due 13 Jan 2027',
    ]);
    expect(sink.to(supplier.primary)[3].text).toContain('Please submit it by 13 Jan 2027 (tomorrow).');
    // The invitation's token left the outbox once the invitation was sent: a reminder points to that email.
    expect(sink.to(supplier.primary)[3].text).not.toContain(sent.invitationUrl);
    expect(sink.to(supplier.primary)[3].text).toContain('Use the link in the invitation email we sent you.');

    expect((await at('2027-01-14T10:00:00Z')).owed).toBe(2); // overdue: supplier and owner
    expect(subjects(supplier.primary).at(-1)).toBe(
      'Overdue: security questionnaire for Ladder Ltd was due 13 Jan 2027',
    );
    expect(subjects(buyer.email).at(-1)).toBe(
      'Overdue: Ladder Ltd has not returned its security questionnaire (due 13 Jan 2027)',
    );

    expect((await at('2027-01-20T10:00:00Z')).owed).toBe(2); // level 1: escalation contact and owner
    expect(subjects(supplier.escalation)).toEqual([
      'Escalation: security questionnaire for Ladder Ltd was due 13 Jan 2027',
    ]);
    // The escalation contact is told who was asked and since when, and what they can do; the link is not theirs.
    const escalation = sink.to(supplier.escalation)[0];
    expect(escalation.text).toContain(`asked Pat Primary (${supplier.primary}) to complete`);
    expect(escalation.text).toContain('is now 7 days overdue');
    expect(escalation.text).not.toMatch(/\/portal\/i\//);
    expect(escalation.html).not.toMatch(/\/portal\/i\//);
    expect(
      sink
        .to(buyer.email)
        .filter((m) => m.subject.startsWith('Escalated: Ladder Ltd'))
        .at(-1)!.text,
    ).toContain(`http://assure.test/console/assessments/${sent.id}/reassign`);
    expect(subjects(buyer.email).at(-1)).toBe(
      'Escalated: Ladder Ltd has not returned its security questionnaire (due 13 Jan 2027)',
    );
    expect(
      (await api.request({ method: 'GET', url: `/api/v1/assessments/${sent.id}`, headers: buyer.headers })).json()
        .escalationLevel,
    ).toBe(1);

    expect((await at('2027-01-27T10:00:00Z')).owed).toBe(1); // level 2: governance
    expect(subjects(GOVERNANCE)).toEqual([
      'Escalated to governance: Ladder Ltd has not returned its security questionnaire (due 13 Jan 2027)',
    ]);
    expect(sink.to(GOVERNANCE).find((m) => m.subject.includes('Ladder Ltd'))!.text).toContain('escalation level 2');
    expect((await at('2027-02-03T10:00:00Z')).owed).toBe(0);
    const [assessment] = await query<{ escalation_level: number }>(
      api.databaseUrl,
      'SELECT escalation_level FROM assessment WHERE id = $1',
      [sent.id],
    );
    expect(assessment.escalation_level).toBe(2);
    const audit = await query<{ changes: { escalationLevel: { before: number; after: number } } }>(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE action = 'assessment.escalated' AND entity_id = $1 ORDER BY id",
      [sent.id],
    );
    expect(audit.map((a) => a.changes.escalationLevel)).toEqual([
      { before: 0, after: 1 },
      { before: 1, after: 2 },
    ]);
    // Every email of the ladder went out once.
    const keys = (await rows("refs->>'assessmentId' = $1", [sent.id])).map((r) =>
      r.dedupe_key.replace(`assessment:${sent.id}:`, ''),
    );
    expect(keys.filter((k) => !k.startsWith('invitation'))).toEqual(
      [
        'reminder:7d',
        'reminder:3d',
        'reminder:1d',
        'overdue:owner',
        'overdue:supplier',
        'escalation-1:owner',
        'escalation-1:supplier',
        'escalation-2:governance',
      ].sort((a, b) => keys.indexOf(a) - keys.indexOf(b)),
    );
    workerClock.reset();
  });

  it('skips bank holidays, and sends nothing once the questionnaire is submitted', async () => {
    const supplier = await newSupplier('Holiday Ltd');
    const sent = await sendQuestionnaire(supplier.id, '2027-06-03'); // 3 days before: Mon 31 May, the spring bank holiday
    const scheduler = worker.get(NotificationScheduler);
    const reminders = async () =>
      (await rows("refs->>'assessmentId' = $1 AND kind = 'assessment.reminder'", [sent.id])).length;
    workerClock.freeze('2027-05-31T10:00:00Z');
    expect(await scheduler.run()).toMatchObject({ working: false, why: '2027-05-31 is not a working day' });
    workerClock.freeze('2027-06-01T09:00:00Z');
    await scheduler.run();
    expect(await reminders()).toBe(1);
    await settle("refs->>'assessmentId' = $1", [sent.id]);
    expect(
      (await rows("refs->>'assessmentId' = $1 AND kind = 'assessment.reminder'", [sent.id]))[0].dedupe_key,
    ).toMatch(/reminder:3d$/);

    // Submitted: nothing more is owed, and a reminder already owed is skipped when its turn comes.
    await query(api.databaseUrl, "UPDATE assessment SET status = 'submitted', submitted_at = now() WHERE id = $1", [
      sent.id,
    ]);
    workerClock.freeze('2027-06-02T09:00:00Z');
    await scheduler.run();
    expect(await reminders()).toBe(1);
    const [owed] = await query<{ id: string }>(
      api.databaseUrl,
      "INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key) VALUES ('assessment.reminder', $1, 'assessment-reminder', $2, $3) RETURNING id",
      [
        [supplier.primary],
        { assessmentId: sent.id, step: 'reminder:1d', level: '0' },
        `assessment:${sent.id}:reminder:1d`,
      ],
    );
    expect(await worker.get(EmailDelivery).deliver(owed.id, 1, false)).toBe('skipped');
    expect((await rows('id = $1', [owed.id]))[0]).toMatchObject({
      status: 'skipped',
      skip_reason: 'the assessment is submitted',
    });
    expect(sink.to(supplier.primary)).toHaveLength(2); // the invitation and one reminder
    workerClock.reset();
  });

  it('tells governance 30 days before an acceptance is due for review or insurance expires', async () => {
    const supplier = await newSupplier('Insured Ltd');
    const governance = await signIn(api, 'governance');
    const decide = (payload: object) =>
      api.request({
        method: 'POST',
        url: `/api/v1/suppliers/${supplier.id}/risk-decisions`,
        headers: governance.headers,
        payload,
      });
    expect(
      (
        await decide({
          decision: 'transfer',
          rationale: 'Cyber policy covers this supplier.',
          reviewDate: '2027-06-30',
          insurer: 'Example Mutual',
          policyRef: 'CY-1',
          limit: 1_000_000,
          excess: 10_000,
          expiresOn: '2027-02-15',
        })
      ).statusCode,
    ).toBe(201);
    const scheduler = worker.get(NotificationScheduler);
    const expiring = () => sink.to(GOVERNANCE).filter((m) => m.subject.includes('Insured Ltd'));
    workerClock.freeze('2027-01-15T10:00:00Z'); // 31 days before
    await scheduler.run();
    workerClock.freeze('2027-01-18T10:00:00Z'); // 28 days before (the 16th and 17th are a weekend)
    await scheduler.run();
    await scheduler.run();
    await until(async () => expiring().length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(expiring().map((m) => m.subject)).toEqual(['Insurance expires 15 Feb 2027: Insured Ltd']);
    expect(expiring()[0].text).toContain('Cyber policy covers this supplier. (Example Mutual, policy CY-1)');
    workerClock.reset();
  });

  it('sends the committee digest on the first working day of the month, once, with the PDF pack attached', async () => {
    const scheduler = worker.get(NotificationScheduler);
    const digests = () =>
      sink.to(GOVERNANCE).filter((m) => m.subject.startsWith('Supply-chain cyber risk, February 2027'));
    workerClock.freeze('2027-01-29T10:00:00Z'); // a Friday in January: January's digest, not February's
    await scheduler.run();
    workerClock.freeze('2027-02-01T10:00:00Z'); // Monday 1 February, the first working day
    await scheduler.run();
    await until(async () => digests().length === 1, 30_000);
    workerClock.freeze('2027-02-02T10:00:00Z');
    await scheduler.run();
    await new Promise((r) => setTimeout(r, 500));
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    expect(digest.subject).toMatch(/^Supply-chain cyber risk, February 2027: net value at risk £[\d,.]+(M|bn)?$/);
    expect(digest.text).toContain('Top risks');
    expect(digest.attachments).toEqual([
      expect.objectContaining({ filename: 'supply-chain-risk-2027-02.pdf', contentType: 'application/pdf' }),
    ]);
    expect(digest.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    workerClock.reset();
  }, 60_000);

  it('tells the owner when a questionnaire is submitted, the supplier when it is returned, and owes link and reassessment notices', async () => {
    const supplier = await newSupplier('Lifecycle Ltd');
    const asset = await api.request({
      method: 'POST',
      url: '/api/v1/data-assets',
      headers: buyer.headers,
      payload: {
        name: 'Clinic letters',
        classification: 'personal',
        categories: ['contact_details'],
        recordCount: 40_000,
        ownerId: buyer.id,
      },
    });
    const link = await api.request({
      method: 'POST',
      url: '/api/v1/data-sharing-links',
      headers: buyer.headers,
      payload: {
        supplierId: supplier.id,
        dataAssetId: asset.json().id,
        purpose: 'Printing',
        direction: 'outbound',
        recordCount: 40_000,
        pseudonymisation: 'identifiable',
        article6Basis: 'public_task',
        agreementType: 'DPA',
        agreementRef: 'DPA-3',
        processingLocation: 'uk',
        reviewDate: '2027-03-10',
        status: 'active',
      },
    });
    expect(link.statusCode).toBe(201);
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.id, questionnaireKey: 'supplier-security-lite', dueDate: '2027-01-12' },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    type Q = { code: string; type: string; options: { value: string }[] | null; answer: { version: number } | null };
    const answerAll = async () => {
      const view = (await portal('GET', '/portal/assessment')).json();
      const answers = view.sections
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
      expect((await portal('POST', '/portal/assessment/answers', { answers })).statusCode).toBe(200);
      expect(
        (
          await portal('POST', '/portal/assessment/submit', {
            attestation: { name: 'Pat', jobTitle: 'IT', confirmed: true },
          })
        ).statusCode,
      ).toBe(200);
    };
    await answerAll();
    await until(async () =>
      sink
        .to(buyer.email)
        .some((m) => m.subject === 'Lifecycle Ltd submitted its security questionnaire: ready for review'),
    );
    const returned = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${sent.json().id}/return`,
      headers: buyer.headers,
      payload: { questionCodes: ['LCT-01'], message: 'Which <b>remote access</b> routes does MFA cover?' },
    });
    expect(returned.statusCode).toBe(200);
    await until(async () =>
      sink
        .to(supplier.primary)
        .some((m) => m.subject.startsWith('Please clarify your security questionnaire answers for Lifecycle Ltd')),
    );
    const clarify = sink.to(supplier.primary).find((m) => m.subject.startsWith('Please clarify'))!;
    expect(clarify.text).toContain('Which <b>remote access</b> routes does MFA cover?');
    expect(clarify.html).toContain('Which &lt;b&gt;remote access&lt;/b&gt; routes');
    // The invitation's token left the outbox once it was sent: the request for clarification points to that email.
    expect(clarify.text).toContain('Use the link in the invitation email we sent you.');
    api.clock.advance(3_600_000); // an hour later (the clock is frozen)
    await answerAll(); // answered again and resubmitted: the owner hears again
    await until(
      async () => sink.to(buyer.email).filter((m) => m.subject.startsWith('Lifecycle Ltd submitted')).length === 2,
    );
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/assessments/${sent.json().id}/complete`,
          headers: buyer.headers,
        })
      ).statusCode,
    ).toBe(200);
    // Completed four years ago as far as the tier 4 interval (36 months) is concerned.
    await query(api.databaseUrl, "UPDATE assessment SET completed_at = now() - interval '4 years' WHERE id = $1", [
      sent.json().id,
    ]);

    workerClock.freeze('2027-02-10T10:00:00Z'); // a Wednesday, 28 days before the link's review date
    await worker.get(NotificationScheduler).run();
    await until(async () =>
      sink
        .to(buyer.email)
        .some((m) => m.subject === 'Data-sharing review due 10 Mar 2027: Lifecycle Ltd, Clinic letters'),
    );
    await until(async () =>
      sink.to(buyer.email).some((m) => m.subject.startsWith('Reassessment due: Lifecycle Ltd (last assessed ')),
    );
    const reassess = sink.to(buyer.email).find((m) => m.subject.startsWith('Reassessment due: Lifecycle Ltd'))!;
    expect(reassess.text).toContain(`http://assure.test/console/suppliers/${supplier.id}#send-questionnaireKey`);
    const again = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${sent.json().id}/reassess`,
      headers: buyer.headers,
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ questionnaireKey: 'supplier-security-lite', status: 'sent' });
    await worker.get(NotificationScheduler).run(); // the same day again: nothing new
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.to(buyer.email).filter((m) => m.subject.startsWith('Data-sharing review due')).length).toBe(1);
    expect(sink.to(buyer.email).filter((m) => m.subject.startsWith('Reassessment due: Lifecycle')).length).toBe(1);
    workerClock.reset();
  }, 60_000);

  it('two schedulers at once owe each email once', async () => {
    const suppliers = await Promise.all(['Twin A Ltd', 'Twin B Ltd', 'Twin C Ltd'].map(newSupplier));
    const sent = await Promise.all(suppliers.map((s) => sendQuestionnaire(s.id, '2027-01-13')));
    const second = await createWorker(api.config, pino({ level: 'silent' }));
    await second.init();
    try {
      workerClock.freeze('2027-01-06T10:00:00Z');
      second.get(Clock).freeze('2027-01-06T10:00:00Z');
      const ids = sent.map((s) => s.id);
      await Promise.all([
        worker.get(NotificationScheduler).run(),
        second.get(NotificationScheduler).run(),
        worker.get(NotificationScheduler).run(),
      ]);
      expect((await rows("refs->>'assessmentId' = ANY($1) AND kind = 'assessment.reminder'", [ids])).length).toBe(3);
      await settle("refs->>'assessmentId' = ANY($1)", [ids]);
      for (const s of suppliers)
        expect({
          s: s.primary,
          subjects: sink
            .to(s.primary)
            .map((m) => m.subject.split(' ')[0])
            .sort(),
          rows: (await rows('$1 = ANY(recipients)', [s.primary])).map((r) => `${r.kind}:${r.status}:${r.skip_reason}`),
        }).toMatchObject({ subjects: ['Reminder:', 'Security'] });
    } finally {
      workerClock.reset();
      await second.close();
    }
  });

  it('retries while the SMTP server refuses, then delivers', async () => {
    const supplier = await newSupplier('Busy Relay Ltd');
    sink.refusing = true;
    const sent = await sendQuestionnaire(supplier.id, '2027-01-12');
    await until(async () => (await rows("refs->>'assessmentId' = $1 AND status = 'failed'", [sent.id])).length === 1);
    sink.refusing = false;
    await settle("refs->>'assessmentId' = $1", [sent.id]);
    const [row] = await rows("refs->>'assessmentId' = $1", [sent.id]);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(sink.to(supplier.primary)).toHaveLength(1);
  });

  it('marks an email dead after the last attempt, shows it, and retries it on request', async () => {
    const supplier = await newSupplier('Dead Letter Ltd');
    sink.refusing = true;
    const sent = await sendQuestionnaire(supplier.id, '2027-01-12');
    await until(async () => (await rows("refs->>'assessmentId' = $1 AND status = 'dead'", [sent.id])).length === 1);
    sink.refusing = false;
    const [dead] = await rows("refs->>'assessmentId' = $1", [sent.id]);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead.last_error).toMatch(/451/);
    await new Promise((r) => setTimeout(r, 700)); // a few sweeps: a dead email stays dead
    expect((await rows('id = $1', [dead.id]))[0].status).toBe('dead');

    const log = await api.request({ method: 'GET', url: '/api/v1/notifications?status=dead', headers: buyer.headers });
    expect(log.json().items.map((i: { id: string }) => i.id)).toContain(dead.id);
    const governance = await signIn(api, 'governance');
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/notifications/${dead.id}/retry`,
          headers: governance.headers,
        })
      ).statusCode,
    ).toBe(403);
    const retried = await api.request({
      method: 'POST',
      url: `/api/v1/notifications/${dead.id}/retry`,
      headers: buyer.headers,
    });
    expect(retried.statusCode).toBe(200);
    await settle('id = $1', [dead.id]);
    expect((await rows('id = $1', [dead.id]))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.to(supplier.primary)).toHaveLength(1);
    const again = await api.request({
      method: 'POST',
      url: `/api/v1/notifications/${dead.id}/retry`,
      headers: buyer.headers,
    });
    expect(again.statusCode).toBe(409);
  });

  it('rejects bad filters with problem details, and keeps the queue dashboard for admins', async () => {
    const bad = await api.request({ method: 'GET', url: '/api/v1/notifications?status=lost', headers: buyer.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('status');
    expect((await api.request({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    expect((await api.request({ method: 'GET', url: '/admin/queues', headers: buyer.headers })).statusCode).toBe(403);
    const board = await api.request({ method: 'GET', url: '/admin/queues', headers: admin.headers });
    expect(board.statusCode).toBe(200);
    expect(board.body).toMatch(/<html/i);
    const queues = await api.request({ method: 'GET', url: '/admin/queues/api/queues', headers: admin.headers });
    expect(queues.statusCode).toBe(200);
    expect(queues.json().queues.map((q: { name: string }) => q.name)).toContain(EMAIL_QUEUE);
  });
});
