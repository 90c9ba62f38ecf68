import type { EntityManager } from 'typeorm';
import { DSPT_SUFFICIENT, PATIENT_DATA_CATEGORIES, type DsptStatus } from './certification.entity.js';

/** Whether a supplier receiving patient data has a current DSPT of "standards met" or better. */
export interface DsptStanding {
  /** It receives patient data (an active outbound link of an asset with NHS numbers, clinical or genetic data). */
  receivesPatientData: boolean;
  /** The best status among its current DSPT records, null when it has none. */
  currentStatus: DsptStatus | null;
  /** Receives patient data without a current DSPT of standards met or better. */
  flagged: boolean;
}

export interface DsptGap {
  supplierId: string;
  name: string;
  currentStatus: DsptStatus | null;
  /** The latest DSPT recorded when none is current (for "expired on ..."). */
  lastExpiredOn: string | null;
}

// Whether supplier s receives patient data: one probe of the partial index on its active outbound
// links (migration report-read-indexes) per supplier, instead of collecting every link's supplier.
const RECEIVES_PATIENT_DATA = `EXISTS (SELECT 1 FROM data_sharing_link l
   WHERE l.supplier_id = s.id AND l.status = 'active' AND l.direction IN ('outbound', 'both')
     AND l.data_asset_id IN (SELECT a.id FROM data_asset a WHERE a.categories && $2::text[]))`;
const CURRENT_DSPT = `c.kind = 'dspt' AND (c.expires_on IS NULL OR c.expires_on >= $1::date) AND (c.issued_on IS NULL OR c.issued_on <= $1::date)`;
const BEST_STATUS = `(SELECT c.status FROM certification c WHERE c.supplier_id = s.id AND ${CURRENT_DSPT} ORDER BY array_position($3::text[], c.status) LIMIT 1)`;
const STATUS_ORDER = [
  'standards_exceeded',
  'standards_met',
  'approaching_standards',
  'standards_not_met',
  'not_published',
];

export async function dsptStanding(m: EntityManager, supplierId: string, today: string): Promise<DsptStanding> {
  const [row] = await m.query<{ receives: boolean; status: DsptStatus | null }[]>(
    `SELECT ${RECEIVES_PATIENT_DATA} AS receives, ${BEST_STATUS} AS status FROM supplier s WHERE s.id = $4`,
    [today, [...PATIENT_DATA_CATEGORIES], STATUS_ORDER, supplierId],
  );
  const receives = row?.receives ?? false;
  const status = row?.status ?? null;
  return {
    receivesPatientData: receives,
    currentStatus: status,
    flagged: receives && !(status !== null && DSPT_SUFFICIENT.includes(status)),
  };
}

/** Every supplier in the relationship that receives patient data without a current DSPT of standards met or better. */
export async function dsptGaps(m: EntityManager, today: string): Promise<DsptGap[]> {
  const rows = await m.query<{ id: string; name: string; status: DsptStatus | null; last_expired_on: string | null }[]>(
    `SELECT s.id, s.name, ${BEST_STATUS} AS status,
            (SELECT max(c.expires_on)::text FROM certification c WHERE c.supplier_id = s.id AND c.kind = 'dspt' AND c.expires_on < $1::date) AS last_expired_on
       FROM supplier s
      WHERE s.status <> 'offboarded'
        -- First the suppliers without a sufficient current DSPT (one pass over the certifications),
        -- then which of them receive patient data: the costlier test runs for the few, not the register.
        AND NOT EXISTS (SELECT 1 FROM certification c WHERE c.supplier_id = s.id AND ${CURRENT_DSPT} AND c.status = ANY($4::text[]))
        AND ${RECEIVES_PATIENT_DATA}
      ORDER BY s.name`,
    [today, [...PATIENT_DATA_CATEGORIES], STATUS_ORDER, [...DSPT_SUFFICIENT]],
  );
  return rows.map((r) => ({
    supplierId: r.id,
    name: r.name,
    currentStatus: r.status,
    lastExpiredOn: r.last_expired_on,
  }));
}
