import type { INestApplicationContext } from '@nestjs/common';
import { pino } from 'pino';
import { freePort, startRedis } from '@dev/embedded';
import { OutboxDispatcher } from '@app/notifications';
import { addDays } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { exited, startCompiled, waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

const until = (probe: () => Promise<unknown>, timeoutMs = 60_000) =>
  waitUntil(async () => ((await probe()) ? true : undefined), timeoutMs);

/** The environment of a compiled process sharing the test API's database, Redis and queue. */
const processEnv = (api: TestApi, extra: Record<string, string>) => ({
  DATABASE_URL: api.config.database.url,
  REDIS_URL: api.config.queue.redisUrl,
  QUEUE_PREFIX: api.config.queue.prefix,
  JWT_SECRET: api.config.auth.jwtSecret,
  LINK_SEALING_SECRET: api.config.auth.linkSealingSecret,
  PUBLIC_URL: api.config.http.baseUrl,
  LOG_LEVEL: 'warn',
  ...extra,
});

async function supplierWithAssessment(
  api: TestApi,
  buyer: SignedIn,
  name: string,
): Promise<{ assessmentId: string; primary: string }> {
  const primary = `primary.${Math.random().toString(36).slice(2, 8)}@supplier.example`;
  const supplier = await api.request({
    method: 'POST',
    url: '/api/v1/suppliers',
    headers: buyer.headers,
    payload: {
      name,
      kind: 'supplier',
      criticality: 'low',
      status: 'active',
      ownerId: buyer.id,
      contacts: [{ name: 'Pat Primary', email: primary, role: 'primary' }],
    },
  });
  expect(supplier.statusCode).toBe(201);
  const sent = await api.request({
    method: 'POST',
    url: '/api/v1/assessments',
    headers: buyer.headers,
    payload: { supplierId: supplier.json().id, dueDate: addDays(api.clock.today(), 43) },
  });
  expect(sent.statusCode).toBe(201);
  return { assessmentId: sent.json().id, primary };
}

describe('notifications under faults', () => {
  // A crash repeats at most the emails the worker held: one when it takes one at a time, EMAIL_BATCH
  // when a job takes others with it (the documented in-flight count, with EMAIL_CONCURRENCY 1).
  it.each([
    { batch: 1, held: 1 },
    { batch: 10, held: 10 },
  ])(
    'a worker killed (SIGKILL) during a burst of 1,000 (EMAIL_BATCH $batch): every email delivered, at most $held repeated',
    async ({ batch, held }) => {
      const sink = await new SmtpSink().start();
      const api = await startTestApi({ SMTP_URL: sink.url, RATE_LIMIT_PER_MINUTE: '10000' });
      try {
        const buyer = await signIn(api, 'procurement');
        const { assessmentId } = await supplierWithAssessment(api, buyer, 'Burst Ltd');
        const burst = await query<{ id: string }>(
          api.databaseUrl,
          `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key)
         SELECT 'assessment.submitted', ARRAY['owner' || i || '@trust.nhs.test'], 'assessment-submitted', jsonb_build_object('assessmentId', $1::text), 'burst:' || i
           FROM generate_series(1, 1000) i RETURNING id`,
          [assessmentId],
        );
        await api.app.get(OutboxDispatcher).dispatch(burst.map((b) => b.id));
        const burstIds = new Set(burst.map((b) => b.id));
        const delivered = () => sink.received.filter((m) => burstIds.has(m.headers['x-assure-notification']));

        // One job in hand at a time, taking up to `batch` emails; short locks so that a dead worker's
        // job is taken up again within seconds.
        const env = processEnv(api, {
          SMTP_URL: sink.url,
          EMAIL_CONCURRENCY: '1',
          EMAIL_BATCH: String(batch),
          BULL_LOCK_DURATION_MS: '2000',
          BULL_STALLED_INTERVAL_MS: '1000',
          SWEEP_INTERVAL_MS: '1000',
          SWEEP_GRACE_MS: '1000',
        });
        const first = startCompiled('apps/worker/src/main.js', env);
        await until(async () => delivered().length >= 200);
        first.kill('SIGKILL');
        await exited(first);
        const atCrash = delivered().length;
        expect(atCrash).toBeLessThan(1000);

        const second = startCompiled('apps/worker/src/main.js', env);
        try {
          await until(
            async () =>
              (
                await query<{ n: string }>(
                  api.databaseUrl,
                  "SELECT count(*) AS n FROM outbox_message WHERE dedupe_key LIKE 'burst:%' AND status = 'sent'",
                )
              )[0].n === '1000',
            90_000,
          );
        } finally {
          second.kill('SIGTERM');
          expect(await exited(second)).toBe(0);
        }
        const ids = delivered().map((m) => m.headers['x-assure-notification']);
        const duplicates = ids.length - new Set(ids).size;
        expect(new Set(ids).size).toBe(1000);
        expect(duplicates).toBeLessThanOrEqual(held);
        console.log(
          `SIGKILL burst (EMAIL_BATCH ${batch}): 1000 emails, killed after ${atCrash}, ${duplicates} duplicate(s)`,
        );
      } finally {
        await api.close();
        await sink.stop();
      }
    },
    150_000,
  );

  it('Redis stopped then restarted empty: the request still succeeds and the mail owed during the outage is delivered after', async () => {
    const sink = await new SmtpSink().start();
    const port = await freePort();
    let redis = await startRedis({ port });
    const api = await startTestApi({
      SMTP_URL: sink.url,
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      SWEEP_INTERVAL_MS: '300',
      SWEEP_GRACE_MS: '300',
    });
    let worker: INestApplicationContext | undefined;
    try {
      worker = await createWorker(api.config, pino({ level: 'silent' }));
      await worker.init();
      const buyer = await signIn(api, 'procurement');
      const before = await supplierWithAssessment(api, buyer, 'Before Outage Ltd');
      await until(async () => sink.to(before.primary).length === 1, 15_000);

      await redis.stop();
      const during = await supplierWithAssessment(api, buyer, 'During Outage Ltd');
      await new Promise((r) => setTimeout(r, 1000));
      expect(sink.to(during.primary)).toHaveLength(0);
      const [owed] = await query<{ status: string }>(
        api.databaseUrl,
        "SELECT status FROM outbox_message WHERE refs->>'assessmentId' = $1",
        [during.assessmentId],
      );
      expect(['pending', 'queued']).toContain(owed.status);

      redis = await startRedis({ port }); // the same address, no data: every job and repeatable is gone
      await until(async () => sink.to(during.primary).length === 1, 30_000);
      await new Promise((r) => setTimeout(r, 1000));
      expect(sink.to(during.primary)).toHaveLength(1);
      expect(sink.to(before.primary)).toHaveLength(1);
      const [row] = await query<{ status: string }>(
        api.databaseUrl,
        "SELECT status FROM outbox_message WHERE refs->>'assessmentId' = $1",
        [during.assessmentId],
      );
      expect(row.status).toBe('sent');
    } finally {
      await worker?.close();
      await api.close();
      await redis.stop();
      await sink.stop();
    }
  }, 90_000);
});
