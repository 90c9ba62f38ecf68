import type { EntityManager } from 'typeorm';
import type { ExpiringRow } from '@app/notifications';
import { decisionLapsesOnSql, EXPIRING_DECISIONS } from '@app/scoring';

// What the notification scheduler (the worker) reads from this library's tables before it applies the
// notification rules of @app/notifications: the candidates only; the rules decide who is owed what.

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
