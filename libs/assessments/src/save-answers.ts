import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { In, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, InvalidInputError, MAX_INT, NotFoundError, type FieldProblem } from '@app/platform';
import { questionnaireVersionById, type Question, type QuestionnaireVersion } from '@app/questionnaires';
import { questionsOf, valueProblem } from './answer-rules.js';
import { Assessment, isAnswerable, type AssessmentStatus } from './assessment.entity.js';
import { AssessmentAnswer } from './assessment-answer.entity.js';
import { hashToken, looksLikeToken } from './invitation-token.js';
import { LinkGoneError, PortalAccess, type PortalContext } from './portal-access.js';

/** What an answer save needs to know of its link: facts that never change for one token. */
interface SaveTarget {
  invitationId: string;
  assessmentId: string;
  questionnaireVersionId: string;
  /** Seen in progress by a save through this process (it may have been returned since). */
  started?: boolean;
}

const targetOf = (context: PortalContext): SaveTarget => ({
  invitationId: context.invitationId,
  assessmentId: context.assessment.id,
  questionnaireVersionId: context.assessment.questionnaireVersionId,
  started: context.assessment.status === 'in_progress',
});

export interface AnswerInput {
  code: string;
  value?: unknown;
  notApplicable?: boolean;
  comment?: string | null;
  version: number;
}

/** The supplier saves answers, through the page or by script. */
@Injectable()
export class SaveAnswers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly access: PortalAccess,
  ) {}

  /** Token hash -> what it points at, for scripted saves (see saveAnswersByToken). */
  private readonly targets = new Map<string, SaveTarget>();

  /**
   * Saves answers for a scripted caller's link (`Authorization: Bearer`). What a token points at
   * (its invitation, assessment and questionnaire version) never changes, so it is kept after the
   * first request; whether the link still works is checked in the save itself.
   */
  async saveAnswersByToken(
    token: string,
    input: AnswerInput[],
  ): Promise<{ answers: { code: string; version: number }[] }> {
    if (!looksLikeToken(token)) throw new NotFoundError('PORTAL.LINK_UNKNOWN', 'This link is not valid.');
    const hash = hashToken(token);
    let target = this.targets.get(hash);
    if (!target) {
      const context = await this.access.resolveToken(token);
      target = targetOf(context);
      if (this.targets.size >= 10_000) this.targets.clear();
      this.targets.set(hash, target);
    }
    return this.save(target, input);
  }

  /**
   * Saves answers. Each carries the version last read (0 for a new answer); if any is stale the
   * whole save is refused with the current answers, so nothing is silently overwritten.
   */
  async saveAnswers(
    context: PortalContext,
    input: AnswerInput[],
  ): Promise<{ answers: { code: string; version: number }[] }> {
    return this.save(targetOf(context), input);
  }

  /**
   * The busiest write a supplier makes, in one round trip: the input is checked here against the
   * questionnaire, then `portal_save_answers` (one statement, its own transaction) checks under the
   * assessment's row lock that the link works, the questionnaire is open and every answer is at the
   * version sent, and writes the answers, the status and the audit rows. Only when it refuses is
   * anything read, to say why.
   */
  private async save(
    target: SaveTarget,
    input: AnswerInput[],
  ): Promise<{ answers: { code: string; version: number }[] }> {
    const questions = questionsByCode(
      await questionnaireVersionById(this.dataSource.manager, target.questionnaireVersionId),
    );
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    input.forEach((answer, i) => {
      const question = questions.get(answer.code);
      if (!question)
        return void problems.push({ path: `answers[${i}].code`, message: 'is not a question of this questionnaire' });
      if (seen.has(answer.code)) problems.push({ path: `answers[${i}].code`, message: 'appears twice in this save' });
      seen.add(answer.code);
      problems.push(...answerProblems(question, answer, `answers[${i}]`));
    });
    if (problems.length) {
      await this.refuseIfReadOnly(target.assessmentId); // a closed questionnaire says so before anything else
      throw new InvalidInputError(`${problems.length} answer(s) are not valid.`, problems);
    }
    const rows = input.map((answer) => ({
      code: answer.code,
      value: answer.notApplicable ? null : (answer.value ?? null),
      notApplicable: answer.notApplicable ?? false,
      comment: answer.comment ?? null,
      version: answer.version,
    }));
    const actor = { type: 'supplier' as const, id: target.assessmentId };
    // Each answer's row says what it became and at which version; what it was is the row of the
    // version before (the save checks that the supplier saw that version).
    const audit = this.audit.prepare(
      rows.map(({ code, value, notApplicable, comment, version: read }) => ({
        action: 'answer.saved',
        entityType: 'assessment',
        entityId: target.assessmentId,
        before: read > 0 ? { [code]: { version: read } } : null,
        after: { [code]: { value, notApplicable, comment, version: read + 1 } },
        actor,
      })),
    );
    const started = (from: AssessmentStatus) =>
      this.audit.prepare([
        {
          action: 'assessment.started',
          entityType: 'assessment',
          entityId: target.assessmentId,
          before: { status: from },
          after: { status: 'in_progress' },
          actor,
        },
      ]);
    // Once a questionnaire is seen started, its later saves leave out the rows for starting it; the
    // save says 'status' if it was returned since, and is tried again with them.
    for (const withStart of target.started ? [false, true] : [true]) {
      const {
        rows: [{ outcome }],
      } = await this.pool().query<{ outcome: 'ok' | 'link' | 'status' | 'stale' }>({
        // A named statement: each connection parses and plans the busiest write of the product once.
        name: 'portal_save_answers',
        text: 'SELECT portal_save_answers($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb) AS outcome',
        values: [
          target.invitationId,
          target.assessmentId,
          this.clock.now(),
          JSON.stringify(rows),
          audit ?? '[]',
          withStart ? `{"sent": ${started('sent')}, "returned": ${started('returned')}}` : '{}',
        ],
      });
      if (outcome === 'ok') {
        target.started = true;
        return { answers: rows.map((a) => ({ code: a.code, version: a.version + 1 })) };
      }
      if (outcome === 'link') await this.refuseGoneLink(target.invitationId);
      await this.refuseIfReadOnly(target.assessmentId);
      if (outcome === 'stale') break;
    }
    const current = await this.dataSource
      .getRepository(AssessmentAnswer)
      .findBy({ assessmentId: target.assessmentId, questionCode: In(rows.map((r) => r.code)) });
    const byCode = new Map(current.map((a) => [a.questionCode, a]));
    const stale = input.filter((a) => (byCode.get(a.code)?.version ?? 0) !== a.version);
    throw new ConflictError(
      'ANSWER.STALE',
      'Some answers were changed since you read them; nothing was saved. Reload to see the newer answers.',
      (stale.length ? stale : input).map((a) => {
        const now = byCode.get(a.code);
        return {
          path: `answers.${a.code}`,
          message: now
            ? `is at version ${now.version}: ${JSON.stringify({ value: now.value, notApplicable: now.notApplicable, comment: now.comment })}`
            : 'has not been answered yet: send version 0',
        };
      }),
    );
  }

  /** The connection pool under TypeORM, for the named statement of the save. */
  private pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /** Says why a link stopped working (the save found it revoked or expired). */
  private async refuseGoneLink(invitationId: string): Promise<never> {
    const [invitation] = await this.dataSource.query<{ revoked: boolean }[]>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM assessment_invitation WHERE id = $1',
      [invitationId],
    );
    throw new LinkGoneError(invitation?.revoked ? 'revoked' : 'expired');
  }

  private async refuseIfReadOnly(assessmentId: string): Promise<void> {
    const { status } = await this.dataSource
      .getRepository(Assessment)
      .findOneOrFail({ where: { id: assessmentId }, select: { id: true, status: true } });
    if (status === 'cancelled' || status === 'expired') throw new LinkGoneError('closed');
    if (!isAnswerable(status))
      throw new ConflictError('ASSESSMENT.READ_ONLY', `This questionnaire is ${status} and can no longer be changed.`);
  }
}

