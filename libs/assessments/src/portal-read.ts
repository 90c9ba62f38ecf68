import type { DataSource } from 'typeorm';
import { INCIDENT_FIRST_HOURS, INCIDENT_FULL_HOURS, londonDateTime } from '@app/notifications';
import { QuestionnaireVersion, questionnaireVersionById } from '@app/questionnaires';
import { Supplier } from '@app/suppliers';
import { isVisible, missingAnswers, questionsOf, type StoredAnswer } from './answer-rules.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentAnswer } from './assessment-answer.entity.js';
import { hashToken, looksLikeToken } from './invitation-token.js';

/**
 * A receipt reference a person can read out on the phone: derived from the assessment's id (so it
 * needs no column and never changes), upper case, in two groups.
 */
export function receiptReference(assessmentId: string): string {
  const hex = assessmentId.replace(/-/g, '').toUpperCase();
  return `SA-${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/**
 * An incident follow-up's word to the supplier, with the clock times its deadlines fall on (London
 * time, from the incident's detection), so a supplier need not work out "24 hours after" themselves.
 */
async function incidentNote(
  dataSource: DataSource,
  assessmentId: string,
  description: string | undefined,
): Promise<string | null> {
  const [incident] = await dataSource.query<{ detected_at: Date }[]>(
    'SELECT detected_at FROM incident WHERE follow_up_assessment_id = $1',
    [assessmentId],
  );
  if (!incident) return description ?? null;
  const at = (hours: number) => londonDateTime(new Date(incident.detected_at.getTime() + hours * 3_600_000));
  const times = `For this incident (detected at ${londonDateTime(incident.detected_at)}, UK time): the first report is due by ${at(INCIDENT_FIRST_HOURS)}, every answer by ${at(INCIDENT_FULL_HOURS)}.`;
  return description ? `${description} ${times}` : times;
}

/** The questionnaire with saved answers, attached files and what is shown (api.md: GET /portal/assessment). */
export async function readPortalView(dataSource: DataSource, assessment: Assessment) {
  const supplier = await dataSource.getRepository(Supplier).findOneByOrFail({ id: assessment.supplierId });
  const version = await questionnaireVersionById(dataSource.manager, assessment.questionnaireVersionId);
  const answers = await dataSource.getRepository(AssessmentAnswer).findBy({ assessmentId: assessment.id });
  const files = await dataSource.query<
    { id: string; question_code: string; original_name: string; media_type: string; size: number }[]
  >(
    'SELECT id, question_code, original_name, media_type, size FROM assessment_evidence WHERE assessment_id = $1 ORDER BY created_at, id',
    [assessment.id],
  );
  const byCode = new Map(answers.map((a) => [a.questionCode, a]));
  const stored = new Map<string, StoredAnswer>(answers.map((a) => [a.questionCode, a]));
  const all = new Map(questionsOf(version.definition).map((q) => [q.code, q]));
  const visible = new Set([...all.values()].filter((q) => isVisible(q, stored, all)).map((q) => q.code));
  const missing = new Set(missingAnswers(version.definition, stored).map((q) => q.code));
  const evidenceOf = (code: string) =>
    files
      .filter((f) => f.question_code === code)
      .map((f) => ({ id: f.id, name: f.original_name, mediaType: f.media_type, size: f.size }));
  const missingEvidence = [...all.values()]
    .filter(
      (q) =>
        q.evidence === 'required' &&
        visible.has(q.code) &&
        !stored.get(q.code)?.notApplicable &&
        evidenceOf(q.code).length === 0,
    )
    .map((q) => q.code);
  const isAnswered = (code: string) => {
    const answer = stored.get(code);
    return !!answer && (answer.notApplicable || (answer.value !== null && answer.value !== undefined));
  };
  return {
    assessment: {
      id: assessment.id,
      status: assessment.status,
      dueDate: assessment.dueDate,
      supplier: { name: supplier.name },
      // An incident follow-up's description is written to the supplier (what is needed first, and by
      // when); the others describe whom the questionnaire is for, to the team choosing it, so are not shown.
      questionnaire: {
        key: version.key,
        version: version.version,
        title: version.title,
        note:
          version.definition.purpose === 'incident'
            ? await incidentNote(dataSource, assessment.id, version.definition.description)
            : null,
      },
      returnedQuestions: assessment.returnedQuestions,
      returnMessage: assessment.returnMessage,
      reference: receiptReference(assessment.id),
      submittedAt: assessment.submittedAt?.toISOString() ?? null,
      attestation: assessment.attestation
        ? { name: assessment.attestation.name, jobTitle: assessment.attestation.jobTitle }
        : null,
    },
    // Only the questions shown count: a question hidden by an earlier answer is not asked.
    progress: {
      questions: visible.size,
      answered: [...visible].filter(isAnswered).length,
      missingRequired: missing.size,
      missingEvidence: missingEvidence.length,
    },
    /** What stops a submission now, in page order: answers first, then evidence files. */
    missing: [
      ...[...missing].map((code) => ({ code, kind: 'answer' as const })),
      ...missingEvidence.map((code) => ({ code, kind: 'evidence' as const })),
    ],
    sections: version.definition.sections.map((section) => ({
      key: section.key,
      title: section.title,
      description: section.description ?? null,
      questions: section.questions.map((q) => ({
        code: q.code,
        text: q.text,
        help: q.help ?? null,
        type: q.type,
        required: q.required,
        allowNotApplicable: q.allowNotApplicable,
        evidence: q.evidence,
        options: q.options?.map(({ value, label }) => ({ value, label })) ?? null,
        visible: visible.has(q.code),
        showIf: q.showIf
          ? {
              question: q.showIf.question,
              values:
                'equals' in q.showIf && q.showIf.equals !== undefined
                  ? [q.showIf.equals]
                  : (q.showIf as { in: string[] }).in,
            }
          : null,
        answer: byCode.has(q.code)
          ? {
              value: byCode.get(q.code)!.value ?? null,
              notApplicable: byCode.get(q.code)!.notApplicable,
              comment: byCode.get(q.code)!.comment,
              version: byCode.get(q.code)!.version,
            }
          : null,
        files: q.evidence === 'none' ? [] : evidenceOf(q.code),
      })),
    })),
  };
}

export type PortalView = Awaited<ReturnType<typeof readPortalView>>;

/**
 * Where a link stands, for its landing page: every state a supplier can meet, never an exception
 * (the page explains each one). Changes nothing: mail scanners open links.
 */
export type LandingState =
  | 'open'
  | 'overdue'
  | 'returned'
  | 'submitted'
  | 'completed'
  | 'cancelled'
  | 'expired'
  | 'replaced'
  | 'reassigned'
  | 'invalid';

export async function readLanding(dataSource: DataSource, token: string, today: string, now: Date) {
  const invalid = {
    state: 'invalid' as LandingState,
    linkWorks: false,
    supplier: null,
    recipient: null,
    questionnaire: null,
    dueDate: null,
    started: false,
    submittedAt: null,
    reference: null,
  };
  if (!looksLikeToken(token)) return invalid;
  const [row] = await dataSource.query<
    { assessment_id: string; revoked_at: Date | null; expires_at: Date; recipient_email: string }[]
  >('SELECT assessment_id, revoked_at, expires_at, recipient_email FROM assessment_invitation WHERE token_hash = $1', [
    hashToken(token),
  ]);
  if (!row) return invalid;
  const assessment = await dataSource.getRepository(Assessment).findOneByOrFail({ id: row.assessment_id });
  const supplier = await dataSource.getRepository(Supplier).findOneByOrFail({ id: assessment.supplierId });
  const version = await dataSource
    .getRepository(QuestionnaireVersion)
    .findOneByOrFail({ id: assessment.questionnaireVersionId });
  const state: LandingState =
    assessment.status === 'cancelled'
      ? 'cancelled'
      : assessment.status === 'expired'
        ? 'expired'
        : assessment.status === 'submitted'
          ? 'submitted'
          : assessment.status === 'completed'
            ? 'completed'
            : // A link revoked because the questionnaire went to another person is not "replaced" for its holder: no newer email came to them.
              row.revoked_at
              ? row.recipient_email.toLowerCase() !== assessment.recipientEmail.toLowerCase()
                ? 'reassigned'
                : 'replaced'
              : new Date(row.expires_at) <= now
                ? 'expired'
                : assessment.status === 'returned'
                  ? 'returned'
                  : assessment.dueDate < today
                    ? 'overdue'
                    : 'open';
  return {
    state,
    /** Whether Start would open a session (a submitted questionnaire's receipt can still be seen). */
    linkWorks:
      !row.revoked_at && new Date(row.expires_at) > now && !['cancelled', 'expired'].includes(assessment.status),
    supplier: { name: supplier.name },
    recipient: { name: assessment.recipientName },
    questionnaire: {
      key: version.key,
      version: version.version,
      title: version.title,
      questionCount: version.questionCount,
    },
    dueDate: assessment.dueDate,
    /** Answers have been saved already: the button says Continue, not Start. */
    started: assessment.status === 'in_progress',
    submittedAt: assessment.submittedAt?.toISOString() ?? null,
    reference: assessment.submittedAt ? receiptReference(assessment.id) : null,
  };
}

export type Landing = Awaited<ReturnType<typeof readLanding>>;
