import type { EntityManager } from 'typeorm';
import type { LinkDateRow } from '@app/notifications';

// What the notification scheduler (the worker) reads from this library's tables before it applies the
// notification rules of @app/notifications: the candidates only; the rules decide who is owed what.

/** Review and end dates of live data-sharing links between `from` and `to`, with the data asset's owner (else the supplier's). */
export function linkDatesBetween(m: EntityManager, from: string, to: string): Promise<LinkDateRow[]> {
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
