import type { EntityManager } from 'typeorm';
import { decisionIsCurrentSql } from '@app/scoring';
import { HELD_LINK_PARAMS, HELD_LINK_SQL } from '@app/suppliers';

/**
 * Decisions that no longer hold (risk-model sections 2 and 7), for the pack: current decisions past
 * their review date or policy expiry (shown as expired, never as current), finding acceptances that
 * lapsed and reopened their finding, and `avoid` decisions past their date with links still counting.
 * Whether a decision still stands is `decisionIsCurrentSql` from @app/scoring.
 */

export async function decisionAlerts(m: EntityManager, asOf: string, limit: number) {
  const expired = await m.query<
    {
      id: string;
      supplier_id: string;
      supplier: string;
      decision: string;
      review_date: string;
      expires_on: string | null;
    }[]
  >(
    `SELECT d.id, s.id AS supplier_id, s.name AS supplier, d.decision, d.review_date::text, d.expires_on::text
       FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id
      WHERE d.current AND s.status <> 'offboarded' AND NOT ${decisionIsCurrentSql('d', '$1')}
      ORDER BY d.review_date, s.name LIMIT $2`,
    [asOf, limit],
  );
  const lapsed = await m.query<
    {
      id: string;
      supplier_id: string;
      supplier: string;
      question_code: string;
      severity: string;
      status: string;
      lapsed: { reason: string | null; acceptedUntil: string; lapsedOn: string };
    }[]
  >(
    `SELECT f.id, s.id AS supplier_id, s.name AS supplier, f.question_code, f.severity, f.status, f.lapsed_acceptance AS lapsed
       FROM finding f JOIN supplier s ON s.id = f.supplier_id
      WHERE f.lapsed_acceptance IS NOT NULL AND f.superseded_at IS NULL AND f.status IN ('open', 'remediation_planned') AND s.status <> 'offboarded'
      ORDER BY f.lapsed_acceptance->>'lapsedOn' DESC, s.name LIMIT $1`,
    [limit],
  );
  const avoid = await m.query<
    { id: string; supplier_id: string; supplier: string; end_links_by: string; links: string; records: string }[]
  >(
    `SELECT d.id, s.id AS supplier_id, s.name AS supplier, d.end_links_by::text, count(l.id) AS links, coalesce(sum(l.record_count), 0) AS records
       FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id
       JOIN data_sharing_link l ON l.supplier_id = d.supplier_id AND ${HELD_LINK_SQL('$3', '$4')}
      WHERE d.current AND d.decision = 'avoid' AND d.end_links_by < $1::date
      GROUP BY d.id, s.id, s.name, d.end_links_by
      ORDER BY d.end_links_by, s.name LIMIT $2`,
    [asOf, limit, ...HELD_LINK_PARAMS],
  );
  return {
    expired: expired.map((d) => ({
      id: d.id,
      supplierId: d.supplier_id,
      supplier: d.supplier,
      decision: d.decision,
      reviewDate: d.review_date,
      expiresOn: d.expires_on,
    })),
    lapsedAcceptances: lapsed.map((f) => ({
      findingId: f.id,
      supplierId: f.supplier_id,
      supplier: f.supplier,
      questionCode: f.question_code,
      severity: f.severity,
      status: f.status,
      acceptedUntil: f.lapsed.acceptedUntil,
      lapsedOn: f.lapsed.lapsedOn,
      reason: f.lapsed.reason,
    })),
    avoidOverdue: avoid.map((d) => ({
      id: d.id,
      supplierId: d.supplier_id,
      supplier: d.supplier,
      endLinksBy: d.end_links_by,
      linksStillCounting: Number(d.links),
      records: Number(d.records),
    })),
  };
}

/**
 * Records held outside the organisation, by classification, each dataset counted once: per data
 * asset the largest link still held by any supplier (offboarded ones included: they hold the records
 * until destruction is confirmed). Per-supplier figures add up the same records once per supplier;
 * this one does not.
 */
export async function recordsHeldDistinct(m: EntityManager): Promise<Record<string, number>> {
  // Per asset, its largest held link read from the top of the index on (asset, records): one index
  // probe per data asset instead of grouping every link (200,000 at 10,000 suppliers).
  const rows = await m.query<{ classification: string; records: string }[]>(
    `SELECT a.classification, sum(largest.records) AS records
       FROM data_asset a
       CROSS JOIN LATERAL (SELECT l.record_count AS records FROM data_sharing_link l
                            WHERE l.data_asset_id = a.id AND ${HELD_LINK_SQL('$1', '$2')}
                            ORDER BY l.record_count DESC LIMIT 1) largest
      GROUP BY a.classification`,
    [...HELD_LINK_PARAMS],
  );
  return Object.fromEntries(rows.map((r) => [r.classification, Number(r.records)]));
}
