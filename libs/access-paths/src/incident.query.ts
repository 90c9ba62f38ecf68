import type { EntityManager } from 'typeorm';

/** An access path as an incident's exposure lists it: what it reaches, and the data reachable through it. */
export interface ExposedAccessPath {
  accessPathId: string;
  kind: string;
  description: string;
  status: string;
  mfa: string;
  monitored: boolean;
  systems: string[];
  dataAssets: { id: string; name: string; classification: string; recordCount: number }[];
}

/**
 * The supplier's ways in that are active, or were disabled by an incident (they still matter to
 * whoever handles it), with the data assets reachable through each.
 */
export async function accessPathsExposure(m: EntityManager, supplierId: string): Promise<ExposedAccessPath[]> {
  const rows = await m.query<
    {
      id: string;
      kind: string;
      description: string;
      status: string;
      mfa: string;
      monitored: boolean;
      systems: string[];
      assets: { id: string; name: string; classification: string; recordCount: number }[];
    }[]
  >(
    `SELECT p.id, p.kind, p.description, p.status, p.mfa, p.monitored, p.systems,
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'classification', a.classification, 'recordCount', a.record_count) ORDER BY a.name)
                        FROM data_asset a WHERE a.id = ANY(p.data_asset_ids)), '[]'::jsonb) AS assets
       FROM access_path p
      WHERE p.supplier_id = $1 AND (p.status = 'active' OR p.disabled_by_incident IS NOT NULL)
      ORDER BY p.status, p.kind, p.description, p.id`,
    [supplierId],
  );
  return rows.map((r) => ({
    accessPathId: r.id,
    kind: r.kind,
    description: r.description,
    status: r.status,
    mfa: r.mfa,
    monitored: r.monitored,
    systems: r.systems,
    dataAssets: r.assets.map((a) => ({ ...a, recordCount: Number(a.recordCount) })),
  }));
}

/**
 * Incident mode: disables every active way in of the supplier, marking each with the incident.
 * The caller audits, records the timeline and recomputes the figures in its own transaction.
 */
export async function disableAccessPathsForIncident(
  m: EntityManager,
  supplierId: string,
  incidentId: string,
): Promise<{ id: string; kind: string; description: string }[]> {
  const [rows] = await m.query<[{ id: string; kind: string; description: string }[], number]>(
    `UPDATE access_path SET status = 'disabled', disabled_by_incident = $2, updated_at = now()
      WHERE supplier_id = $1 AND status = 'active' RETURNING id, kind, description`,
    [supplierId, incidentId],
  );
  return rows;
}
