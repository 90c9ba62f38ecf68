import type { EntityManager } from 'typeorm';
import {
  decisionIsCurrentSql,
  HELD_LINK_STATUSES,
  OUTBOUND_DIRECTIONS,
  type Band,
  type BandCap,
  type Classification,
  type Insurance,
  type LatestAssessment,
  type Pseudonymisation,
  type SharedRecords,
} from '@app/scoring';

/**
 * The links whose records a supplier holds (risk-model section 4, `linkCounts` in @app/scoring):
 * outbound or both, active, suspended, or ended without a confirmed destruction date. SQL gets the
 * rule's lists as parameters; `l` is the link's alias.
 */
export const HELD_LINK_SQL = (statuses: string, directions: string) =>
  `l.status = ANY(${statuses}::text[]) AND l.direction = ANY(${directions}::text[]) AND l.destruction_confirmed_on IS NULL`;
export const HELD_LINK_PARAMS = [[...HELD_LINK_STATUSES], [...OUTBOUND_DIRECTIONS]] as const;

/** Every link of the supplier that counts for its single-loss estimate. */
export async function heldLinksOf(m: EntityManager, supplierId: string): Promise<SharedRecords[]> {
  const rows = await m.query<
    {
      link_id: string;
      asset_id: string;
      asset_name: string;
      classification: Classification;
      record_count: string;
      pseudonymisation: Pseudonymisation;
      status: string;
    }[]
  >(
    `SELECT l.id AS link_id, a.id AS asset_id, a.name AS asset_name, a.classification, l.record_count, l.pseudonymisation, l.status
       FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id
      WHERE l.supplier_id = $1 AND ${HELD_LINK_SQL('$2', '$3')}
      ORDER BY l.id`,
    [supplierId, ...HELD_LINK_PARAMS],
  );
  return rows.map((l) => ({
    linkId: l.link_id,
    assetId: l.asset_id,
    assetName: l.asset_name,
    classification: l.classification,
    recordCount: Number(l.record_count),
    pseudonymisation: l.pseudonymisation,
    status: l.status,
  }));
}

/**
 * The latest completed assessment of each security questionnaire of the supplier (risk-model
 * section 3); incident follow-ups never count. SQL form for many suppliers: `LATEST_SECURITY_SQL`.
 */
/** `except`: an assessment whose score the caller holds (just completed), left out here and passed in instead. */
export async function latestSecurityAssessments(
  m: EntityManager,
  supplierId: string,
  except?: string,
): Promise<LatestAssessment[]> {
  const rows = await m.query<
    {
      id: string;
      questionnaire_key: string;
      band: Band | null;
      completed_on: string;
      overall: string | null;
      uncapped_band: Band | null;
      cap: BandCap | null;
    }[]
  >(
    `SELECT DISTINCT ON (a.questionnaire_key) a.id, a.questionnaire_key, a.score->>'band' AS band, (a.completed_at AT TIME ZONE 'Europe/London')::date::text AS completed_on,
            a.score->>'overall' AS overall, a.score->>'uncappedBand' AS uncapped_band, a.score->'cap' AS cap
       FROM assessment a JOIN questionnaire_version v ON v.id = a.questionnaire_version_id
      WHERE a.supplier_id = $1 AND a.status = 'completed' AND v.purpose = 'security' AND a.id IS DISTINCT FROM $2::uuid
      ORDER BY a.questionnaire_key, a.completed_at DESC`,
    [supplierId, except ?? null],
  );
  return rows.map((r) => ({
    assessmentId: r.id,
    questionnaireKey: r.questionnaire_key,
    band: r.band,
    completedOn: r.completed_on,
    overall: r.overall === null ? null : Number(r.overall),
    uncappedBand: r.uncapped_band ?? r.band,
    cap: r.cap ?? null,
  }));
}

/**
 * Insurance that lowers net VaR today (risk-model section 5): the current `transfer` decision, only
 * while its policy has not expired and its review date has not passed.
 */
export const CURRENT_TRANSFER_SQL = (supplier: string, today: string) =>
  `SELECT insurance_limit, insurance_excess FROM risk_decision
    WHERE supplier_id = ${supplier} AND current AND decision = 'transfer' AND ${decisionIsCurrentSql('risk_decision', today)}`;

export async function currentInsurance(m: EntityManager, supplierId: string, today: string): Promise<Insurance | null> {
  const [cover] = await m.query<{ insurance_limit: string; insurance_excess: string }[]>(
    CURRENT_TRANSFER_SQL('$1', '$2'),
    [supplierId, today],
  );
  return cover ? { limit: Number(cover.insurance_limit), excess: Number(cover.insurance_excess) } : null;
}
