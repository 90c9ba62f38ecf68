import { randomBytes } from 'node:crypto';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runMigrations } from '@app/database';
import { freePort, startPostgres, startRedis } from '@dev/embedded';
import { UsersService } from '@app/identity';
import { createPino, loadConfig } from '@app/platform';
import { SupplierCsv } from '@app/suppliers';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { CampaignService } from '@app/assessments';
import { OutboxDispatcher } from '@app/notifications';
import Fastify from 'fastify';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { lossBench } from './loss.js';
import createClient from 'openapi-fetch';
import type { paths } from '../apps/api/src/openapi/client-schema.js';
import { reportBench } from './report.js';

/**
 * `npm run bench`: throughput of API routes, each reported as a ratio to a trivial route measured
 * in the same run (the machine is shared and noisy: compare ratios between runs, not req/s).
 * Sends traffic to 127.0.0.1 only, for a bounded number of requests.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = 16;

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'loss') return lossBench(); // pure computation: no servers needed
  const runDir = mkdtempSync(join(tmpdir(), 'assure-bench-'));
  chmodSync(runDir, 0o755);
  const postgres = await startPostgres({ dataDir: join(runDir, 'postgres'), ephemeral: true, fast: true });
  const redis = await startRedis();
  try {
    if (process.env.BENCH_ONLY === 'report') {
      await reportBench(postgres.url, redis.url);
      return;
    }
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const databaseUrl = postgres.url.replace(/\/postgres$/, '/bench');
    await runMigrations(databaseUrl);
    const sink = await countingSmtpSink();
    const config = loadConfig({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, SWEEP_INTERVAL_MS: '1000', DATABASE_URL: databaseUrl, REDIS_URL: redis.url, JWT_SECRET: randomBytes(32).toString('hex'), LINK_SEALING_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000000', PORT: String(await freePort()) });
    const app = await createApiApp(config, createPino('silent'));
    await app.listen({ port: config.http.port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${config.http.port}`;

    await app.get(UsersService).create({ email: 'bench@trust.nhs.test', name: 'Bench', role: 'viewer', password: 'bench-password-123' });
    const csv = ['name,kind,companiesHouseNumber,criticality,status,tags,primaryContactName,primaryContactEmail'];
    for (let i = 0; i < 2000; i++) csv.push(`Bench Supplier ${i},supplier,BN${String(i).padStart(6, '0')},low,active,bench,Contact ${i},c${i}@bench.example`);
    const importStarted = performance.now();
    await app.get(SupplierCsv).import(Readable.from([csv.join('\n')]), false);
    const importMs = performance.now() - importStarted;
    // Signed in and checked with the client generated from /docs-json (npm run openapi:client).
    const client = createClient<paths>({ baseUrl: base });
    const { data: login, error: loginError } = await client.POST('/api/v1/auth/login', { body: { email: 'bench@trust.nhs.test', password: 'bench-password-123' } });
    if (!login) throw new Error(`bench login failed: ${JSON.stringify(loginError)}`);
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const { data: register } = await client.GET('/api/v1/suppliers', { params: { query: { tag: 'bench', pageSize: 1 } }, headers: auth });
    const total = typeof register === 'object' ? register.total : undefined; // the route also answers CSV (format=csv)
    if (total !== 2000) throw new Error(`the bench register should hold 2,000 suppliers, not ${total}`);

    const only = process.env.BENCH_ONLY;
    const baseline = only === 'email' ? 1 : await measure(`${base}/health`, {});
    const rows: [string, number][] = only === 'email' ? [] : [
      ['GET /health (baseline)', baseline],
      ['GET /health/ready', await measure(`${base}/health/ready`, {})],
      ['GET /api/v1/suppliers?pageSize=50', await measure(`${base}/api/v1/suppliers?pageSize=50`, auth)],
      ['GET /api/v1/suppliers?q=supplier 1&sort=-singleLossEstimate', await measure(`${base}/api/v1/suppliers?q=supplier%201&sort=-singleLossEstimate`, auth)],
    ];
    console.log(`requests per route: ${REQUESTS}, concurrency ${CONCURRENCY}`);
    for (const [name, rate] of rows) console.log(`${name.padEnd(60)} ${rate.toFixed(0).padStart(7)} req/s   ratio ${(rate / baseline).toFixed(3)}`);
    console.log(`CSV import of 2,000 new suppliers: ${importMs.toFixed(0)} ms (${((importMs / 2000) * 1000).toFixed(0)} us per row)`);

    // Answer saves: the portal route against a bare Fastify route doing the same single-row upsert with raw pg.
    const campaignStarted = performance.now();
    const campaign = await app.get(CampaignService).run({ questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31', filter: { tag: 'bench' } }, null);
    const campaignMs = performance.now() - campaignStarted;
    await app.get(OutboxDispatcher).settled(); // the campaign's 2,000 enqueues are not part of either save measurement
    const tokens = campaign.assessments.slice(0, CONCURRENCY).map((a) => a.invitationUrl.split('/portal/i/')[1]);
    if (only !== 'email') {
    const bare = await bareUpsertServer(databaseUrl);
    const portalSave = await measureSaves(`${base}/portal/assessment/answers`, tokens, true);
    const bareSave = await measureSaves(`http://127.0.0.1:${bare.port}/save`, tokens.map((_, i) => campaign.assessments[i].id), false);
    await bare.close();
    console.log(`answer save, bare Fastify + pg upsert (baseline)                 ${bareSave.rate.toFixed(0).padStart(7)} saves/s   p99 ${bareSave.p99.toFixed(1)} ms`);
    console.log(`answer save, POST /portal/assessment/answers                      ${portalSave.rate.toFixed(0).padStart(7)} saves/s   p99 ${portalSave.p99.toFixed(1)} ms   ratio ${(portalSave.rate / bareSave.rate).toFixed(3)} (goal >= 0.5)`);
    }
    console.log(`campaign of 2,000 suppliers (set-based): ${campaignMs.toFixed(0)} ms`);
    if (process.env.BENCH_ONLY === 'save') {
      await sink.close();
      await app.close();
      return;
    }

    // Email: the campaign's 2,000 invitations through outbox -> Bull -> render -> SMTP, against raw
    // pooled nodemailer sending 2,000 messages of the same size to the same sink.
    const raw = nodemailer.createTransport({ url: config.mail.smtpUrl, pool: true, maxConnections: config.mail.concurrency } as never);
    const html = '<p>' + 'x'.repeat(2500) + '</p>';
    const rawStarted = performance.now();
    let nextRaw = 0;
    await Promise.all(Array.from({ length: config.mail.concurrency }, async () => {
      while (nextRaw++ < 2000) await raw.sendMail({ from: config.mail.from, to: 'bench@supplier.example', subject: 'Security questionnaire for Bench Ltd due 12 Jan 2027', html, text: 'x'.repeat(1200) });
    }));
    const rawRate = 2000 / ((performance.now() - rawStarted) / 1000);
    raw.close();
    const worker = await createWorker(config, createPino('silent'));
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await worker.init(); // the worker's start-up is not part of the throughput
    const pipelineStarted = performance.now();
    const [{ n: sentAtStart }] = (await pool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_message WHERE status = 'sent'")).rows;
    for (;;) {
      const [{ n }] = (await pool.query<{ n: string }>("SELECT count(*) AS n FROM outbox_message WHERE status = 'sent'")).rows;
      if (Number(n) >= 2000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const pipelineRate = (2000 - Number(sentAtStart)) / ((performance.now() - pipelineStarted) / 1000);
    await pool.end();
    await worker.close();
    console.log(`email, raw pooled nodemailer to the sink (baseline)              ${rawRate.toFixed(0).padStart(7)} emails/s`);
    console.log(`email, outbox -> Bull -> render -> SMTP (concurrency ${config.mail.concurrency})            ${pipelineRate.toFixed(0).padStart(7)} emails/s   ratio ${(pipelineRate / rawRate).toFixed(3)} (goal >= 0.5)`);
    await sink.close();
    await app.close();
    if (only !== 'email') await reportBench(postgres.url, redis.url);
    if (!only) await lossBench();
  } finally {
    await redis.stop();
    await postgres.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** An SMTP server that accepts and counts. */
