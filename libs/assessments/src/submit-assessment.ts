import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { oweEmail } from '@app/notifications';
import { Clock, ConflictError, RuleViolationError } from '@app/platform';
import { questionnaireVersionById } from '@app/questionnaires';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { isVisible, missingAnswers, questionsOf, type StoredAnswer } from './answer-rules.js';
import { Assessment, isAnswerable } from './assessment.entity.js';
import { AssessmentAnswer } from './assessment-answer.entity.js';
import { internalOwnerEmail } from './internal-owner.js';
import type { PortalContext } from './portal-access.js';
import { scoreOf } from './score.js';

/** The supplier submits: every required visible question answered, an attestation; read-only afterwards. */
@Injectable()
export class SubmitAssessment {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  /** Submits: every required visible question answered, an attestation; read-only afterwards. */
  async submit(
    context: PortalContext,
    attestation: { name: string; jobTitle: string; confirmed: boolean },
  ): Promise<Assessment> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await m.findOneOrFail(Assessment, {
        where: { id: context.assessment.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (assessment.status === 'submitted' || assessment.status === 'completed')
        throw new ConflictError('ASSESSMENT.ALREADY_SUBMITTED', 'This questionnaire has already been submitted.');
      if (!isAnswerable(assessment.status))
        throw new ConflictError('ASSESSMENT.READ_ONLY', `This questionnaire is ${assessment.status}.`);
      const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
      const answers = await m.findBy(AssessmentAnswer, { assessmentId: assessment.id });
      const stored = new Map<string, StoredAnswer>(answers.map((a) => [a.questionCode, a]));
      const missing = missingAnswers(version.definition, stored);
      const byCode = new Map(questionsOf(version.definition).map((q) => [q.code, q]));
      const evidenceRows = await m.query<{ question_code: string }[]>(
        'SELECT DISTINCT question_code FROM assessment_evidence WHERE assessment_id = $1',
        [assessment.id],
      );
      const withEvidence = new Set(evidenceRows.map((r) => r.question_code));
      const missingEvidence = [...byCode.values()].filter(
        (q) =>
          q.evidence === 'required' &&
          isVisible(q, stored, byCode) &&
          !stored.get(q.code)?.notApplicable &&
          !withEvidence.has(q.code),
      );
      if (missing.length || missingEvidence.length) {
        throw new RuleViolationError(
          'ASSESSMENT.ANSWERS_MISSING',
          `${missing.length + missingEvidence.length} required answer(s) or evidence file(s) are missing.`,
          [
            ...missing.map((q) => ({ path: `answers.${q.code}`, message: `is required: ${q.text}` })),
            ...missingEvidence.map((q) => ({
              path: `evidence.${q.code}`,
              message: `needs an evidence file: ${q.text}`,
            })),
          ],
        );
      }
      if (attestation.confirmed !== true)
        throw new RuleViolationError('ASSESSMENT.ATTESTATION_REQUIRED', 'Confirm that the answers are accurate.', [
          { path: 'attestation.confirmed', message: 'must be true' },
        ]);
      const before = { status: assessment.status };
      assessment.status = 'submitted';
      assessment.submittedAt = this.clock.now();
      assessment.attestation = {
        name: attestation.name,
        jobTitle: attestation.jobTitle,
        confirmed: true,
        at: this.clock.now().toISOString(),
      };
      assessment.score = await scoreOf(m, assessment, 'provisional', this.clock.now(), this.settings);
      await m.save(Assessment, assessment);
      const owner = await internalOwnerEmail(m, assessment.id);
      if (owner) {
        await oweEmail(m, {
          kind: 'assessment.submitted',
          recipients: [owner],
          template: 'assessment-submitted',
          refs: { assessmentId: assessment.id },
          dedupeKey: `assessment:${assessment.id}:submitted:${assessment.submittedAt.toISOString()}`,
        });
      }
      await this.audit.record(m, {
        action: 'assessment.submitted',
        entityType: 'assessment',
        entityId: assessment.id,
        before,
        after: {
          status: 'submitted',
          attestation: assessment.attestation,
          score: { overall: assessment.score.overall, band: assessment.score.band, stage: 'provisional' },
        },
        actor: { type: 'supplier', id: assessment.id },
      });
      return assessment;
    });
  }
}
