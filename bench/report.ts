import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '@app/database';
import { createPino, loadConfig } from '@app/platform';
import { DataSource } from 'typeorm';
import { exposureOf } from '@app/incidents';
import { ReportHtml, SupplyChainReports } from '@app/reports';
import { SuppliersService } from '@app/suppliers';
import { createApiApp } from '../apps/api/src/bootstrap.js';
import { goalLine, median, ROUNDS } from './load.js';
import { seed } from './seed.js';

/** Incident exposure for one supplier with 500 links in the 10,000-supplier ledger, against the plain supplier read. */
async function exposureBench(app: Awaited<ReturnType<typeof createApiApp>>, databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ id }] = (await client.query<{ id: string }>('SELECT id FROM supplier ORDER BY name LIMIT 1')).rows;
  await client.query(
    `INSERT INTO data_asset (name, classification, categories, record_count) SELECT 'Exposure asset ' || i, (ARRAY['personal', 'special_category'])[1 + i % 2], '{nhs_number,clinical}', 100000 FROM generate_series(1, 500) i`,
  );
  await client.query(
    `INSERT INTO data_sharing_link (supplier_id, data_asset_id, purpose, direction, record_count, pseudonymisation, agreement_type, agreement_ref, processing_location, review_date, status, article9_condition, end_date)
     SELECT $1, a.id, 'Research', 'outbound', 1000 + row_number() OVER (), 'pseudonymised', 'DSA', 'DSA-1', 'uk', current_date + 100, CASE WHEN row_number() OVER () % 10 = 0 THEN 'ended' ELSE 'active' END, 'research', current_date - 30
       FROM data_asset a WHERE a.name LIKE 'Exposure asset %'`,
    [id],
  );
  await client.end();
  const ds = app.get(DataSource);
  const suppliers = app.get(SuppliersService);
  const plain = await time(() => suppliers.get(id), 20);
  const exposure = await time(() => exposureOf(ds.manager, id, new Date()), 20);
  console.log(
    `incident exposure, 500 links in a 10,000-supplier ledger: ${exposure.toFixed(1)} ms; plain supplier read ${plain.toFixed(1)} ms; ratio ${(exposure / plain).toFixed(1)}`,
  );
}

async function time(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn(); // warm
  const started = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - started) / runs;
}

/** Two registers seeded through SQL, at 1,000 and 10,000 suppliers: their database URLs. */
export async function seedRegisters(adminUrl: string): Promise<Record<number, string>> {
  const databases: Record<number, string> = {};
  for (const n of [1_000, 10_000]) {
    const name = `bench_report_${n}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const databaseUrl = adminUrl.replace(/\/postgres$/, `/${name}`);
    await runMigrations(databaseUrl);
    const seeded = performance.now();
    await seed(databaseUrl, n);
    console.log(
      `register of ${n.toLocaleString('en-GB')} suppliers seeded through SQL in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    databases[n] = databaseUrl;
  }
  return databases;
}

/**
 * The committee report at 1,000 and 10,000 suppliers (about 5 assessments and 200 answers each):
 * the report reads per-supplier figures and aggregates in SQL, so ten times the register should
 * cost at most twice the time. ROUNDS rounds, each timing both registers back to back.
 */
export async function reportBench(databases: Record<number, string>, redisUrl: string): Promise<void> {
  const apps: Record<number, Awaited<ReturnType<typeof createApiApp>>> = {};
  for (const n of [1_000, 10_000]) {
    apps[n] = await createApiApp(
      loadConfig({
        DATABASE_URL: databases[n],
        REDIS_URL: redisUrl,
        JWT_SECRET: randomBytes(32).toString('hex'),
        LINK_SEALING_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'silent',
        QUEUE_PREFIX: `bench-${n}`,
      }),
      createPino('silent'),
    );
    await apps[n].init();
  }
  const html = new ReportHtml();
  const timings = { json: [] as { small: number; large: number }[], html: [] as { small: number; large: number }[] };
  for (let round = 0; round < ROUNDS; round++) {
    const json = (n: number) => time(() => apps[n].get(SupplyChainReports).build(), 5);
    const page = (n: number) =>
      time(async () => html.render(await apps[n].get(SupplyChainReports).build(), 'Bench NHS Trust'), 5);
    timings.json.push({ small: await json(1_000), large: await json(10_000) });
    timings.html.push({ small: await page(1_000), large: await page(10_000) });
  }
  for (const kind of ['json', 'html'] as const) {
    const t = timings[kind];
    console.log(
      `  report ${kind.toUpperCase()} at 1,000 suppliers ${median(t.map((r) => r.small)).toFixed(0)} ms, at 10,000 ${median(t.map((r) => r.large)).toFixed(0)} ms (medians)`,
    );
    const ratios = t.map((r) => r.large / r.small);
    goalLine(`report growth 10,000 / 1,000 suppliers (${kind.toUpperCase()})`, median(ratios), { atMost: 2 }, ratios);
  }
  await exposureBench(apps[10_000], databases[10_000]);
  for (const app of Object.values(apps)) await app.close();
}
