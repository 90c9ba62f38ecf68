import type { DataSource, EntityManager } from 'typeorm';
import type { AuditTrail } from '@app/audit';
import { ConflictError, NotFoundError } from '@app/platform';
import { Assessment, type AssessmentStatus } from './assessment.entity.js';

/** What the audit trail keeps of an assessment before and after a change of state. */
export const assessmentSnapshot = (a: Assessment) => ({
  status: a.status,
  score: a.score ? { overall: a.score.overall, band: a.score.band, stage: a.score.stage } : null,
  dueDate: a.dueDate,
  recipientContactId: a.recipientContactId,
  returnedQuestions: a.returnedQuestions,
  returnMessage: a.returnMessage,
});

/** The assessment, locked for the rest of the caller's transaction; 404 when there is none. */
export async function lockAssessment(m: EntityManager, id: string): Promise<Assessment> {
  const assessment = await m.findOne(Assessment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!assessment) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
  return assessment;
}

/** 409 unless the assessment is in one of the statuses the action starts from. */
export function expectStatus(assessment: Assessment, allowed: readonly AssessmentStatus[], action: string): void {
  if (!allowed.includes(assessment.status)) {
    throw new ConflictError(
      'ASSESSMENT.INVALID_TRANSITION',
      `Cannot ${action} an assessment that is ${assessment.status}.`,
      [{ path: 'status', message: `is ${assessment.status}` }],
    );
  }
}

/**
 * One change of state by procurement, in one transaction: lock, check the status it starts from,
 * change, save and audit (`auditAction`, with the snapshots before and after).
 */
export async function transition(
  dataSource: DataSource,
  audit: AuditTrail,
  step: { id: string; from: readonly AssessmentStatus[]; verb: string; auditAction: string },
  change: (m: EntityManager, a: Assessment) => Promise<void>,
): Promise<Assessment> {
  return dataSource.transaction(async (m) => {
    const assessment = await lockAssessment(m, step.id);
    expectStatus(assessment, step.from, step.verb);
    const before = assessmentSnapshot(assessment);
    await change(m, assessment);
    await m.save(Assessment, assessment);
    await audit.record(m, {
      action: step.auditAction,
      entityType: 'assessment',
      entityId: step.id,
      before,
      after: assessmentSnapshot(assessment),
    });
    return assessment;
  });
}
