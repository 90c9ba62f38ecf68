import type { EntityManager } from 'typeorm';
import { questionnaireVersionById, type QuestionnaireDefinition } from '@app/questionnaires';
import { scoreAssessment, type RiskSettings, type ScoredAnswer } from '@app/scoring';
import { AssessmentAnswer } from './assessment-answer.entity.js';
import { type Assessment } from './assessment.entity.js';

/** What scoring an assessment reads: the exact questionnaire version it was sent with, and its stored answers. */
export async function scoringInputs(
  m: EntityManager,
  assessment: Pick<Assessment, 'id' | 'questionnaireVersionId'>,
): Promise<{ definition: QuestionnaireDefinition; answers: Map<string, ScoredAnswer> }> {
  const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
  const answers = await m.findBy(AssessmentAnswer, { assessmentId: assessment.id });
  const byCode = new Map<string, ScoredAnswer>(
    answers.map((a) => [
      a.questionCode,
      {
        value: a.value,
        notApplicable: a.notApplicable,
        comment: a.comment,
        adjustment: a.adjustedScore === null ? null : { score: a.adjustedScore, reason: a.adjustmentReason ?? '' },
      },
    ]),
  );
  // The catalogue's purpose column is authoritative (versions published before `purpose` existed).
  const definition =
    version.purpose === 'security' ? version.definition : { ...version.definition, purpose: version.purpose };
  return { definition, answers: byCode };
}

/** Scores an assessment from its stored answers and the exact questionnaire version it was sent with. */
export async function scoreOf(
  m: EntityManager,
  assessment: Assessment,
  stage: 'provisional' | 'final',
  at: Date,
  settings: RiskSettings,
): Promise<NonNullable<Assessment['score']>> {
  const { definition, answers } = await scoringInputs(m, assessment);
  return { ...scoreAssessment(definition, answers, settings), stage, scoredAt: at.toISOString() };
}
