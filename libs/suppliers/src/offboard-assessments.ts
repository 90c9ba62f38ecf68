import type { EntityManager } from 'typeorm';
import type { AuditTrail } from '@app/audit';

/** A questionnaire not yet finished: the supplier can still answer it, or it awaits review. */
const OPEN = ['sent', 'in_progress', 'returned', 'submitted'];

export interface OpenAssessment {
  id: string;
  title: string;
  status: string;
  dueDate: string;
}

/** The supplier's questionnaires that offboarding would cancel, the earliest due first. */
export async function openAssessmentsOf(m: EntityManager, supplierId: string): Promise<OpenAssessment[]> {
  const rows = await m.query<{ id: string; title: string; status: string; due_date: string }[]>(
    `SELECT a.id, v.title, a.status, to_char(a.due_date, 'YYYY-MM-DD') AS due_date
       FROM assessment a JOIN questionnaire_version v ON v.id = a.questionnaire_version_id
      WHERE a.supplier_id = $1 AND a.status = ANY($2) ORDER BY a.due_date, v.title, a.id`,
    [supplierId, OPEN],
  );
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, dueDate: r.due_date }));
}

/**
 * Offboarding ends the questionnaires still open (in its transaction): each is cancelled at the
 * moment of offboarding, its links revoked (no answer, reminder or escalation follows), audited.
 */
export async function cancelOpenAssessments(
  m: EntityManager,
  audit: AuditTrail,
  supplierId: string,
  now: Date,
): Promise<void> {
  const open = await m.query<{ id: string; status: string }[]>(
    'SELECT id, status FROM assessment WHERE supplier_id = $1 AND status = ANY($2) ORDER BY id FOR UPDATE',
    [supplierId, OPEN],
  );
  if (open.length === 0) return;
  const ids = open.map((a) => a.id);
  await m.query(
    "UPDATE assessment SET status = 'cancelled', cancelled_at = $2, updated_at = now() WHERE id = ANY($1)",
    [ids, now],
  );
  await m.query(
    'UPDATE assessment_invitation SET revoked_at = $2 WHERE assessment_id = ANY($1) AND revoked_at IS NULL',
    [ids, now],
  );
  await audit.recordMany(
    m,
    open.map((a) => ({
      action: 'assessment.cancelled',
      entityType: 'assessment',
      entityId: a.id,
      before: { status: a.status },
      after: { status: 'cancelled', reason: 'supplier offboarded' },
    })),
  );
}
