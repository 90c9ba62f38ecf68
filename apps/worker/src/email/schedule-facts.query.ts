import type { EntityManager } from 'typeorm';
import { ACCESS_PATH_REVIEW_MONTHS } from '@app/access-paths';
import { ANSWERABLE_STATUSES, INTERNAL_OWNER_EMAIL, INTERNAL_OWNER_JOINS, OPEN_STATUSES } from '@app/assessments';
import type { ExpiringCertificationRow, ExpiringRow, LinkDateRow, OpenAssessmentRow, ReassessmentRow, UnreviewedPathRow } from '@app/notifications';
import { decisionLapsesOnSql, EXPIRING_DECISIONS } from '@app/scoring';

// What the scheduler reads before it applies the notification rules (@app/notifications): one query
// per kind of notice, each in the scheduler's transaction. The rules decide who is owed what; these
// only find the candidates (open questionnaires, dates within a window, intervals passed).

/** Unsubmitted questionnaires due by `horizon`, with their recipient, escalation contact and owner. */
export function openAssessments(m: EntityManager, horizon: string): Promise<OpenAssessmentRow[]> {
  return m.query<OpenAssessmentRow[]>(
    `SELECT a.id, a.due_date::text AS due, (coalesce(r.created_at, a.created_at) AT TIME ZONE 'Europe/London')::date::text AS sent_on, r.id AS reassigned_by,
            a.recipient_email::text, a.escalation_level, ${INTERNAL_OWNER_EMAIL} AS owner_email,
            (SELECT sc.email::text FROM supplier_contact sc WHERE sc.supplier_id = a.supplier_id AND sc.role = 'escalation' ORDER BY sc.position LIMIT 1) AS escalation_email
       FROM assessment a JOIN supplier s ON s.id = a.supplier_id
       ${INTERNAL_OWNER_JOINS}
       LEFT JOIN LATERAL (SELECT i.id, i.created_at FROM assessment_invitation i WHERE i.assessment_id = a.id AND i.reason = 'reassign' ORDER BY i.created_at DESC LIMIT 1) r ON true
      WHERE a.status = ANY($2) AND a.due_date <= $1::date`,
    [horizon, ANSWERABLE_STATUSES],
  );
}

/** Review and end dates of live data-sharing links between `from` and `to`, with the data asset's owner (else the supplier's). */
export function linkDates(m: EntityManager, from: string, to: string): Promise<LinkDateRow[]> {
  return m.query<LinkDateRow[]>(
    `SELECT l.id, f.field, f.date::text AS date, coalesce(ao.email, so.email)::text AS owner_email
       FROM data_sharing_link l JOIN data_asset d ON d.id = l.data_asset_id JOIN supplier s ON s.id = l.supplier_id
       LEFT JOIN app_user ao ON ao.id = d.owner_id AND ao.active
       LEFT JOIN app_user so ON so.id = s.owner_id AND so.active
       CROSS JOIN LATERAL (VALUES ('review', l.review_date), ('end', l.end_date)) AS f(field, date)
      WHERE l.status <> 'ended' AND f.date BETWEEN $1::date AND $2::date AND coalesce(ao.email, so.email) IS NOT NULL`,
    [from, to],
  );
}

/** Suppliers whose tier's interval (months by tier) since the last completed assessment has passed, with nothing new open. */
export function reassessmentsDue(m: EntityManager, today: string, monthsByTier: number[]): Promise<ReassessmentRow[]> {
  return m.query<ReassessmentRow[]>(
    `SELECT last.supplier_id, last.assessment_id, last.owner_email FROM (
       SELECT DISTINCT ON (s.id) s.id AS supplier_id, s.tier, a.id AS assessment_id, a.completed_at, ${INTERNAL_OWNER_EMAIL} AS owner_email
         FROM supplier s JOIN assessment a ON a.supplier_id = s.id AND a.status = 'completed'
         ${INTERNAL_OWNER_JOINS}
        WHERE s.status <> 'offboarded'
          AND NOT EXISTS (SELECT 1 FROM assessment x WHERE x.supplier_id = s.id AND x.status = ANY($3))
        ORDER BY s.id, a.completed_at DESC) last
      WHERE last.owner_email IS NOT NULL
        AND (last.completed_at AT TIME ZONE 'Europe/London')::date + make_interval(months => ($2::int[])[last.tier]) <= $1::date`,
    [today, monthsByTier, OPEN_STATUSES],
  );
}

/** Current risk decisions and accepted findings that lapse between `today` and `horizon`. */
export function expiringDecisions(m: EntityManager, today: string, horizon: string): Promise<ExpiringRow[]> {
  return m.query<ExpiringRow[]>(
    `SELECT 'decision' AS kind, d.id, ${decisionLapsesOnSql('d')}::text AS date
       FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id
      WHERE d.current AND s.status <> 'offboarded' AND d.decision = ANY($3)
        AND ${decisionLapsesOnSql('d')} BETWEEN $1::date AND $2::date
     UNION ALL
     SELECT 'finding', f.id, f.accepted_until::text FROM finding f
      WHERE f.status = 'accepted' AND f.superseded_at IS NULL AND f.accepted_until BETWEEN $1::date AND $2::date`,
    [today, horizon, EXPIRING_DECISIONS],
  );
}

/** Certifications of current suppliers expiring between `from` and `to`, with the supplier's owner (else who recorded it). */
export function expiringCertifications(m: EntityManager, from: string, to: string): Promise<ExpiringCertificationRow[]> {
  return m.query<ExpiringCertificationRow[]>(
    `SELECT c.id, c.expires_on::text, coalesce(o.email, cb.email)::text AS owner_email
       FROM certification c JOIN supplier s ON s.id = c.supplier_id
       LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
       LEFT JOIN app_user cb ON cb.id = c.created_by AND cb.active
      WHERE s.status <> 'offboarded' AND c.expires_on BETWEEN $1::date AND $2::date AND coalesce(o.email, cb.email) IS NOT NULL`,
    [from, to],
  );
}

/** Active access paths of current suppliers not reviewed for ACCESS_PATH_REVIEW_MONTHS, with the supplier's owner. */
export function unreviewedAccessPaths(m: EntityManager, today: string): Promise<UnreviewedPathRow[]> {
  return m.query<UnreviewedPathRow[]>(
    `SELECT p.id, coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date)::text AS basis, o.email::text AS owner_email
       FROM access_path p JOIN supplier s ON s.id = p.supplier_id JOIN app_user o ON o.id = s.owner_id AND o.active
      WHERE p.status = 'active' AND s.status <> 'offboarded'
        AND coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date) + make_interval(months => $2) <= $1::date`,
    [today, ACCESS_PATH_REVIEW_MONTHS],
  );
}
