import type { EntityManager } from 'typeorm';
import type { OpenAssessmentRow, ReassessmentRow } from '@app/notifications';
import { ANSWERABLE_STATUSES, OPEN_STATUSES } from './assessment.entity.js';
import { INTERNAL_OWNER_EMAIL, INTERNAL_OWNER_JOINS } from './internal-owner.js';

// What the notification scheduler (the worker) reads from this library's tables before it applies the
// notification rules of @app/notifications: the candidates only; the rules decide who is owed what.

/** Unsubmitted questionnaires due by `horizon`, with their recipient, escalation contact and owner. */
export function unsubmittedAssessmentsDueBy(m: EntityManager, horizon: string): Promise<OpenAssessmentRow[]> {
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
