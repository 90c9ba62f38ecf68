import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';
import pg from 'pg';
import { pino } from 'pino';
import { getQueueToken } from '@nestjs/bull';
import { EMAIL_QUEUE, OutboxDispatcher } from '@app/notifications';
import { addDays } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { DeliveryFailed, EmailDelivery } from '../apps/worker/src/email/email-delivery.js';
import { startTestApi, type TestApi } from './support/app.js';
import { createSupplier, sendAssessment } from './support/factories.js';
import { query } from './support/db.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

/** A supplier with one contact, sent an assessment (which owes the contact an invitation). */
async function sentAssessment(api: TestApi, buyer: SignedIn, name: string, contact: string) {
  const supplierId = await createSupplier(api, buyer, {
    name,
    criticality: 'low',
    ownerId: buyer.id,
    contacts: [{ name: 'Pat Contact', email: contact, role: 'primary' }],
  });
  const { id } = await sendAssessment(api, buyer, supplierId, addDays(api.clock.today(), 43));
  return { assessmentId: id };
}

/**
 * A send job takes other queued emails with it (EMAIL_BATCH): each is sent once, marked with its own
 * outcome, and the jobs of those rows find nothing left to do. The worker here runs, but the rows
 * the tests write have no Bull job (unless a test dispatches them): the deliveries are the test's own.
 */
describe('email batches', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let delivery: EmailDelivery;
  let assessmentId: string;
  let invitee: string;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ SMTP_URL: sink.url, RATE_LIMIT_PER_MINUTE: '10000', EMAIL_BATCH: '5' });
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    delivery = worker.get(EmailDelivery);
    const buyer = await signIn(api, 'procurement');
    invitee = 'pat.batch@supplier.example';
    ({ assessmentId } = await sentAssessment(api, buyer, 'Batch Ltd', invitee));
    // What setting up owed (the invitation among it) is delivered first, so that only the rows below are queued.
    for (const row of await owed("status IN ('pending', 'queued')")) await delivery.deliver(row.id, 1, false);
    expect(await owed("status IN ('pending', 'queued')")).toEqual([]);
    expect(sink.to(invitee)).toHaveLength(1);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.stop();
  });

  const owed = (where: string, params: unknown[] = []) =>
    query<{ id: string; status: string; attempts: number; last_error: string | null; recipients: string[] }>(
      api.databaseUrl,
      `SELECT id, status, attempts, last_error, recipients FROM outbox_message WHERE ${where} ORDER BY dedupe_key`,
      params,
    );
  /** Owes `n` notices of submission, queued (as the dispatcher leaves them), to the given addresses. */
  const queue = (tag: string, addresses: string[], status = 'queued', attempts = 0) =>
    query<{ id: string }>(
      api.databaseUrl,
      `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key, status, attempts, updated_at)
       SELECT 'assessment.submitted', ARRAY[a], 'assessment-submitted', jsonb_build_object('assessmentId', $1::text), $2 || ':' || lpad(n::text, 3, '0'), $3, $4, now() + n * interval '1 ms'
         FROM unnest($5::text[]) WITH ORDINALITY AS x(a, n) RETURNING id`,
      [assessmentId, tag, status, attempts, addresses],
    );
  const received = (tag: string) =>
    sink.received.filter((m) => String(m.headers.to).includes(`@${tag}.trust.nhs.test`)).map((m) => m.headers.to);

  it('one job sends up to EMAIL_BATCH queued emails, each marked with its own outcome, and their jobs have nothing left to do', async () => {
    const addresses = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => `${n}@one.trust.nhs.test`);
    addresses[2] = 'c@localhost'; // refused before it reaches SMTP: fails alone
    const ids = (await queue('one', addresses)).map((r) => r.id);

    expect(await delivery.deliver(ids[0], 1, false)).toBe('sent');
    // Five in one job: the first, then the oldest queued others (the refused one among them).
    expect(received('one').sort()).toEqual([
      'a@one.trust.nhs.test',
      'b@one.trust.nhs.test',
      'd@one.trust.nhs.test',
      'e@one.trust.nhs.test',
    ]);
    expect((await owed("dedupe_key LIKE 'one:%'")).map((r) => [r.recipients[0], r.status, r.attempts])).toEqual([
      ['a@one.trust.nhs.test', 'sent', 1],
      ['b@one.trust.nhs.test', 'sent', 1],
      ['c@localhost', 'failed', 1],
      ['d@one.trust.nhs.test', 'sent', 1],
      ['e@one.trust.nhs.test', 'sent', 1],
      ['f@one.trust.nhs.test', 'queued', 0],
      ['g@one.trust.nhs.test', 'queued', 0],
    ]);
    expect((await owed("dedupe_key = 'one:003'"))[0].last_error).toMatch(/not a deliverable address/);

    // The jobs of the rows sent with it: nothing to do, nothing sent again.
    for (const id of [ids[1], ids[3], ids[4]]) expect(await delivery.deliver(id, 1, false)).toBe('nothing to do');
    // The refused one's own job tries again (its backoff is Bull's) and fails again; the two still
    // queued go with it.
    await expect(delivery.deliver(ids[2], 2, false)).rejects.toBeInstanceOf(DeliveryFailed);
    expect((await owed("dedupe_key LIKE 'one:%'")).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['failed', 2],
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(await delivery.deliver(ids[5], 1, false)).toBe('nothing to do');
    expect(received('one')).toHaveLength(6);
  });

  it('jobs running together for emails of one batch wait for it: each email reaches SMTP once', async () => {
    const ids = (
      await queue(
        'two',
        ['a', 'b', 'c', 'd'].map((n) => `${n}@two.trust.nhs.test`),
      )
    ).map((r) => r.id);
    const outcomes = await Promise.all(ids.map((id) => delivery.deliver(id, 1, false)));
    // A job whose email another job took waits for that one to commit, then has nothing to do.
    expect(outcomes).toContain('sent');
    for (const outcome of outcomes) expect(['sent', 'nothing to do']).toContain(outcome);
    expect(received('two').sort()).toEqual([
      'a@two.trust.nhs.test',
      'b@two.trust.nhs.test',
      'c@two.trust.nhs.test',
      'd@two.trust.nhs.test',
    ]);
  });

  it('dispatching leaves an email a worker holds to that worker, without waiting for it to be sent', async () => {
    const [held, free] = await queue('four', ['h@four.trust.nhs.test', 'f@four.trust.nhs.test'], 'pending');
    // A worker's batch holds the first row (as when its job starts before the dispatch marks it queued).
    const holder = new pg.Client({ connectionString: api.databaseUrl });
    await holder.connect();
    let timer: NodeJS.Timeout | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM outbox_message WHERE id = $1 FOR UPDATE', [held.id]);
      const outcome = await Promise.race([
        api.app
          .get(OutboxDispatcher)
          .dispatch([held.id, free.id])
          .then(() => 'dispatched'),
        new Promise((r) => (timer = setTimeout(() => r('still waiting for the held row'), 10_000))),
      ]);
      expect(outcome).toBe('dispatched');
      const jobs = api.app.get<Queue>(getQueueToken(EMAIL_QUEUE));
      expect(await jobs.getJob(held.id)).not.toBeNull();
      expect(await jobs.getJob(free.id)).not.toBeNull();
      // The held row keeps what its holder leaves; the free one is queued (or already sent by its job).
      const [h, f] = await owed("dedupe_key LIKE 'four:%'");
      expect(h.status).toBe('pending');
      expect(['queued', 'sent']).toContain(f.status);
    } finally {
      clearTimeout(timer);
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // The worker's jobs (this file's worker runs) send both once the row is let go, once each.
    await waitUntil(async () =>
      (await owed("dedupe_key LIKE 'four:%' AND status = 'sent'")).length === 2 ? true : undefined,
    );
    expect(received('four').sort()).toEqual(['f@four.trust.nhs.test', 'h@four.trust.nhs.test']);
  });

  it('leaves emails being retried to their own job', async () => {
    const [retried] = await queue('three', ['r@three.trust.nhs.test'], 'failed', 1);
    const [fresh] = await queue('three-new', ['n@threenew.trust.nhs.test']);
    expect(await delivery.deliver(fresh.id, 1, false)).toBe('sent');
    expect((await owed('id = $1', [retried.id]))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await delivery.deliver(retried.id, 2, false)).toBe('sent');
    expect(received('three')).toEqual(['r@three.trust.nhs.test']);
  });
});

