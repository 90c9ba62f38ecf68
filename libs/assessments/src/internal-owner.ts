import type { EntityManager } from 'typeorm';

/**
 * The internal owner of an assessment (the supplier's owner, else whoever sent it; active users
 * only), as SQL for queries that join `assessment a` and `supplier s`: add the joins, select the
 * columns. One home for the rule, read by the scheduler and the emails too.
 */
export const INTERNAL_OWNER_JOINS = `LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
         LEFT JOIN app_user c ON c.id = a.created_by AND c.active`;
export const INTERNAL_OWNER_EMAIL = 'coalesce(o.email, c.email)::text';
export const INTERNAL_OWNER_NAME = 'coalesce(o.name, c.name)';

/**
 * Who inside the organisation answers for an assessment: the supplier's owner, else whoever sent
 * it; only active users. Null when neither exists (then no internal email is owed).
 */
export async function internalOwnerEmail(m: EntityManager, assessmentId: string): Promise<string | null> {
  const [row] = await m.query<{ email: string | null }[]>(
    `SELECT ${INTERNAL_OWNER_EMAIL} AS email
       FROM assessment a JOIN supplier s ON s.id = a.supplier_id
       ${INTERNAL_OWNER_JOINS}
      WHERE a.id = $1`,
    [assessmentId],
  );
  return row?.email ?? null;
}