/** A version's questions by code, worked out once per version (versions never change once published). */
const questionMaps = new WeakMap<QuestionnaireVersion, Map<string, Question>>();
function questionsByCode(version: QuestionnaireVersion): Map<string, Question> {
  let questions = questionMaps.get(version);
  if (!questions) {
    questions = new Map(questionsOf(version.definition).map((q) => [q.code, q]));
    questionMaps.set(version, questions);
  }
  return questions;
}

function answerProblems(question: Question, answer: AnswerInput, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(answer.version) || answer.version < 0 || answer.version > MAX_INT)
    problems.push({ path: `${path}.version`, message: 'must be the version you last read (0 for a new answer)' });
  if (
    answer.comment !== undefined &&
    answer.comment !== null &&
    (typeof answer.comment !== 'string' || answer.comment.length > 5000)
  )
    problems.push({ path: `${path}.comment`, message: 'must be text of at most 5,000 characters' });
  if (answer.notApplicable) {
    if (!question.allowNotApplicable)
      problems.push({ path: `${path}.notApplicable`, message: 'is not allowed on this question' });
    if (answer.value !== undefined && answer.value !== null)
      problems.push({ path: `${path}.value`, message: 'must be empty when the question is not applicable' });
    return problems;
  }
  if (answer.value === undefined || answer.value === null) return problems; // clearing a draft answer
  const problem = valueProblem(question, answer.value);
  if (problem) problems.push({ path: `${path}.value`, message: problem });
  return problems;
}
