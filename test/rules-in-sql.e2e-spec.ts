import { ANSWERABLE_STATUSES } from '@app/assessments';
import { decisionIsCurrent, decisionIsCurrentSql, decisionLapsesOn, decisionLapsesOnSql } from '@app/scoring';
import { createTestDatabase } from './support/database.js';
import { query } from './support/db.js';

/**
 * A rule lives in one TypeScript constant and SQL receives it as a parameter. The few places where
 * the database must hold it itself (a PL/pgSQL function, a partial index) are checked against the
 * constant here, so that changing one without the other fails the suite.
 */
describe('rules the database holds agree with the TypeScript ones', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });

  const listed = (sql: string, marker: RegExp) => {
    const match = marker.exec(sql);
    expect(match).not.toBeNull();
    return [...match![1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
  };

  it('the answer save (portal_save_answers) accepts exactly the answerable statuses', async () => {
    const [{ def }] = await query<{ def: string }>(
      url,
      "SELECT pg_get_functiondef('portal_save_answers'::regproc) AS def",
    );
    expect(listed(def, /current_status NOT IN \(([^)]*)\)/)).toEqual([...ANSWERABLE_STATUSES].sort());
  });

  it('the escalated-assessment index covers exactly the answerable statuses', async () => {
    const [{ def }] = await query<{ def: string }>(
      url,
      "SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'assessment_escalated'",
    );
    expect(listed(def, /status\)? = ANY \(\(?ARRAY\[([^\]]*)\]/)).toEqual([...ANSWERABLE_STATUSES].sort());
  });

  it('the decision dates in SQL agree with decisionLapsesOn and decisionIsCurrent', async () => {
    const today = '2026-06-15';
    const cases = [
      { reviewDate: '2026-06-14', expiresOn: null },
      { reviewDate: '2026-06-15', expiresOn: null },
      { reviewDate: '2026-06-16', expiresOn: null },
      { reviewDate: '2026-09-01', expiresOn: '2026-06-14' },
      { reviewDate: '2026-09-01', expiresOn: '2026-06-15' },
      { reviewDate: '2026-09-01', expiresOn: '2026-12-31' },
      { reviewDate: '2026-06-14', expiresOn: '2026-12-31' },
      { reviewDate: '2026-07-01', expiresOn: '2026-07-01' },
    ];
    const rows = await query<{ i: number; lapses: string; current: boolean }>(
      url,
      `SELECT d.i, ${decisionLapsesOnSql('d')}::text AS lapses, ${decisionIsCurrentSql('d', '$3')} AS current
         FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS d(review_date, expires_on, i) ORDER BY d.i`,
      [cases.map((c) => c.reviewDate), cases.map((c) => c.expiresOn), today],
    );
    expect(rows.map((r) => ({ lapses: r.lapses, current: r.current }))).toEqual(
      cases.map((c) => ({ lapses: decisionLapsesOn(c), current: decisionIsCurrent(c, today) })),
    );
  });
});
