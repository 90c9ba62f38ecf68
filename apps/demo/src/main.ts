import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runMigrations } from '@app/database';
import type { INestApplicationContext } from '@nestjs/common';
import { isWorkingDay, londonTime } from '@app/notifications';
import { Snapshots } from '@app/reports';
import { addDays, Clock, createPino, loadConfig, requestContext, type Environment } from '@app/platform';
import { createApiApp } from '../../api/src/bootstrap.js';
import { createWorker } from '../../worker/src/bootstrap.js';
import { NotificationScheduler } from '../../worker/src/email/notification-scheduler.js';
import { verifySeededCertificates } from './assurance.js';
import { seedDemo } from './seed.js';
import {
  embeddedDatabase,
  embeddedInbox,
  embeddedRedis,
  persistentSecret,
  randomSecret,
  type Stoppable,
} from './services.js';

/**
 * `npm run demo`: the whole product on one machine. Starts what is not configured (PostgreSQL,
 * Redis, an email inbox), applies migrations, seeds a demo register, then runs the API and the
 * worker together until Ctrl-C, and stops every child service on the way out.
 */
async function main(): Promise<void> {
  const say = (line: string) => console.log(`[demo] ${line}`);
  const started: Stoppable[] = [];
  let shuttingDown = false;
  const closers: (() => Promise<void>)[] = [];
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping...');
    for (const close of closers.reverse()) await close().catch((e: unknown) => console.error(e));
    for (const service of started.reverse())
      await service.stop().catch((e: unknown) => console.error(`${service.name}: ${String(e)}`));
    say('stopped; nothing left running');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const env: Environment = { ...process.env };
    const dataDir = resolve(env.DATA_DIR || '.data');
    env.DATA_DIR = dataDir;
    if (!env.DATABASE_URL) {
      say('starting PostgreSQL (embedded)...');
      env.DATABASE_URL = await embeddedDatabase(dataDir, started);
    }
    if (!env.REDIS_URL) {
      say('starting Redis...');
      env.REDIS_URL = await embeddedRedis(dataDir, started, say);
    }
    let inboxUrl: string | undefined;
    if (!env.SMTP_URL) {
      const inbox = await embeddedInbox(dataDir, started);
      env.SMTP_URL = inbox.smtpUrl;
      inboxUrl = inbox.webUrl;
    }
    env.JWT_SECRET ||= persistentSecret(dataDir, 'jwt-secret', randomSecret());
    env.LINK_SEALING_SECRET ||= persistentSecret(dataDir, 'link-sealing-secret', randomSecret());
    env.ADMIN_EMAIL ||= 'admin@assure.test';
    env.ADMIN_PASSWORD ||= persistentSecret(dataDir, 'admin-password', randomSecret(12));
    env.LOG_LEVEL ||= 'warn';
    const config = loadConfig(env);

    const applied = await runMigrations(config.database.url);
    if (applied.length) say(`applied ${applied.length} migration(s)`);

    const pino = createPino(config.logging.level);
    const api = await createApiApp(config, pino);
    closers.push(() => api.close());
    const seeded = await seedDemo(api);
    if (seeded) {
      say(
        'seeded the demo register: 30 suppliers, 7 data assets, 14 data-sharing links, 4 access paths, 4 certificates, 6 questionnaires sent, 3 reviews completed, 1 incident open',
      );
      await api.get(Snapshots).take(); // this month's snapshot: the report's trend starts here
      // Until the worker sends the invitation emails, the demo keeps the links it made.
      writeFileSync(resolve(dataDir, 'supplier-links.txt'), `${seeded.links.join('\n')}\n`, { mode: 0o600 });
    }
    const links = existsSync(resolve(dataDir, 'supplier-links.txt'))
      ? readFileSync(resolve(dataDir, 'supplier-links.txt'), 'utf8').trim().split('\n')
      : [];
    await api.listen({ port: config.http.port, host: '127.0.0.1' });
    if (seeded)
      await requestContext.run({ requestId: 'demo-seed', actor: { type: 'system', id: 'demo-seed' } }, () =>
        verifySeededCertificates(api),
      );
    const worker = await createWorker(config, pino);
    closers.push(() => worker.close());
    await morningRound(worker, say);

    const base = `http://localhost:${config.http.port}`;
    console.log(
      [
        '',
        'Assure is running.',
        `  Console      ${base}/console   (sign in with the admin login below)`,
        `  API          ${base}/api/v1`,
        `  OpenAPI      ${base}/docs   (JSON: ${base}/docs-json)`,
        `  Ready check  ${base}/health/ready`,
        `  Report       ${base}/api/v1/reports/supply-chain?format=html   (also csv, pdf, json; Bearer token of the admin)`,
        `  Inbox        ${inboxUrl ?? `(your SMTP server at ${config.mail.smtpUrl})`}`,
        `  Admin login  ${config.auth.adminEmail} / ${config.auth.adminPassword}`,
        ...links.map((link) => `  Supplier     ${link}`),
        `  Data folder  ${dataDir}`,
        '',
        'Press Ctrl-C to stop (PostgreSQL, Redis and the inbox stop with it).',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

/**
 * The scheduler's round, run once at start so the inbox shows reminders and escalations at once
 * (the worker repeats it every SCHEDULE_INTERVAL_MS). Outside working hours the demo replays the
 * round of the last working day at 10:00, so an evening or weekend demo shows the same mail.
 */
async function morningRound(worker: INestApplicationContext, say: (message: string) => void): Promise<void> {
  const scheduler = worker.get(NotificationScheduler);
  const clock = worker.get(Clock);
  let run = await scheduler.run();
  if (!run.working) {
    let day = londonTime(clock.now()).date;
    do day = addDays(day, -1);
    while (!isWorkingDay(day));
    clock.freeze(`${day}T10:00:00Z`);
    try {
      run = await scheduler.run();
    } finally {
      clock.reset();
    }
  }
  if (run.owed) say(`the scheduler owed ${run.owed} reminder or escalation email(s)`);
}

void main();
