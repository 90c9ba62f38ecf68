import { randomBytes } from 'node:crypto';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runMigrations } from '@app/database';
import { freePort, startPostgres, startRedis } from '@dev/embedded';
import { UsersService } from '@app/identity';
import { AppConfig, createPino, loadConfig } from '@app/platform';
import { SupplierCsv } from '@app/suppliers';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { CampaignService } from '@app/assessments';
import { OutboxDispatcher } from '@app/notifications';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { lossBench } from './loss.js';
import createClient from 'openapi-fetch';
import type { paths } from '@dev/openapi-client';
import { reportBench, seedRegisters } from './report.js';
import { bareServer, bareUpsertServer } from './baselines.js';
import { consoleBench } from './console.js';
import { CONCURRENCY, goalLine, measure, median, rateLine, REQUESTS, ROUNDS, rounds } from './load.js';

/**
 * `npm run bench`: every goal of the speed issues as a ratio against a baseline measured in the same
 * run (the machine is shared and noisy: compare ratios between runs, not req/s), each the median of
 * ROUNDS rounds whose two figures are measured back to back, printed with its goal on a `GOAL` line.
 * Sends traffic to 127.0.0.1 only, for a bounded number of requests.
 * `BENCH_ONLY=http|save|email|register|loss` runs one part (`register`: the report and the console
 * pages at 1,000 and 10,000 suppliers).
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const part = (name: string) => !only || only === name;
  if (only === 'loss') return lossBench(); // pure computation: no servers needed
  const runDir = mkdtempSync(join(tmpdir(), 'assure-bench-'));
  chmodSync(runDir, 0o755);
  const postgres = await startPostgres({ dataDir: join(runDir, 'postgres'), ephemeral: true, fast: true });
  const redis = await startRedis();
  try {
    if (part('http') || part('save') || part('email')) await apiBench(postgres.url, redis.url, part);
    if (part('register') || only === 'report' || only === 'console') {
      const databases = await seedRegisters(postgres.url);
      if (only !== 'report') await consoleBench(databases, redis.url);
      if (only !== 'console') await reportBench(databases, redis.url);
    }
    if (!only) await lossBench();
  } finally {
    await redis.stop();
    await postgres.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The API in this process: framework overhead, the supplier list, answer saves, the email pipeline. */