/**
 * Bull runs more send jobs at once than EMAIL_CONCURRENCY (the sweep's and scheduler's loops take
 * send jobs too), so the worker bounds the batches itself: what it holds at any moment, and so what a
 * crash can repeat, is at most EMAIL_BATCH x EMAIL_CONCURRENCY. Held rows are read with pgrowlocks,
 * which sees the worker's row locks without waiting for or taking any.
 */
describe('emails in hand', () => {
  it('a running worker with EMAIL_CONCURRENCY 1 and EMAIL_BATCH 5 never holds more than 5 emails at once', async () => {
    const sink = await new SmtpSink().start();
    sink.delayMs = 30; // a batch of five takes long enough to be seen
    const api = await startTestApi({
      SMTP_URL: sink.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      EMAIL_CONCURRENCY: '1',
      EMAIL_BATCH: '5',
    });
    let worker: INestApplicationContext | undefined;
    try {
      const buyer = await signIn(api, 'procurement');
      const { assessmentId } = await sentAssessment(api, buyer, 'Held Ltd', 'pat.held@supplier.example');
      await query(api.databaseUrl, 'CREATE EXTENSION IF NOT EXISTS pgrowlocks');
      worker = await createWorker(api.config, pino({ level: 'silent' }));
      await worker.init();
      const rows = await query<{ id: string }>(
        api.databaseUrl,
        `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key, status)
         SELECT 'assessment.submitted', ARRAY['owner' || i || '@held.trust.nhs.test'], 'assessment-submitted',
                jsonb_build_object('assessmentId', $1::text), 'held:' || i, 'queued'
           FROM generate_series(1, 60) i RETURNING id`,
        [assessmentId],
      );
      // Queued already, so that every job may take others with it; dispatching adds their jobs.
      const dispatched = api.app.get(OutboxDispatcher).dispatch(rows.map((r) => r.id));

      let most = 0;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const [{ held, left }] = await query<{ held: number; left: number }>(
          api.databaseUrl,
          `SELECT (SELECT count(*)::int FROM pgrowlocks('outbox_message')) AS held,
                  (SELECT count(*)::int FROM outbox_message WHERE dedupe_key LIKE 'held:%' AND status <> 'sent') AS left`,
        );
        most = Math.max(most, held);
        if (left === 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      await dispatched;
      expect(sink.received.filter((m) => String(m.headers.to).endsWith('@held.trust.nhs.test'))).toHaveLength(60);
      expect(most).toBeGreaterThan(1); // batches were seen in hand
      expect(most).toBeLessThanOrEqual(5);
    } finally {
      await worker?.close();
      await api.close();
      await sink.stop();
    }
  }, 90_000);
});
