import type { EntityManager } from 'typeorm';
import type { EntryPoint } from '@app/scoring';

/**
 * The supplier's active ways in (the access_path table of @app/access-paths), as the entry-point
 * step of the likelihood needs them. It lives here, not in that lib, because that lib recomputes
 * figures through this one (importing it back would be a cycle); which paths count is decided in
 * @app/scoring (`unprotectedEntryPoints`), not in this SQL.
 */
export async function activeEntryPoints(m: EntityManager, supplierId: string): Promise<EntryPoint[]> {
  return m.query<EntryPoint[]>(
    `SELECT id, kind, description, mfa, monitored, status FROM access_path
      WHERE supplier_id = $1 AND status = 'active' ORDER BY created_at, id`,
    [supplierId],
  );
}
