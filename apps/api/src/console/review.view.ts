import { scoreText } from '@app/scoring';
import type { AnswerEvidence } from '@app/certifications';
import { REASSIGNABLE_STATUSES, type Assessment, type AssessmentAnswer, type AssessmentEvidence } from '@app/assessments';
import { can, type User } from '@app/identity';
import type { QuestionnaireVersion } from '@app/questionnaires';
import { evidenceTag } from './assurance.view.js';
import { londonDateTime } from './dates.js';

/** An answer in words: a choice's label (not its stored value), several joined, "not applicable", or a dash. */
export function answerText(answer: AssessmentAnswer | undefined, options: { value: string; label: string }[] | undefined): string {
  if (!answer) return '–';
  if (answer.notApplicable) return 'not applicable';
  const label = (v: unknown) => options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(answer.value)) return answer.value.length ? answer.value.map(label).join('; ') : '–';
  if (answer.value === null || answer.value === undefined || answer.value === '') return '–';
  if (typeof answer.value === 'boolean') return answer.value ? 'Yes' : 'No';
  return label(answer.value);
}

/** The review of one assessment: answers by section with evidence, the score, who attested, and procurement's actions. */
export function reviewView(data: { assessment: Assessment; answers: AssessmentAnswer[]; version: QuestionnaireVersion; evidence: AssessmentEvidence[]; supplier: { id: string; name: string }; proven?: Map<string, AnswerEvidence> }, user: User) {
  const { assessment, version, evidence } = data;
  const byCode = new Map(data.answers.map((a) => [a.questionCode, a]));
  const counted = new Map((assessment.score?.sections ?? []).flatMap((s) => s.counted.map((c) => [c.code, c] as const)));
  const att = assessment.attestation;
  const proven = data.proven ?? new Map<string, AnswerEvidence>();
  return {
    provenFlags: [...proven.values()].filter((e) => e.outcome === 'flag').length,
    assessment: {
      id: assessment.id, status: assessment.status.replace('_', ' '), dueDate: assessment.dueDate, questionnaire: version.title,
      overall: assessment.score ? scoreText(assessment.score) : 'not scored yet',
      band: assessment.score?.band ?? '–', stage: assessment.score?.stage ?? 'not scored', criticalFailures: assessment.score?.criticalFailures.join(', ') || 'none',
      submittedAt: assessment.submittedAt ? londonDateTime(assessment.submittedAt) : null,
    },
    attestation: att ? { name: att.name, jobTitle: att.jobTitle, at: londonDateTime(new Date(att.at)) } : null,
    supplier: data.supplier,
    canReview: can(user, 'assessment.review') && assessment.status === 'submitted',
    canReassign: can(user, 'assessment.send') && REASSIGNABLE_STATUSES.includes(assessment.status),
    recipient: { name: assessment.recipientName, email: assessment.recipientEmail },
    questionCodes: version.definition.sections.flatMap((s) => s.questions.map((q) => ({ value: q.code, label: `${q.code}. ${q.text}` }))),
    sections: version.definition.sections.map((section) => ({
      title: section.title,
      questions: section.questions.map((q) => {
        const answer = byCode.get(q.code);
        const c = counted.get(q.code);
        return {
          code: q.code, text: q.text,
          answer: answerText(answer, q.options),
          comment: answer?.comment ?? '',
          counted: c ? `${c.s}${c.adjusted ? ` (adjusted from ${c.adjusted.from}: ${c.adjusted.reason})` : ''}` : 'not counted',
          evidence: evidence.filter((e) => e.questionCode === q.code).map((e) => ({ id: e.id, name: e.fileName })),
          proven: evidenceTag(proven.get(q.code)),
        };
      }),
    })),
    errors: [] as { path: string; message: string }[],
  };
}