async function apiBench(adminUrl: string, redisUrl: string, part: (name: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  const databaseUrl = adminUrl.replace(/\/postgres$/, '/bench');
  await runMigrations(databaseUrl);
  const sink = await countingSmtpSink();
  const config = loadConfig({
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SWEEP_INTERVAL_MS: '1000',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LINK_SEALING_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    PORT: String(await freePort()),
  });
  const app = await createApiApp(config, createPino('silent'));
  await app.listen({ port: config.http.port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${config.http.port}`;

  await app
    .get(UsersService)
    .create({ email: 'bench@trust.nhs.test', name: 'Bench', role: 'viewer', password: 'bench-password-123' });
  const csv = ['name,kind,companiesHouseNumber,criticality,status,tags,primaryContactName,primaryContactEmail'];
  for (let i = 0; i < EMAILS; i++)
    csv.push(
      `Bench Supplier ${i},supplier,BN${String(i).padStart(6, '0')},low,active,bench,Contact ${i},c${i}@bench.example`,
    );
  const importStarted = performance.now();
  await app.get(SupplierCsv).import(Readable.from([csv.join('\n')]), false);
  const importMs = performance.now() - importStarted;
  await cloneSuppliers(databaseUrl, 'bench', EMAIL_TAGS.slice(1));
  // Signed in and checked with the client generated from /docs-json (npm run openapi:client).
  const client = createClient<paths>({ baseUrl: base });
  const { data: login, error: loginError } = await client.POST('/api/v1/auth/login', {
    body: { email: 'bench@trust.nhs.test', password: 'bench-password-123' },
  });
  if (!login) throw new Error(`bench login failed: ${JSON.stringify(loginError)}`);
  const auth = { authorization: `Bearer ${login.accessToken}` };
  const { data: register } = await client.GET('/api/v1/suppliers', {
    params: { query: { tag: 'bench', pageSize: 1 } },
    headers: auth,
  });
  const total = typeof register === 'object' ? register.total : undefined; // the route also answers CSV (format=csv)
  if (total !== EMAILS)
    throw new Error(`the bench register should hold ${EMAILS} suppliers tagged bench, not ${total}`);
  console.log(
    `requests per route: ${REQUESTS}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds; register of ${EMAILS * EMAIL_TAGS.length} suppliers`,
  );

  if (part('http')) {
    const bare = await bareServer(databaseUrl);
    const bareList = await (await fetch(`${bare.url}/suppliers?pageSize=50`)).json();
    const apiList = await (await fetch(`${base}/api/v1/suppliers?pageSize=50`, { headers: auth })).json();
    if (JSON.stringify(bareList) !== JSON.stringify(apiList))
      throw new Error('the bare supplier list does not answer the same JSON as the API');
    const health = await rounds(async () => ({
      baseline: await measure(`${bare.url}/health`, {}),
      subject: await measure(`${base}/health`, {}),
    }));
    rateLine('GET /health, bare Fastify (baseline, median)', median(health.results.map((r) => r.baseline)));
    rateLine('GET /health, the whole stack (median)', median(health.results.map((r) => r.subject)));
    goalLine('framework overhead: GET /health / bare Fastify', health.ratio, { atLeast: 0.3 }, health.ratios);
    const list = await rounds(async () => ({
      baseline: await measure(`${bare.url}/suppliers?pageSize=50`, {}),
      subject: await measure(`${base}/api/v1/suppliers?pageSize=50`, auth),
    }));
    rateLine(
      'supplier list (50 rows), bare Fastify + pg (baseline, median)',
      median(list.results.map((r) => r.baseline)),
    );
    rateLine('GET /api/v1/suppliers?pageSize=50 (median)', median(list.results.map((r) => r.subject)));
    goalLine('supplier list, 50 rows / bare Fastify + pg', list.ratio, { atLeast: 0.4 }, list.ratios);
    await bare.close();
    rateLine('GET /health/ready', await measure(`${base}/health/ready`, {}));
    rateLine(
      'GET /api/v1/suppliers?q=supplier 1&sort=-singleLossEstimate',
      await measure(`${base}/api/v1/suppliers?q=supplier%201&sort=-singleLossEstimate`, auth),
    );
    console.log(
      `  CSV import of ${EMAILS} new suppliers: ${importMs.toFixed(0)} ms (${((importMs / EMAILS) * 1000).toFixed(0)} us per row)`,
    );
  }

  // Round 1's campaign (tag bench) also gives the answer saves their links.
  const campaignStarted = performance.now();
  const campaign = await app
    .get(CampaignService)
    .run({ questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31', filter: { tag: EMAIL_TAGS[0] } }, null);
  console.log(`  campaign of ${EMAILS} suppliers (set-based): ${(performance.now() - campaignStarted).toFixed(0)} ms`);
  await app.get(OutboxDispatcher).settled(); // the campaign's enqueues are not part of either save measurement

  if (part('save')) {
    // Answer saves: the portal route against a bare Fastify route doing the same single-row upsert
    // with raw pg, each round on assessments of its own (16 for each side).
    const bare = await bareUpsertServer(databaseUrl);
    const saves = await rounds(async () => {
      const round = saveRound++;
      const keys = campaign.assessments.slice(round * 2 * CONCURRENCY, (round * 2 + 1) * CONCURRENCY);
      const bareKeys = campaign.assessments
        .slice((round * 2 + 1) * CONCURRENCY, (round * 2 + 2) * CONCURRENCY)
        .map((a) => a.id);
      const bareSave = await measureSaves(`http://127.0.0.1:${bare.port}/save`, bareKeys, false);
      const portalSave = await measureSaves(
        `${base}/portal/assessment/answers`,
        keys.map((a) => a.invitationUrl.split('/portal/i/')[1]),
        true,
      );
      console.log(
        `  round ${round + 1}: bare upsert ${bareSave.rate.toFixed(0)} saves/s (p99 ${bareSave.p99.toFixed(1)} ms), portal ${portalSave.rate.toFixed(0)} saves/s (p99 ${portalSave.p99.toFixed(1)} ms)`,
      );
      return { baseline: bareSave.rate, subject: portalSave.rate };
    });
    await bare.close();
    goalLine('answer save: POST /portal/assessment/answers / bare upsert', saves.ratio, { atLeast: 0.5 }, saves.ratios);
  }

  if (part('email')) {
    // Email: each round's campaign of EMAILS invitations through outbox -> Bull -> render -> SMTP,
    // against raw pooled nodemailer sending as many messages of the same size to the same sink.
    let round = 0;
    const emails = await rounds(async () => {
      if (round > 0) {
        await app
          .get(CampaignService)
          .run(
            { questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31', filter: { tag: EMAIL_TAGS[round] } },
            null,
          );
        await app.get(OutboxDispatcher).settled();
      }
      round++;
      const rawRate = await rawSmtpRate(config);
      const pipelineRate = await pipelineRateOf(config, databaseUrl, sink, EMAILS, round * EMAILS);
      console.log(
        `  round ${round}: raw pooled nodemailer ${rawRate.toFixed(0)} emails/s, outbox -> Bull -> render -> SMTP (concurrency ${config.mail.concurrency}) ${pipelineRate.toFixed(0)} emails/s`,
      );
      return { baseline: rawRate, subject: pipelineRate };
    });
    goalLine('email pipeline / raw pooled nodemailer', emails.ratio, { atLeast: 0.5 }, emails.ratios);
  }
  await sink.close();
  await app.close();
  console.log(
    `  bench process resident memory (API, worker and load threads in one process): ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );
}

/** Emails per round (one campaign of this many suppliers each), and the tag of each round's suppliers. */
const EMAILS = 2000;
const EMAIL_TAGS = ['bench', 'benchtwo', 'benchthree'];
let saveRound = 0;

/** Copies the suppliers tagged `from` (and their contacts) once per tag in `to`, through SQL. */
async function cloneSuppliers(databaseUrl: string, from: string, to: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const columns =
    'kind, criticality, status, tier, impact_level, single_loss_estimate, risk_inputs, band, probability, likelihood_level, value_at_risk, net_value_at_risk, rating, assessment_expired, records_shared';
  for (const tag of to) {
    await client.query(
      `WITH source AS (SELECT * FROM supplier WHERE $1 = ANY(tags)),
            copied AS (INSERT INTO supplier (name, tags, ${columns}) SELECT name || ' ' || $2, ARRAY[$2], ${columns} FROM source RETURNING id, name)
       INSERT INTO supplier_contact (supplier_id, name, email, role, position)
       SELECT copied.id, c.name, $2 || '.' || c.email, c.role, c.position FROM copied JOIN source s ON copied.name = s.name || ' ' || $2 JOIN supplier_contact c ON c.supplier_id = s.id`,
      [from, tag],
    );
  }
  await client.end();
}

/** Raw pooled nodemailer sending EMAILS messages of an invitation's size to the sink. */
async function rawSmtpRate(config: AppConfig): Promise<number> {
  const raw = nodemailer.createTransport({
    url: config.mail.smtpUrl,
    pool: true,
    maxConnections: config.mail.concurrency,
  } as never);
  const html = '<p>' + 'x'.repeat(2500) + '</p>';
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: config.mail.concurrency }, async () => {
      while (next++ < EMAILS)
        await raw.sendMail({
          from: config.mail.from,
          to: 'bench@supplier.example',
          subject: 'Security questionnaire for Bench Ltd due 12 Jan 2027',
          html,
          text: 'x'.repeat(1200),
        });
    }),
  );
  raw.close();
  return EMAILS / ((performance.now() - started) / 1000);
}

/**
 * A worker started on the queued outbox: emails per second reaching the SMTP sink until `count` more
 * have arrived (counted as they arrive, as the raw sender's are, rather than by polling the outbox),
 * then checked in the outbox: `target` rows sent in all.
 */
async function pipelineRateOf(
  config: AppConfig,
  databaseUrl: string,
  sink: CountingSink,
  count: number,
  target: number,
): Promise<number> {
  const worker = await createWorker(config, createPino('silent'));
  await worker.init(); // the worker's start-up is not part of the throughput
  const started = performance.now();
  const atStart = sink.received();
  await sink.until(atStart + count);
  const rate = count / ((performance.now() - started) / 1000);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const sent = async () =>
    Number(
      (await pool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_message WHERE status = 'sent'")).rows[0].n,
    );
  while ((await sent()) < target) await new Promise((r) => setTimeout(r, 50));
  await pool.end();
  await worker.close();
  return rate;
}

interface CountingSink {
  port: number;
  /** Messages accepted so far. */
  received: () => number;
  /** Resolves once `n` messages in all have been accepted. */
  until: (n: number) => Promise<void>;
  close: () => Promise<void>;
}

/** An SMTP server that accepts and counts. */
async function countingSmtpSink(): Promise<CountingSink> {
  const port = await freePort();
  let received = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => {
        received++;
        for (const w of waiting.filter((w) => w.n <= received)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    port,
    received: () => received,
    until: (n) => (received >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SAVES = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.keys.length });
const post = (url, headers, body) => new Promise((resolve, reject) => {
  const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
    let data = ''; res.on('data', (c) => (data += c));
    res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(data)) : reject(new Error(url + ' answered ' + res.statusCode + ' ' + data))));
  });
  req.on('error', reject); req.end(JSON.stringify(body));
});
(async () => {
  const { url, keys, portal, requests, warmup } = workerData;
  const versions = new Map(keys.map((key) => [key, 0]));
  const save = async (key) => {
    const version = versions.get(key);
    const value = version % 2 ? 'yes' : 'no';
    if (portal) {
      const res = await post(url, { authorization: 'Bearer ' + key }, { answers: [{ code: 'LGV-01', value, version }] });
      versions.set(key, res.answers[0].version);
    } else {
      const res = await post(url, {}, { assessmentId: key, code: 'LGV-01', value, version });
      versions.set(key, res.version);
    }
  };
  // Untimed first, as the GET measurements are (load.ts): both sides are timed on warm code.
  let next = 0;
  await Promise.all(keys.map(async (key) => { while (next++ < warmup) await save(key); }));
  const latencies = [];
  next = 0;
  const started = performance.now();
  await Promise.all(keys.map(async (key) => {
    while (next++ < requests) {
      const t = performance.now();
      await save(key);
      latencies.push(performance.now() - t);
    }
  }));
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ rate: requests / ((performance.now() - started) / 1000), p99: latencies[Math.floor(latencies.length * 0.99)] });
  agent.destroy();
})().catch((error) => { throw error; });
`;

function measureSaves(url: string, keys: string[], portal: boolean): Promise<{ rate: number; p99: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SAVES, {
      eval: true,
      workerData: { url, keys, portal, requests: Math.min(REQUESTS, 2000), warmup: 200 },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
