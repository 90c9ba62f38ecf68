import type { EntityManager } from 'typeorm';
import { ACCESS_PATH_REVIEW_MONTHS } from './access-path.entity.js';

/** One supplier's weak ways in, as the committee pack lists them. */
export interface SupplierEntryPoints {
  supplierId: string;
  supplier: string;
  activePaths: number;
  withoutMfa: number;
  unmonitored: number;
  /** Not reviewed for 12 months (or never, and recorded more than 12 months ago). */
  unreviewed: number;
  unsupportedDevices: number;
  /** The weak paths, described: "TeamViewer to PACS (no MFA, not monitored)". */
  paths: string[];
}

export interface EntryPointsPack {
  totals: {
    suppliers: number;
    activePaths: number;
    withoutMfa: number;
    unmonitored: number;
    unreviewed: number;
    unsupportedDevices: number;
  };
  suppliers: SupplierEntryPoints[];
}

/**
 * The committee pack's entry points: for each current supplier with a weak active way in (MFA
 * `none`, not monitored, unreviewed for 12 months, or unsupported devices), the counts and the
 * paths; the largest `limit` suppliers by number of weak paths, and the totals over all of them.
 */
export async function entryPointsForPack(m: EntityManager, asOf: string, limit: number): Promise<EntryPointsPack> {
  const rows = await m.query<
    {
      supplier_id: string;
      supplier: string;
      active: string;
      without_mfa: string;
      unmonitored: string;
      unreviewed: string;
      unsupported: string;
      paths: string[];
    }[]
  >(
    `WITH p AS (
       SELECT p.*, s.name AS supplier,
              p.mfa = 'none' AS no_mfa, NOT p.monitored AS unmonitored,
              coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date) + make_interval(months => $2) <= $1::date AS unreviewed,
              coalesce(p.unsupported_device_count, 0) AS unsupported
         FROM access_path p JOIN supplier s ON s.id = p.supplier_id
        WHERE p.status = 'active' AND s.status <> 'offboarded')
     SELECT supplier_id, supplier, count(*) AS active,
            count(*) FILTER (WHERE no_mfa) AS without_mfa, count(*) FILTER (WHERE unmonitored) AS unmonitored,
            count(*) FILTER (WHERE unreviewed) AS unreviewed, sum(unsupported) AS unsupported,
            array_agg(description || ' (' || array_to_string(ARRAY[CASE WHEN no_mfa THEN 'no MFA' END, CASE WHEN unmonitored THEN 'not monitored' END,
                      CASE WHEN unreviewed THEN 'not reviewed for ' || $2 || ' months' END, CASE WHEN unsupported > 0 THEN unsupported || ' unsupported device(s)' END], ', ') || ')'
                      ORDER BY description) FILTER (WHERE no_mfa OR unmonitored OR unreviewed OR unsupported > 0) AS paths
       FROM p GROUP BY supplier_id, supplier
     HAVING count(*) FILTER (WHERE no_mfa OR unmonitored OR unreviewed OR unsupported > 0) > 0
     ORDER BY count(*) FILTER (WHERE no_mfa OR unmonitored) DESC, count(*) FILTER (WHERE no_mfa OR unmonitored OR unreviewed OR unsupported > 0) DESC, supplier`,
    [asOf, ACCESS_PATH_REVIEW_MONTHS],
  );
  const suppliers = rows.map((r) => ({
    supplierId: r.supplier_id,
    supplier: r.supplier,
    activePaths: Number(r.active),
    withoutMfa: Number(r.without_mfa),
    unmonitored: Number(r.unmonitored),
    unreviewed: Number(r.unreviewed),
    unsupportedDevices: Number(r.unsupported),
    paths: r.paths ?? [],
  }));
  const sum = (key: 'activePaths' | 'withoutMfa' | 'unmonitored' | 'unreviewed' | 'unsupportedDevices') =>
    suppliers.reduce((n, s) => n + s[key], 0);
  return {
    totals: {
      suppliers: suppliers.length,
      activePaths: sum('activePaths'),
      withoutMfa: sum('withoutMfa'),
      unmonitored: sum('unmonitored'),
      unreviewed: sum('unreviewed'),
      unsupportedDevices: sum('unsupportedDevices'),
    },
    suppliers: suppliers.slice(0, limit),
  };
}
