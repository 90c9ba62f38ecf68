import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, DomainError, RuleViolationError } from '@app/platform';
import { questionnaireVersionById, SCORED_TYPES } from '@app/questionnaires';
import { questionScore, RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { questionsOf } from './answer-rules.js';
import { expectStatus, lockAssessment } from './assessment-state.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentAnswer } from './assessment-answer.entity.js';
import { scoreOf } from './score.js';

/** Roles that may raise an answer's score by a review adjustment (lowering is procurement's). */
export const RAISING_ROLES = ['governance', 'admin'];

/**
 * Before completing, the reviewer may mark an answer "not supported by evidence" and set the score
 * it counts for (0..1), with a reason; null clears it. The provisional score follows at once.
 * Lowering is procurement's call; raising a question above what the supplier's answer scores needs
 * a governance user (risk-model section 2), else 403.
 */
@Injectable()
export class AdjustAnswer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async adjust(
    id: string,
    questionCode: string,
    score: number | null,
    reason: string,
    actor: { id: string; role: string } | null,
  ): Promise<Assessment> {
    const actorId = actor?.id ?? null;
    return this.dataSource.transaction(async (m) => {
      const assessment = await lockAssessment(m, id);
      expectStatus(assessment, ['submitted'], 'adjust the answers of');
      const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
      const question = questionsOf(version.definition).find((q) => q.code === questionCode);
      const answer = await m.findOneBy(AssessmentAnswer, { assessmentId: id, questionCode });
      if (!question || !SCORED_TYPES.includes(question.type as never)) {
        throw new RuleViolationError(
          'ASSESSMENT.NOT_SCORED',
          'Only a scored question of this questionnaire can be adjusted.',
          [
            {
              path: 'questionCode',
              message: question ? 'is not a scored question' : 'is not a question of this questionnaire',
            },
          ],
        );
      }
      if (!answer || answer.notApplicable || answer.value === null) {
        throw new RuleViolationError('ASSESSMENT.NOT_ANSWERED', 'Only an answered question can be adjusted.', [
          { path: 'questionCode', message: 'has no scored answer' },
        ]);
      }
      const answered = questionScore(question, { value: answer.value, notApplicable: answer.notApplicable });
      if (score !== null && answered !== null && score > answered && !RAISING_ROLES.includes(actor?.role ?? '')) {
        throw new DomainError(
          'ASSESSMENT.RAISE_GOVERNANCE_ONLY',
          `Only a governance user can raise ${questionCode} above the ${answered} its answer scores.`,
          403,
          [
            {
              path: 'score',
              message: `is above the answer's score ${answered}: a governance user must make this adjustment`,
            },
          ],
        );
      }
      const before = { questionCode, adjustedScore: answer.adjustedScore, adjustmentReason: answer.adjustmentReason };
      await m.update(
        AssessmentAnswer,
        { id: answer.id },
        {
          adjustedScore: score,
          adjustmentReason: score === null ? null : reason,
          adjustedBy: score === null ? null : actorId,
          adjustedAt: score === null ? null : this.clock.now(),
        },
      );
      assessment.score = await scoreOf(m, assessment, 'provisional', this.clock.now(), this.settings);
      await m.save(Assessment, assessment);
      await this.audit.record(m, {
        action: 'assessment.answer_adjusted',
        entityType: 'assessment',
        entityId: id,
        before,
        after: {
          questionCode,
          adjustedScore: score,
          adjustmentReason: score === null ? null : reason,
          reason,
          overall: assessment.score.overall,
          band: assessment.score.band,
        },
      });
      return assessment;
    });
  }
}
