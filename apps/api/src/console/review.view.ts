import type { AnswerEvidence } from '@app/certifications';
import {
  choicesOf,
  REASSIGNABLE_STATUSES,
  type Assessment,
  type AssessmentAnswer,
  type AssessmentEvidence,
} from '@app/assessments';
import { can, type User } from '@app/identity';
import type { QuestionnaireVersion } from '@app/questionnaires';
import { evidenceTag } from './assurance.view.js';
import { dateText, londonDateTime } from './dates.js';
import { formFields, summaryOf, type FieldSpec } from './forms.js';

/** An answer in words: a choice's label (not its stored value), several joined, "not applicable", or a dash. */
export function answerText(
  answer: AssessmentAnswer | undefined,
  options: { value: string; label: string }[] | undefined,
): string {
  if (!answer) return '–';
  if (answer.notApplicable) return 'not applicable';
  const label = (v: unknown) => options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(answer.value)) return answer.value.length ? answer.value.map(label).join('; ') : '–';
  if (answer.value === null || answer.value === undefined || answer.value === '') return '–';
  if (typeof answer.value === 'boolean') return answer.value ? 'Yes' : 'No';
  return label(answer.value);
}

/**
 * The score as a reviewer reads it: the band that counts first, then why, then whether it is final
 * ("Band C: 85.2 out of 100 would be band B, but the partial answer to LCT-02 caps it at C").
 */
export function scoreLine(score: Assessment['score']): string {
  if (!score || score.overall === null || score.band === null) return 'Not scored yet';
  const overall = (Math.round(score.overall * 10) / 10).toFixed(1);
  const stage = score.stage === 'final' ? 'final' : 'provisional until the review is complete';
  if (!score.cap) return `Band ${score.band}: ${overall} out of 100 (${stage})`;
  const codes =
    score.cap.questions.length > 1
      ? `${score.cap.questions.slice(0, -1).join(', ')} and ${score.cap.questions.at(-1)}`
      : score.cap.questions[0];
  const answers =
    score.cap.kind === 'partial'
      ? `the partial ${score.cap.questions.length > 1 ? 'answers' : 'answer'} to ${codes}`
      : `the answer to ${codes}`;
  return `Band ${score.band}: ${overall} out of 100 would be band ${score.uncappedBand}, but ${answers} ${score.cap.questions.length > 1 && score.cap.kind === 'partial' ? 'cap' : 'caps'} it at ${score.cap.band} (${stage})`;
}

/** The review of one assessment: answers by section with evidence, the score, who attested, and procurement's actions. */
export function reviewView(
  data: {
    assessment: Assessment;
    answers: AssessmentAnswer[];
    version: QuestionnaireVersion;
    evidence: AssessmentEvidence[];
    supplier: { id: string; name: string };
    proven?: Map<string, AnswerEvidence>;
  },
  user: User,
  failed: {
    form: 'adjust' | 'return' | 'complete';
    errors: { path: string; message: string }[];
    values: Record<string, unknown>;
  } | null = null,
) {
  const { assessment, version, evidence } = data;
  const byCode = new Map(data.answers.map((a) => [a.questionCode, a]));
  const counted = new Map(
    (assessment.score?.sections ?? []).flatMap((s) => s.counted.map((c) => [c.code, c] as const)),
  );
  const att = assessment.attestation;
  const proven = data.proven ?? new Map<string, AnswerEvidence>();
  const typed = (form: string, name: string) =>
    failed?.form === form && typeof failed.values[name] === 'string' ? (failed.values[name] as string) : '';
  const errorsOf = (form: string) => (failed?.form === form ? failed.errors : []);
  const questions = version.definition.sections.flatMap((s) =>
    s.questions.map((q) => ({
      value: q.code,
      label: `${q.code}. ${q.text.length > 80 ? `${q.text.slice(0, 77)}...` : q.text}`,
    })),
  );
  const adjustSpecs: FieldSpec[] = [
    {
      name: 'questionCode',
      label: 'Question',
      value: typed('adjust', 'questionCode'),
      options: questions,
      blank: 'Choose the question',
    },
    {
      name: 'score',
      label: 'Counts for',
      value: typed('adjust', 'score'),
      width: 4,
      hint: 'A score from 0 to 1, for example 0.5',
    },
    {
      name: 'reason',
      label: 'Reason',
      value: typed('adjust', 'reason'),
      textarea: true,
      hint: 'What the evidence does not support, in at least 10 characters',
    },
  ];
  const returnSpecs: FieldSpec[] = [
    {
      name: 'questionCodes',
      label: 'Questions to clarify',
      value: typed('return', 'questionCodes'),
      width: 20,
      hint: 'Their codes, separated by commas, for example LCT-01, LCT-03',
    },
    { name: 'message', label: 'Your question to the supplier', value: typed('return', 'message'), textarea: true },
  ];
  const specsOf = {
    adjust: adjustSpecs,
    return: returnSpecs,
    complete: [{ name: 'status', label: 'This questionnaire' }],
  };
  return {
    provenFlags: [...proven.values()].filter((e) => e.outcome === 'flag').length,
    provenOne: [...proven.values()].filter((e) => e.outcome === 'flag').length === 1,
    errors: failed ? summaryOf(failed.errors, specsOf[failed.form], 'review') : [],
    adjustFields: formFields(adjustSpecs, errorsOf('adjust'), 'review'),
    returnFields: formFields(returnSpecs, errorsOf('return'), 'review'),
    assessment: {
      id: assessment.id,
      status: assessment.status.replace('_', ' '),
      dueDate: dateText(assessment.dueDate),
      questionnaire: version.title,
      overall: scoreLine(assessment.score),
      band: assessment.score?.band ?? '–',
      stage: assessment.score?.stage ?? 'not scored',
      criticalFailures: assessment.score?.criticalFailures.join(', ') || 'none',
      submittedAt: assessment.submittedAt ? londonDateTime(assessment.submittedAt) : null,
    },
    attestation: att ? { name: att.name, jobTitle: att.jobTitle, at: londonDateTime(new Date(att.at)) } : null,
    supplier: data.supplier,
    canReview: can(user, 'assessment.review') && assessment.status === 'submitted',
    canReassign: can(user, 'assessment.send') && REASSIGNABLE_STATUSES.includes(assessment.status),
    recipient: { name: assessment.recipientName, email: assessment.recipientEmail },
    sections: version.definition.sections.map((section) => ({
      title: section.title,
      questions: section.questions.map((q) => {
        const answer = byCode.get(q.code);
        const c = counted.get(q.code);
        return {
          code: q.code,
          text: q.text,
          answer: answerText(answer, choicesOf(q) ?? undefined),
          comment: answer?.comment ?? '',
          counted: c
            ? `${c.s}${c.adjusted ? ` (adjusted from ${c.adjusted.from}: ${c.adjusted.reason})` : ''}`
            : 'not counted',
          evidence: evidence.filter((e) => e.questionCode === q.code).map((e) => ({ id: e.id, name: e.fileName })),
          proven: evidenceTag(proven.get(q.code)),
        };
      }),
    })),
  };
}
