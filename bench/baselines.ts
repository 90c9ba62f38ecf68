import Fastify from 'fastify';
import pg from 'pg';
import { freePort } from '@dev/embedded';

/**
 * The yardsticks the API is measured against in the same run: what a hand-written bare Fastify
 * server does for the same answer, with no framework, security or logging around it.
 */
export interface BareServer {
  url: string;
  close: () => Promise<void>;
}

// The supplier list as one hand-written query: the page, each row's contacts as a JSON array.
const SUPPLIER_PAGE = `
  SELECT s.id, s.name, s.kind, s.companies_house_number, s.ods_code, s.ukprn, s.website, s.services, s.criticality, s.status, s.owner_id, s.tags, s.notes,
         coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'role', c.role) ORDER BY c.position)
                     FROM supplier_contact c WHERE c.supplier_id = s.id), '[]') AS contacts,
         s.tier, s.tier_override, s.tier_override_reason, s.impact_level, s.single_loss_estimate, s.risk_inputs, s.band, s.rating, s.value_at_risk,
         s.net_value_at_risk, s.assessment_expired, s.offboarded_at, s.created_at, s.updated_at
    FROM supplier s ORDER BY s.name, s.id LIMIT $1 OFFSET $2`;

interface SupplierRow {
  [column: string]: unknown;
  tier_override: number | null;
  offboarded_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** GET /health answering `{"status":"ok"}`, and GET /suppliers answering the supplier list's JSON. */
export async function bareServer(databaseUrl: string): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const server = Fastify();
  server.get('/health', async () => ({ status: 'ok' }));
  server.get('/suppliers', async (request) => {
    const query = request.query as { page?: string; pageSize?: string };
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    const [rows, count] = await Promise.all([
      pool.query<SupplierRow>(SUPPLIER_PAGE, [pageSize, (page - 1) * pageSize]),
      pool.query<{ n: string }>('SELECT count(*) AS n FROM supplier'),
    ]);
    const items = rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      companiesHouseNumber: r.companies_house_number,
      odsCode: r.ods_code,
      ukprn: r.ukprn,
      website: r.website,
      services: r.services,
      criticality: r.criticality,
      status: r.status,
      ownerId: r.owner_id,
      tags: r.tags,
      notes: r.notes,
      contacts: r.contacts,
      tier: r.tier,
      tierOverride: r.tier_override === null ? null : { tier: r.tier_override, reason: r.tier_override_reason },
      impactLevel: r.impact_level,
      singleLossEstimate: Number(r.single_loss_estimate),
      inherentRisk: r.risk_inputs,
      band: r.band,
      rating: r.rating,
      valueAtRisk: Number(r.value_at_risk),
      netValueAtRisk: Number(r.net_value_at_risk),
      assessmentExpired: r.assessment_expired,
      offboardedAt: r.offboarded_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }));
    return { items, page, pageSize, total: Number(count.rows[0].n) };
  });
  const port = await freePort();
  await server.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}

/** The baseline of answer saves: the same single-row answer upsert, on a bare Fastify route with raw pg. */
export async function bareUpsertServer(databaseUrl: string): Promise<{ port: number; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const server = Fastify();
  server.post('/save', async (request) => {
    const { assessmentId, code, value, version } = request.body as {
      assessmentId: string;
      code: string;
      value: string;
      version: number;
    };
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
  return {
    port,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}
