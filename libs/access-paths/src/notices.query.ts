import type { EntityManager } from 'typeorm';
import type { UnreviewedPathRow } from '@app/notifications';
import { ACCESS_PATH_REVIEW_MONTHS } from './access-path.entity.js';

// What the notification scheduler (the worker) reads from this library's tables before it applies the
// notification rules of @app/notifications: the candidates only; the rules decide who is owed what.

/**
 * Active access paths of current suppliers not reviewed for ACCESS_PATH_REVIEW_MONTHS, with whom to
 * tell: the supplier's owner, else the user who recorded the path (as the audit trail says).
 */
export function unreviewedAccessPaths(m: EntityManager, today: string): Promise<UnreviewedPathRow[]> {
  return m.query<UnreviewedPathRow[]>(
    `SELECT p.id, coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date)::text AS basis, coalesce(o.email, r.email)::text AS owner_email
       FROM access_path p JOIN supplier s ON s.id = p.supplier_id
       LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
       LEFT JOIN LATERAL (
         SELECT u.email FROM audit_event e JOIN app_user u ON u.id::text = e.actor_id AND u.active
          WHERE e.entity_type = 'access_path' AND e.entity_id = p.id::text AND e.action = 'access_path.created' AND e.actor_type = 'user'
          ORDER BY e.id LIMIT 1) r ON true
      WHERE p.status = 'active' AND s.status <> 'offboarded' AND coalesce(o.email, r.email) IS NOT NULL
        AND coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date) + make_interval(months => $2) <= $1::date`,
    [today, ACCESS_PATH_REVIEW_MONTHS],
  );
}
