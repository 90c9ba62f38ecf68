import type { EntityManager } from 'typeorm';

/** When the supplier last submitted an assessment (null while it never has): read by another domain's view (an incident's timeline). */
export async function submittedAt(m: EntityManager, assessmentId: string): Promise<Date | null> {
  const [row] = await m.query<{ submitted_at: Date | null }[]>('SELECT submitted_at FROM assessment WHERE id = $1', [
    assessmentId,
  ]);
  return row?.submitted_at ?? null;
}
