import { ANSWERABLE_STATUSES } from '@app/assessments';
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
    const [{ def }] = await query<{ def: string }>(url, "SELECT pg_get_functiondef('portal_save_answers'::regproc) AS def");
    expect(listed(def, /current_status NOT IN \(([^)]*)\)/)).toEqual([...ANSWERABLE_STATUSES].sort());
  });

  it('the escalated-assessment index covers exactly the answerable statuses', async () => {
    const [{ def }] = await query<{ def: string }>(url, "SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'assessment_escalated'");
    expect(listed(def, /status\)? = ANY \(\(?ARRAY\[([^\]]*)\]/)).toEqual([...ANSWERABLE_STATUSES].sort());
  });
});
