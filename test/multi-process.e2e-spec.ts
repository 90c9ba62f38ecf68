import { freePort } from '@dev/embedded';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { exited, startCompiled, waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { PASSWORD, signIn } from './support/users.js';

type Started = ReturnType<typeof startCompiled>;

/**
 * The product as it runs at a large trust: two API processes and two workers (compiled, as
 * `npm run start:api` / `start:worker` run them) on one PostgreSQL and one Redis.
 */
describe('several processes on one PostgreSQL and one Redis', () => {
  let setup: TestApi;
  let sink: SmtpSink;
  const processes: Started[] = [];
  const apis: string[] = [];
  let workers: Started[] = [];

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    setup = await startTestApi({ SMTP_URL: '' });
    const env = {
      DATABASE_URL: setup.config.database.url,
      REDIS_URL: setup.config.queue.redisUrl,
      QUEUE_PREFIX: setup.config.queue.prefix,
      JWT_SECRET: setup.config.auth.jwtSecret,
      LINK_SEALING_SECRET: setup.config.auth.linkSealingSecret,
      PUBLIC_URL: 'http://assure.test',
      SMTP_URL: sink.url,
      RATE_LIMIT_PER_MINUTE: '600',
      SCHEDULE_INTERVAL_MS: '1000',
      SWEEP_INTERVAL_MS: '2000',
      WORKING_HOURS: '00:00-23:59',
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      processes.push(startCompiled('apps/api/src/main.js', { ...env, PORT: String(port), LOG_LEVEL: 'warn' }));
      apis.push(`http://127.0.0.1:${port}`);
    }
    workers = [0, 1].map(() => startCompiled('apps/worker/src/main.js', { ...env, LOG_LEVEL: 'info' }));
    processes.push(...workers);
    for (const base of apis)
      await waitUntil(async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined), 60_000);
    await waitUntil(
      async () => (workers.every((w) => w.output().includes('worker started')) ? true : undefined),
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    for (const child of processes) child.kill('SIGTERM');
    for (const child of processes) await exited(child, 30_000).catch(() => child.kill('SIGKILL'));
    await setup?.close();
    await sink?.stop();
  }, 60_000);

  it('a campaign of 1,000 sent through one API is delivered in full by two workers, each email once', async () => {
    const buyer = await signIn(setup, 'procurement');
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `Multi ${String(i).padStart(4, '0')} Ltd,supplier,low,active,multi,Contact ${i},c${i}@multi.example`,
    );
    const imported = await fetch(`${apis[0]}/api/v1/suppliers/import`, {
      method: 'POST',
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      body: ['name,kind,criticality,status,tags,primaryContactName,primaryContactEmail', ...rows].join('\n'),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ created: 1000, invalid: 0 });

    const dueDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10); // a reminder is owed at once
    const campaign = await fetch(`${apis[1]}/api/v1/assessments/campaigns`, {
      method: 'POST',
      headers: { ...buyer.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ questionnaireKey: 'supplier-security-lite', dueDate, filter: { tag: 'multi' } }),
    });
    expect(campaign.status).toBe(201);
    expect(((await campaign.json()) as { sent: number }).sent).toBe(1000);

    const owed = await query<{ id: string }>(
      setup.databaseUrl,
      "SELECT id FROM outbox_message WHERE kind = 'assessment.invitation'",
    );
    expect(owed).toHaveLength(1000);
    const delivered = () => new Set(sink.received.map((m) => m.headers['x-assure-notification']));
    const sentRows = async () =>
      Number(
        (
          await query<{ sent: string }>(
            setup.databaseUrl,
            "SELECT count(*) FILTER (WHERE status = 'sent') AS sent FROM outbox_message WHERE kind = 'assessment.invitation'",
          )
        )[0].sent,
      );
    // Delivered to SMTP, then marked sent: the worker writes the row just after the server accepts the email.
    await waitUntil(
      async () => (owed.every((o) => delivered().has(o.id)) && (await sentRows()) === 1000 ? true : undefined),
      280_000,
    );
    expect(await sentRows()).toBe(1000);
    // No worker was killed, so no email was repeated: every outbox row reached SMTP exactly once.
    const ids = sink.received.map((m) => m.headers['x-assure-notification']).filter(Boolean);
    expect(ids.length).toBe(new Set(ids).size);
  }, 330_000);

  it("the scheduler's round runs once per tick across both workers", async () => {
    const rounds = () => workers.reduce((n, w) => n + (w.output().match(/"msg":"scheduler round"/g)?.length ?? 0), 0);
    const before = rounds();
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 6000));
    const ticks = (performance.now() - started) / 1000; // SCHEDULE_INTERVAL_MS = 1000
    const ran = rounds() - before;
    expect(ran).toBeGreaterThanOrEqual(Math.floor(ticks) - 2);
    expect(ran).toBeLessThanOrEqual(Math.ceil(ticks) + 1); // two workers each running every tick would be ~2x
    // And a reminder owed by those rounds went out once per recipient and step.
    const reminders = sink.received
      .filter((m) => /reminder|due in/i.test(m.subject))
      .map((m) => `${m.to[0]}|${m.subject}`);
    expect(reminders.length).toBe(new Set(reminders).size);
  }, 30_000);

  it('shares the rate limit between the APIs, and a console session works on either', async () => {
    // The console session lives in PostgreSQL: signed in on one API, the other knows it.
    const { email } = await signIn(setup, 'viewer');
    const login = await fetch(`${apis[0]}/console/login`, { method: 'GET' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1];
    const preCookie = login.headers.get('set-cookie')?.split(';')[0];
    const form = new URLSearchParams({ email, password: PASSWORD, ...(csrf ? { _csrf: csrf } : {}) });
    const signedIn = await fetch(`${apis[0]}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(preCookie ? { cookie: preCookie } : {}) },
      body: form.toString(),
    });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const onOther = await fetch(`${apis[1]}/console`, { headers: { cookie } });
    expect(onOther.status).toBe(200);
    expect(await onOther.text()).toContain('viewer user');

    // 600 a minute per address, counted by both APIs together: 400 on each is more than that.
    const hit = (base: string) => fetch(`${base}/health/ready`).then((r) => r.status);
    const statuses: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (const base of apis) statuses.push(...(await Promise.all(Array.from({ length: 50 }, () => hit(base)))));
      await new Promise((r) => setTimeout(r, 150)); // let the replicas synchronise
    }
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(allowed).toBeLessThanOrEqual(600);
    expect(allowed).toBeGreaterThan(500);
  }, 180_000);
});
