import type { EntityManager } from 'typeorm';
import type { AuditTrail } from '@app/audit';
import type { EscalationChange } from '@app/notifications';

/**
 * Raises assessments' escalation levels as the ladder reached them (never lowers them), audited; in
 * the caller's transaction. A level is changed only from the value it was read as, so two schedulers
 * running at once change each assessment once. Returns how many changed.
 */
export async function raiseEscalationLevels(
  m: EntityManager,
  audit: AuditTrail,
  levels: Map<string, EscalationChange>,
): Promise<number> {
  if (levels.size === 0) return 0;
  // An UPDATE through TypeORM's query answers [rows, count].
  const [changed] = await m.query<[{ id: string }[], number]>(
    `UPDATE assessment a SET escalation_level = t.level, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::int[]) AS t(id, level, before)
      WHERE a.id = t.id AND a.escalation_level = t.before AND a.escalation_level < t.level
      RETURNING a.id`,
    [[...levels.keys()], [...levels.values()].map((l) => l.level), [...levels.values()].map((l) => l.before)],
  );
  await audit.recordMany(
    m,
    changed.map((c) => ({
      action: 'assessment.escalated',
      entityType: 'assessment',
      entityId: c.id,
      before: { escalationLevel: levels.get(c.id)!.before },
      after: { escalationLevel: levels.get(c.id)!.level },
    })),
  );
  return changed.length;
}
