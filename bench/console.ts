import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '@dev/embedded';
import { goalLine, measure, median, rateLine, ROUNDS } from './load.js';
import { seedSessions } from './seed.js';

/** Signed-in sessions, one per connection, as a committee's analysts would load the console. */
const SESSIONS = 8;
const PAGE_REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 240);

interface RunningApi {
  base: string;
  child: ChildProcess;
  cookies: Record<string, string>[];
  supplierId: string;
}

/** The compiled API as production starts it (`npm run start:api`), in its own process. */
async function startApi(databaseUrl: string, redisUrl: string, prefix: string): Promise<RunningApi> {
  const port = await freePort();
  const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api', 'src', 'main.js');
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LINK_SEALING_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    TZ: 'UTC',
  };
  // With the flags of `npm run start:api`, so that its memory is production's.
  const child = spawn(process.execPath, ['--enable-source-maps', '--max-old-space-size=192', main], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API for ${prefix} exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error(`the API for ${prefix} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const cookies = await seedSessions(databaseUrl, SESSIONS);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // A supplier in the middle of the register, with its links, assessments, findings and audit rows.
  const {
    rows: [{ id }],
  } = await client.query<{ id: string }>(
    'SELECT id FROM supplier ORDER BY name OFFSET (SELECT count(*) / 2 FROM supplier) LIMIT 1',
  );
  await client.end();
  return { base, child, cookies, supplierId: id };
}

function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D/g, '') ?? 0) / 1024;
}

/**
 * Console pages at 1,000 and 10,000 suppliers: each page's throughput with 8 signed-in sessions, in
 * ROUNDS rounds (both registers back to back in each), printed as the cost ratio 10,000 / 1,000
 * (goal <= 1.5); then each API's resident memory (goal <= 300 MB).
 */
export async function consoleBench(databases: Record<number, string>, redisUrl: string): Promise<void> {
  const small = await startApi(databases[1_000], redisUrl, 'bench-console-1000');
  const large = await startApi(databases[10_000], redisUrl, 'bench-console-10000');
  try {
    const pages: [string, (api: RunningApi) => string][] = [
      ['dashboard', (api) => `${api.base}/console`],
      ['supplier list', (api) => `${api.base}/console/suppliers`],
      ['supplier page', (api) => `${api.base}/console/suppliers/${api.supplierId}`],
      ['findings', (api) => `${api.base}/console/findings`],
      ['audit trail', (api) => `${api.base}/console/audit`],
    ];
    const options = { requests: PAGE_REQUESTS, concurrency: SESSIONS, warmup: 16 };
    for (const [name, url] of pages) {
      const ratios: number[] = [];
      const rates: { small: number; large: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const atSmall = await measure(url(small), small.cookies, options);
        const atLarge = await measure(url(large), large.cookies, options);
        rates.push({ small: atSmall, large: atLarge });
        ratios.push(atSmall / atLarge);
      }
      rateLine(`console ${name}, 1,000 suppliers (median)`, median(rates.map((r) => r.small)), 'pages/s');
      rateLine(`console ${name}, 10,000 suppliers (median)`, median(rates.map((r) => r.large)), 'pages/s');
      goalLine(`console ${name}: cost at 10,000 / at 1,000 suppliers`, median(ratios), { atMost: 1.5 }, ratios);
    }
    const memory = Math.max(residentMb(small.child.pid!), residentMb(large.child.pid!));
    goalLine(
      'API resident memory after the bench (MB)',
      memory,
      { atMost: 300 },
      [],
      `1,000: ${residentMb(small.child.pid!).toFixed(0)} MB, 10,000: ${residentMb(large.child.pid!).toFixed(0)} MB`,
    );
  } finally {
    for (const api of [small, large]) {
      api.child.kill('SIGTERM');
      await new Promise((r) => (api.child.exitCode !== null ? r(null) : api.child.once('exit', r)));
    }
  }
}
