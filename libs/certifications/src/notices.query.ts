import type { EntityManager } from 'typeorm';
import type { ExpiringCertificationRow } from '@app/notifications';

// What the notification scheduler (the worker) reads from this library's tables before it applies the
// notification rules of @app/notifications: the candidates only; the rules decide who is owed what.

/** Certifications of current suppliers expiring between `from` and `to`, with the supplier's owner (else who recorded it). */
export function expiringCertifications(
  m: EntityManager,
  from: string,
  to: string,
): Promise<ExpiringCertificationRow[]> {
  return m.query<ExpiringCertificationRow[]>(
    `SELECT c.id, c.expires_on::text, coalesce(o.email, cb.email)::text AS owner_email
       FROM certification c JOIN supplier s ON s.id = c.supplier_id
       LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
       LEFT JOIN app_user cb ON cb.id = c.created_by AND cb.active
      WHERE s.status <> 'offboarded' AND c.expires_on BETWEEN $1::date AND $2::date AND coalesce(o.email, cb.email) IS NOT NULL`,
    [from, to],
  );
}
