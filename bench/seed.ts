import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { canonicalJson } from '@app/audit';
import { CONSOLE_COOKIE } from '@app/identity';

/**
 * Seeds a register through set-based SQL (not the API): `n` suppliers, each with a contact, 20
 * data-sharing links, five assessments (four completed, one open) of 40 answers, three findings,
 * five audit events, a DSPT for most, and a transfer decision for one in ten. At 10,000 suppliers
 * that is 200,000 links, 2,000,000 answers and 50,000 audit events.
 */
export async function seed(databaseUrl: string, n: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `
      INSERT INTO supplier (name, kind, criticality, status, tier, impact_level, single_loss_estimate, risk_inputs, band, probability, likelihood_level, value_at_risk, net_value_at_risk, rating, assessment_expired)
      SELECT 'Supplier ' || i, (ARRAY['supplier', 'university', 'research_partner', 'supplier'])[1 + i % 4], (ARRAY['low', 'moderate', 'high', 'critical'])[1 + i % 4], 'active',
             1 + i % 4, 1 + i % 5, (i % 97) * 250000, '{}'::jsonb, (ARRAY['A', 'B', 'C', 'D', 'E'])[1 + i % 5], (ARRAY[0.025, 0.04, 0.06, 0.08, 0.1])[1 + i % 5],
             1 + i % 5, round((ARRAY[0.025, 0.04, 0.06, 0.08, 0.1])[1 + i % 5] * (i % 97) * 250000), round((ARRAY[0.025, 0.04, 0.06, 0.08, 0.1])[1 + i % 5] * (i % 97) * 250000 * (CASE WHEN i % 10 = 0 THEN 0.4 ELSE 1 END)),
             (ARRAY['low', 'medium', 'high', 'critical'])[1 + (i * 7) % 4], i % 13 = 0
        FROM generate_series(1, $1::int) i`,
      [n],
    );
    await client.query(
      `INSERT INTO supplier_contact (supplier_id, name, email, role) SELECT id, 'Contact', 'c' || substr(id::text, 1, 8) || '@bench.example', 'primary' FROM supplier`,
    );
    await client.query(
      `INSERT INTO data_asset (name, classification, categories, record_count) SELECT 'Asset ' || i, (ARRAY['personal', 'special_category', 'official'])[1 + i % 3], '{nhs_number}', 1000000 FROM generate_series(1, 20) i`,
    );
    await client.query(`
      INSERT INTO data_sharing_link (supplier_id, data_asset_id, purpose, direction, record_count, pseudonymisation, agreement_type, agreement_ref, processing_location, review_date, status, article9_condition)
      SELECT s.id, a.id, 'Service', 'outbound', 1000 + (abs(hashtext(s.id::text || a.id::text)) % 500000), 'identifiable', 'contract', CASE WHEN abs(hashtext(s.id::text)) % 20 = 0 THEN NULL ELSE 'C-1' END,
             'uk', current_date + (abs(hashtext(a.id::text || s.id::text)) % 400) - 60, CASE WHEN abs(hashtext(s.id::text)) % 20 = 0 THEN 'proposed' ELSE 'active' END, 'health_care'
        FROM supplier s CROSS JOIN data_asset a`);
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
    // A DSPT for 19 suppliers in 20 (current, "standards met"); of the rest, half expired last year
    // and half never recorded. Every supplier here receives patient data, and a trust requires the
    // DSPT of such suppliers: without these rows the pack's list of DSPT gaps was the whole register.
    await client.query(`
      INSERT INTO certification (supplier_id, kind, reference, status, issued_on, expires_on)
      SELECT id, 'dspt', 'DSPT-' || substr(id::text, 1, 8), 'standards_met',
             CASE WHEN abs(hashtext(id::text || 'dspt')) % 20 = 0 THEN current_date - 500 ELSE current_date - 100 END,
             CASE WHEN abs(hashtext(id::text || 'dspt')) % 20 = 0 THEN current_date - 135 ELSE current_date + 265 END
        FROM supplier WHERE abs(hashtext(id::text || 'dspt')) % 40 <> 20`);
    await seedAudit(client);
    await client.query('SELECT report_rollups_compact()'); // what the worker does every minute (ReportRollups.compact)
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** Five audit events per supplier, appended through the database's own chain function (valid hashes). */
async function seedAudit(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ id: string; name: string }>('SELECT id, name FROM supplier ORDER BY name');
  const started = Date.parse('2026-01-01T00:00:00Z');
  const actions = ['supplier.created', 'supplier.updated', 'assessment.sent', 'assessment.completed', 'finding.opened'];
  for (let from = 0; from < rows.length; from += 2000) {
    const events = rows.slice(from, from + 2000).flatMap((supplier, i) =>
      actions.map((action, k) => {
        const event = {
          occurredAt: new Date(started + ((from + i) * 5 + k) * 60_000).toISOString(),
          actorType: 'system',
          actorId: null,
          action,
          entityType: 'supplier',
          entityId: supplier.id,
          changes: { name: { from: null, to: supplier.name }, step: { from: k, to: k + 1 } },
          requestId: null,
          ip: null,
        };
        return { ...event, content: canonicalJson(event) };
      }),
    );
    await client.query('SELECT count(*) FROM audit_append($1::jsonb)', [JSON.stringify(events)]);
  }
}

/** An admin and `count` console sessions for it, written as the app writes them: the cookies to send. */
export async function seedSessions(databaseUrl: string, count: number): Promise<Record<string, string>[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const {
      rows: [user],
    } = await client.query<{ id: string }>(
      "INSERT INTO app_user (email, name, role, password_hash) VALUES ('bench-admin@trust.nhs.test', 'Bench Admin', 'admin', 'not-a-hash') ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING id",
    );
    const cookies: Record<string, string>[] = [];
    for (let i = 0; i < count; i++) {
      const sid = randomBytes(32).toString('base64url');
      await client.query(
        "INSERT INTO console_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, now(), now(), now() + interval '10 hours')",
        [createHash('sha256').update(sid).digest('hex'), user.id, randomBytes(32).toString('base64url')],
      );
      cookies.push({ cookie: `${CONSOLE_COOKIE}=${sid}` });
    }
    return cookies;
  } finally {
    await client.end();
  }
}
