import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '@app/database';
import { createPino, loadConfig } from '@app/platform';
import { DataSource } from 'typeorm';
import { exposureOf } from '@app/incidents';
import { ReportHtml, SupplyChainReports } from '@app/reports';
import { SuppliersService } from '@app/suppliers';
import { createApiApp } from '../apps/api/src/bootstrap.js';

/**
 * Seeds a register through set-based SQL: `n` suppliers, each with a contact, two data-sharing
 * links, five assessments (four completed, one open) of 40 answers, three findings, and a transfer
 * decision for one in ten. At 10,000 suppliers that is 2,000,000 answers.
 */
async function seed(databaseUrl: string, n: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO supplier (name, kind, criticality, status, tier, impact_level, single_loss_estimate, risk_inputs, band, probability, likelihood_level, value_at_risk, net_value_at_risk, rating, assessment_expired)
      SELECT 'Supplier ' || i, (ARRAY['supplier', 'university', 'research_partner', 'supplier'])[1 + i % 4], (ARRAY['low', 'moderate', 'high', 'critical'])[1 + i % 4], 'active',
             1 + i % 4, 1 + i % 5, (i % 97) * 250000, '{}'::jsonb, (ARRAY['A', 'B', 'C', 'D', 'E'])[1 + i % 5], (ARRAY[0.025, 0.04, 0.06, 0.08, 0.1])[1 + i % 5],
             1 + i % 5, round((ARRAY[0.025, 0.04, 0.06, 0.08, 0.1])[1 + i % 5] * (i % 97) * 250000), round((ARRAY[0.025, 0.04, 0.06, 0.08, 0.1])[1 + i % 5] * (i % 97) * 250000 * (CASE WHEN i % 10 = 0 THEN 0.4 ELSE 1 END)),
             (ARRAY['low', 'medium', 'high', 'critical'])[1 + (i * 7) % 4], i % 13 = 0
        FROM generate_series(1, $1::int) i`, [n]);
    await client.query(`INSERT INTO supplier_contact (supplier_id, name, email, role) SELECT id, 'Contact', 'c' || substr(id::text, 1, 8) || '@bench.example', 'primary' FROM supplier`);
    await client.query(`INSERT INTO data_asset (name, classification, categories, record_count) SELECT 'Asset ' || i, (ARRAY['personal', 'special_category', 'official'])[1 + i % 3], '{nhs_number}', 1000000 FROM generate_series(1, 20) i`);
    await client.query(`
      INSERT INTO data_sharing_link (supplier_id, data_asset_id, purpose, direction, record_count, pseudonymisation, agreement_type, agreement_ref, processing_location, review_date, status, article9_condition)
      SELECT s.id, a.id, 'Service', 'outbound', 1000 + (abs(hashtext(s.id::text || a.id::text)) % 500000), 'identifiable', 'contract', CASE WHEN abs(hashtext(s.id::text)) % 20 = 0 THEN NULL ELSE 'C-1' END,
             'uk', current_date + (abs(hashtext(a.id::text || s.id::text)) % 400) - 60, CASE WHEN abs(hashtext(s.id::text)) % 20 = 0 THEN 'proposed' ELSE 'active' END, 'health_care'
        FROM supplier s CROSS JOIN LATERAL (SELECT id FROM data_asset ORDER BY md5(s.id::text || id::text) LIMIT 2) a`);
    await client.query(`
      UPDATE supplier s SET records_shared = r.shared
        FROM (SELECT per.supplier_id, jsonb_object_agg(per.classification, per.records) AS shared
                FROM (SELECT m.supplier_id, a.classification, sum(m.records) AS records
                        FROM (SELECT supplier_id, data_asset_id, max(record_count) AS records FROM data_sharing_link WHERE status = 'active' GROUP BY 1, 2) m
                        JOIN data_asset a ON a.id = m.data_asset_id GROUP BY 1, 2) per
               GROUP BY per.supplier_id) r
       WHERE s.id = r.supplier_id`);
    await client.query(`
      INSERT INTO assessment (supplier_id, questionnaire_version_id, questionnaire_key, questionnaire_version, recipient_contact_id, recipient_name, recipient_email, due_date, status, score, completed_at, submitted_at, escalation_level)
      SELECT s.id, q.id, q.key, q.version, c.id, c.name, c.email, current_date + (k * 30 - 100), CASE WHEN k = 5 THEN 'sent' ELSE 'completed' END,
             CASE WHEN k = 5 THEN NULL ELSE jsonb_build_object('band', s.band, 'overall', 70, 'criticalFailures', '[]'::jsonb) END,
             CASE WHEN k = 5 THEN NULL ELSE now() - (k * interval '90 days') END, CASE WHEN k = 5 THEN NULL ELSE now() - (k * interval '91 days') END, 0
        FROM supplier s JOIN supplier_contact c ON c.supplier_id = s.id
        CROSS JOIN (SELECT id, key, version FROM questionnaire_version WHERE key = 'supplier-security-core' ORDER BY version DESC LIMIT 1) q
        CROSS JOIN generate_series(1, 5) k`);
    await client.query(`
      INSERT INTO assessment_answer (assessment_id, question_code, value, not_applicable, version)
      SELECT a.id, 'Q-' || lpad(j::text, 2, '0'), to_jsonb(CASE WHEN j % 4 = 0 THEN 'no' ELSE 'yes' END), false, 1
        FROM assessment a CROSS JOIN generate_series(1, 40) j`);
    await client.query(`
      INSERT INTO finding (supplier_id, assessment_id, question_code, question_text, section_title, severity, status, answer, mappings, due_date, created_at)
      SELECT a.supplier_id, a.id, 'Q-0' || j, 'A question', 'A section', (ARRAY['critical', 'high', 'medium', 'low'])[1 + (j + abs(hashtext(a.id::text))) % 4], 'open', '"no"',
             jsonb_build_array(jsonb_build_object('framework', 'NCSC-CAF', 'ref', (ARRAY['B2.a', 'B4.c', 'D1.a'])[j]), jsonb_build_object('framework', 'CYBER-ESSENTIALS', 'ref', 'user-access-control')),
             current_date + (j * 40 - 60), now() - (j * interval '40 days')
        FROM (SELECT DISTINCT ON (supplier_id) id, supplier_id FROM assessment WHERE status = 'completed' ORDER BY supplier_id, completed_at DESC) a CROSS JOIN generate_series(1, 3) j`);
    await client.query(`
      INSERT INTO risk_decision (supplier_id, decision, rationale, review_date, insurer, policy_ref, insurance_limit, insurance_excess, expires_on)
      SELECT id, 'transfer', 'Insured', current_date + 200, 'Insurer', 'P-1', 10000000, 100000, current_date + (abs(hashtext(id::text)) % 300) FROM supplier WHERE (hashtext(id::text) % 10) = 0`);
    await client.query('SELECT report_rollups_compact()'); // what the worker does every minute (ReportRollups.compact)
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** Incident exposure for one supplier with 500 links in the 10,000-supplier ledger, against the plain supplier read. */
async function exposureBench(app: Awaited<ReturnType<typeof createApiApp>>, databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ id }] = (await client.query<{ id: string }>("SELECT id FROM supplier ORDER BY name LIMIT 1")).rows;
  await client.query(`INSERT INTO data_asset (name, classification, categories, record_count) SELECT 'Exposure asset ' || i, (ARRAY['personal', 'special_category'])[1 + i % 2], '{nhs_number,clinical}', 100000 FROM generate_series(1, 500) i`);
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
  console.log(`incident exposure, 500 links in a 10,000-supplier ledger: ${exposure.toFixed(1)} ms; plain supplier read ${plain.toFixed(1)} ms; ratio ${(exposure / plain).toFixed(1)}`);
}

async function time(fn: () => Promise<unknown>, runs = 3): Promise<number> {
  await fn(); // warm
  const started = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - started) / runs;
}

/**
 * The committee report at 1,000 and 10,000 suppliers (about 5 assessments and 200 answers each):
 * the report reads per-supplier figures and aggregates in SQL, so ten times the register should
 * cost at most twice the time.
 */
export async function reportBench(adminUrl: string, redisUrl: string): Promise<void> {
  const results: Record<number, { json: number; html: number }> = {};
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
    const seedMs = performance.now() - seeded;
    const app = await createApiApp(loadConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, JWT_SECRET: randomBytes(32).toString('hex'), LINK_SEALING_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'silent', QUEUE_PREFIX: `bench-${n}` }), createPino('silent'));
    await app.init();
    const reports = app.get(SupplyChainReports);
    const html = new ReportHtml();
    results[n] = { json: await time(() => reports.build(), 10), html: await time(async () => html.render(await reports.build(), 'Bench NHS Trust'), 10) };
    if (n === 10_000) await exposureBench(app, databaseUrl);
    await app.close();
    console.log(`report at ${n.toLocaleString('en-GB')} suppliers (seeded in ${(seedMs / 1000).toFixed(1)} s): JSON ${results[n].json.toFixed(0)} ms, HTML ${results[n].html.toFixed(0)} ms`);
  }
  const ratio = (k: 'json' | 'html') => (results[10_000][k] / results[1_000][k]).toFixed(2);
  console.log(`report growth 10,000 / 1,000 suppliers: JSON x${ratio('json')}, HTML x${ratio('html')} (goal <= 2)`);
}
