import type { EntityManager } from 'typeorm';

/**
 * Who inside the organisation answers for an assessment: the supplier's owner, else whoever sent
 * it; only active users. Null when neither exists (then no internal email is owed).
 */
export async function internalOwnerEmail(m: EntityManager, assessmentId: string): Promise<string | null> {
  const [row] = await m.query<{ email: string | null }[]>(
    `SELECT coalesce(o.email, c.email)::text AS email
       FROM assessment a JOIN supplier s ON s.id = a.supplier_id
       LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
       LEFT JOIN app_user c ON c.id = a.created_by AND c.active
      WHERE a.id = $1`,
    [assessmentId],
  );
  return row?.email ?? null;
}
