import type { INestApplicationContext } from '@nestjs/common';
import { pino } from 'pino';
import { Clock } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { NotificationScheduler } from '../apps/worker/src/email/notification-scheduler.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

/** Detected on a Saturday evening (GMT in November): the reminder falls on a Sunday, outside working hours. */
const DETECTED = '2026-11-28T21:30:00Z';
const hoursAfter = (hours: number) => new Date(new Date(DETECTED).getTime() + hours * 3_600_000).toISOString();

/**
 * The incident follow-up's first report is due 24 hours after detection: 12 hours after detection,
 * if its first three answers are not in, the follow-up's recipient is reminded (through the outbox,
 * once), at any hour. Driven by the frozen clock.
 */
describe('incident follow-up: the reminder of the 24-hour first report', () => {
  let api: TestApi;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let workerClock: Clock;
  let governance: SignedIn;
  let buyer: SignedIn;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ SMTP_URL: sink.url, RATE_LIMIT_PER_MINUTE: '10000', SCHEDULE_INTERVAL_MS: '3600000' });
    api.clock.freeze(hoursAfter(1));
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    workerClock = worker.get(Clock);
    workerClock.freeze(hoursAfter(1));
    governance = await signIn(api, 'governance');
    buyer = await signIn(api, 'procurement');
  }, 60_000);
  afterAll(async () => {
    workerClock?.reset();
    api?.clock.reset();
    await worker?.close();
    await api?.close();
    await sink?.stop();
  });

  /** A supplier holding nothing in particular, breached at `detectedAt`; answers the incident and its follow-up's token. */
  async function breached(
    name: string,
    detectedAt: string,
  ): Promise<{ incidentId: string; assessmentId: string; email: string; token: string }> {
    const email = `security@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'moderate',
        status: 'active',
        contacts: [
          { name: 'Office Manager', email: email.replace('security@', 'office@'), role: 'primary' },
          { name: 'Security Office', email, role: 'security' },
        ],
      },
    });
    expect(supplier.statusCode).toBe(201);
    const opened = await api.request({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: governance.headers,
      payload: {
        supplierId: supplier.json().id,
        summary: `${name} reports ransomware on its file servers.`,
        detectedAt,
        source: 'supplier_notice',
        severity: 'high',
      },
    });
    expect(opened.statusCode).toBe(201);
    const invitation = await waitUntil(
      async () => sink.to(email).find((m) => m.subject.startsWith('Urgent: ')),
      15_000,
    );
    return {
      incidentId: opened.json().id,
      assessmentId: opened.json().followUp.assessmentId,
      email,
      token: /\/portal\/i\/([A-Za-z0-9_-]+)/.exec(invitation.text)![1],
    };
  }
  const reminders = () =>
    query<{ recipients: string[]; dedupe_key: string; refs: Record<string, string> }>(
      api.databaseUrl,
      "SELECT recipients, dedupe_key, refs FROM outbox_message WHERE kind = 'incident.first-report-reminder' ORDER BY dedupe_key",
    );
  const runAt = async (at: string) => {
    workerClock.freeze(at);
    return worker.get(NotificationScheduler).run();
  };

  it('reminds the recipient once, 12 hours after detection, at the weekend, saying what is needed first and by when in London time', async () => {
    const silent = await breached('Quietline Telecoms Ltd', DETECTED);
    const answered = await breached('Promptly Answers Ltd', DETECTED);
    // This one answers its first three questions at once: nothing to remind it of.
    const saved = await api.request({
      method: 'POST',
      url: '/portal/assessment/answers',
      headers: { accept: 'application/json', authorization: `Bearer ${answered.token}` },
      payload: {
        answers: [
          { code: 'IFU-04', value: 'containing', version: 0 },
          { code: 'IFU-06', value: 'unknown', version: 0 },
          { code: 'IFU-20', value: 'Dana Cole, incident lead, 07700 900123 at any hour', version: 0 },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);

    // 11 hours after detection: not yet.
    await runAt(hoursAfter(11));
    expect(await reminders()).toEqual([]);

    // 13 hours after: a Sunday morning, outside working hours, and still owed, once however often the scheduler runs.
    const run = await runAt(hoursAfter(13));
    expect(run).toMatchObject({ working: false, owed: 1 });
    await runAt(hoursAfter(13.5));
    expect(await reminders()).toEqual([
      {
        recipients: [silent.email],
        dedupe_key: `incident:${silent.incidentId}:follow-up:${silent.assessmentId}:first-report-24h`,
        refs: { assessmentId: silent.assessmentId, incidentId: silent.incidentId, step: 'first-report-24h' },
      },
    ]);

    const reminder = await waitUntil(
      async () => sink.to(silent.email).find((m) => m.subject.startsWith('Reminder: ')),
      15_000,
    );
    // Detected 21:30 GMT on Saturday 28 November: first answers by 21:30 on Sunday, the rest by 21:30 on Tuesday.
    expect(reminder.subject).toBe(
      'Reminder: security incident at Quietline Telecoms Ltd: first answers needed by 21:30 on Sun 29 Nov 2026',
    );
    expect(reminder.text).toContain(
      'What we need first: by 21:30 on Sun 29 Nov 2026 (UK time), 24 hours after the incident was detected',
    );
    expect(reminder.text).toContain('- Is the incident contained?');
    expect(reminder.text).toContain('- Were systems that hold or process our data affected?');
    expect(reminder.text).toContain(
      '- Who is your incident lead, and how can our incident team reach them at any hour?',
    );
    expect(reminder.text).toContain('Everything else: by 21:30 on Tue 1 Dec 2026 (UK time)');
    expect(reminder.text).toContain('Quietline Telecoms Ltd reports ransomware on its file servers.');
    // The token leaves the outbox once the invitation is sent: the reminder points to that email, and never holds another's link.
    expect(reminder.text).toContain('Use the link in the invitation email we sent you.');
    expect(reminder.text).not.toMatch(/\/portal\/i\//);
    expect(sink.to(answered.email).filter((m) => m.subject.startsWith('Reminder: '))).toEqual([]);

    // Past the first report's due time nothing more is owed.
    await runAt(hoursAfter(25));
    expect(await reminders()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.to(silent.email).filter((m) => m.subject.startsWith('Reminder: '))).toHaveLength(1);
  }, 60_000);

  it('owes none for an incident opened after the reminder time: its invitation already asks for the first answers', async () => {
    api.clock.freeze(hoursAfter(14));
    workerClock.freeze(hoursAfter(14));
    const late = await breached('Latecomer Logistics Ltd', DETECTED); // detected 14 hours before it was opened
    await runAt(hoursAfter(15));
    expect((await reminders()).filter((r) => r.refs.incidentId === late.incidentId)).toEqual([]);
  }, 60_000);
});
