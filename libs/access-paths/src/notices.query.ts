import type { EntityManager } from 'typeorm';
import type { UnreviewedPathRow } from '@app/notifications';
import { ACCESS_PATH_REVIEW_MONTHS } from './access-path.entity.js';

// What the notification scheduler (the worker) reads from this library's tables before it applies the
// notification rules of @app/notifications: the candidates only; the rules decide who is owed what.

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