async function countingSmtpSink(): Promise<{ port: number; close: () => Promise<void> }> {
  const port = await freePort();
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, onData: (stream, _session, callback) => { stream.resume(); stream.on('end', () => callback()); } });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// The load comes from a worker thread (keep-alive node:http; fetch tops out first here), so that the
// client does not share the server's event loop.
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
const get = (url, headers) => new Promise((resolve, reject) => {
  http.get(url, { agent, headers }, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(url + ' answered ' + res.statusCode))));
  }).on('error', reject);
});
(async () => {
  const { url, headers, requests, concurrency } = workerData;
  for (let i = 0; i < 200; i++) await get(url, headers);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next++ < requests) await get(url, headers); }));
  parentPort.postMessage(requests / ((performance.now() - started) / 1000));
  agent.destroy();
})().catch((error) => { throw error; });
`;

function measure(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData: { url, headers, requests: REQUESTS, concurrency: CONCURRENCY } });
    worker.once('message', (rate: number) => resolve(rate));
    worker.once('error', reject);
  });
}

/** The baseline: the same single-row answer upsert, on a bare Fastify route with raw pg. */
async function bareUpsertServer(databaseUrl: string): Promise<{ port: number; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const server = Fastify();
  server.post('/save', async (request) => {
    const { assessmentId, code, value, version } = request.body as { assessmentId: string; code: string; value: string; version: number };
    const { rows } = await pool.query(
      `INSERT INTO assessment_answer (assessment_id, question_code, value, version) VALUES ($1, $2, to_jsonb($3::text), 1)
       ON CONFLICT (assessment_id, question_code) DO UPDATE SET value = excluded.value, version = assessment_answer.version + 1, updated_at = now()
       WHERE assessment_answer.version = $4 RETURNING version`,
      [assessmentId, code, value, version],
    );
    return { version: rows[0]?.version ?? null };
  });
  const port = await freePort();
  await server.listen({ port, host: '127.0.0.1' });
  return { port, close: async () => { await server.close(); await pool.end(); } };
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
  const { url, keys, portal, requests } = workerData;
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(keys.map(async (key) => {
    let version = 0;
    while (next++ < requests) {
      const t = performance.now();
      const value = version % 2 ? 'yes' : 'no';
      if (portal) {
        const res = await post(url, { authorization: 'Bearer ' + key }, { answers: [{ code: 'LGV-01', value, version }] });
        version = res.answers[0].version;
      } else {
        const res = await post(url, {}, { assessmentId: key, code: 'LGV-01', value, version });
        version = res.version;
      }
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
    const worker = new Worker(SAVES, { eval: true, workerData: { url, keys, portal, requests: Math.min(REQUESTS, 2000) } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
