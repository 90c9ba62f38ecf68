import { createHash, randomBytes } from 'node:crypto';
import type { PortalLandingView, PortalQuestionnaireView } from './portal.view.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, DomainError, InvalidInputError, NotFoundError, RuleViolationError, type FieldProblem } from '@app/platform';
import { QuestionnaireVersion, questionnaireVersionById, type Question } from '@app/questionnaires';
import { oweEmail } from '@app/notifications';
import { RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { Supplier } from '@app/suppliers';
import { isVisible, missingAnswers, questionsOf, valueProblem, type StoredAnswer } from './answer-rules.js';
import { Assessment, AssessmentAnswer, AssessmentInvitation, PortalSession, type AssessmentStatus } from './entities.js';
import { internalOwnerEmail } from './internal-owner.js';
import { hashToken, looksLikeToken } from './invitation-token.js';
import { scoreOf } from './score.js';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 8;

export class LinkGoneError extends DomainError {
  constructor(reason: 'expired' | 'revoked' | 'closed') {
    const detail = {
      expired: 'This link has expired. Ask the person who sent it for a new one.',
      revoked: 'This link is no longer valid: a newer link was sent, or the request was withdrawn.',
      closed: 'This questionnaire is closed.',
    }[reason];
    super(`PORTAL.LINK_${reason.toUpperCase()}`, detail, 410);
  }
}

export class PortalUnauthenticatedError extends DomainError {
  constructor() {
    super('PORTAL.SESSION_REQUIRED', 'Open the link from your email to continue.', 401);
  }
}

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

/** The context of a portal request: the one assessment it may touch. */
export interface PortalContext {
  assessment: Assessment;
  invitationId: string;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** The supplier's side: the emailed link, the session it opens, answering and submitting. */
@Injectable()
export class PortalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  /** Token hash -> what it points at, for scripted saves (see saveAnswersByToken). */
  private readonly targets = new Map<string, SaveTarget>();

  /** Resolves a link without changing anything (mail scanners open links). */
  async resolveToken(token: string): Promise<PortalContext> {
    if (!looksLikeToken(token)) throw new NotFoundError('PORTAL.LINK_UNKNOWN', 'This link is not valid.');
    // The link and its assessment in one round trip: this runs on every scripted request.
    const { entities, raw } = await this.dataSource
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .innerJoin(AssessmentInvitation, 'i', 'i.assessment_id = a.id')
      .addSelect(['i.id AS invitation_id', 'i.revoked_at AS invitation_revoked_at', 'i.expires_at AS invitation_expires_at'])
      .where('i.token_hash = :hash', { hash: hashToken(token) })
      .getRawAndEntities<{ invitation_id: string; invitation_revoked_at: Date | null; invitation_expires_at: Date }>();
    const [assessment] = entities;
    const [invitation] = raw;
    if (!assessment || !invitation) throw new NotFoundError('PORTAL.LINK_UNKNOWN', 'This link is not valid.');
    if (invitation.invitation_revoked_at) throw new LinkGoneError('revoked');
    if (new Date(invitation.invitation_expires_at) <= this.clock.now()) throw new LinkGoneError('expired');
    if (assessment.status === 'cancelled' || assessment.status === 'expired') throw new LinkGoneError('closed');
    return { assessment, invitationId: invitation.invitation_id };
  }

  /** Who is asking, for which supplier, what and by when: what the landing page shows, nothing more. */
  async landing(context: PortalContext): Promise<PortalLandingView> {
    const supplier = await this.dataSource.getRepository(Supplier).findOneByOrFail({ id: context.assessment.supplierId });
    const version = await this.dataSource.getRepository(QuestionnaireVersion).findOneByOrFail({ id: context.assessment.questionnaireVersionId });
    return {
      supplier: { name: supplier.name },
      recipient: { name: context.assessment.recipientName },
      questionnaire: { key: version.key, version: version.version, title: version.title, questionCount: version.questionCount },
      dueDate: context.assessment.dueDate,
      status: context.assessment.status,
    };
  }

  /** Opens a session for the link's one assessment; returns the cookie value (only its hash is kept). */
  async startSession(context: PortalContext): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.getRepository(PortalSession).insert({
      idHash: sha256(id),
      assessmentId: context.assessment.id,
      invitationId: context.invitationId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3600_000),
    });
    return id;
  }

  /** The session behind a cookie, refreshed; refused when idle too long, past its age, or its link revoked. */
  async resolveSession(id: string): Promise<PortalContext> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) throw new PortalUnauthenticatedError();
    const repository = this.dataSource.getRepository(PortalSession);
    const session = await repository.findOneBy({ idHash: sha256(id) });
    const now = this.clock.now();
    if (!session || session.expiresAt <= now || session.lastSeenAt.getTime() + SESSION_IDLE_MINUTES * 60_000 <= now.getTime()) throw new PortalUnauthenticatedError();
    const invitation = await this.dataSource.getRepository(AssessmentInvitation).findOneByOrFail({ id: session.invitationId });
    if (invitation.revokedAt) throw new LinkGoneError('revoked');
    if (invitation.expiresAt <= now) throw new LinkGoneError('expired');
    await repository.update({ idHash: session.idHash }, { lastSeenAt: now });
    const assessment = await this.dataSource.getRepository(Assessment).findOneByOrFail({ id: session.assessmentId });
    if (assessment.status === 'cancelled' || assessment.status === 'expired') throw new LinkGoneError('closed');
    return { assessment, invitationId: invitation.id };
  }

  /** The questionnaire with saved answers and what is shown (api.md: GET /portal/assessment). */
  async view(context: PortalContext): Promise<PortalQuestionnaireView> {
    const { assessment } = context;
    const supplier = await this.dataSource.getRepository(Supplier).findOneByOrFail({ id: assessment.supplierId });
    const version = await questionnaireVersionById(this.dataSource.manager, assessment.questionnaireVersionId);
    const answers = await this.dataSource.getRepository(AssessmentAnswer).findBy({ assessmentId: assessment.id });
    const byCode = new Map(answers.map((a) => [a.questionCode, a]));
    const stored = new Map<string, StoredAnswer>(answers.map((a) => [a.questionCode, a]));
    const all = new Map(questionsOf(version.definition).map((q) => [q.code, q]));
    const missing = new Set(missingAnswers(version.definition, stored).map((q) => q.code));
    return {
      assessment: {
        id: assessment.id,
        status: assessment.status,
        dueDate: assessment.dueDate,
        supplier: { name: supplier.name },
        questionnaire: { key: version.key, version: version.version, title: version.title },
        returnedQuestions: assessment.returnedQuestions,
        returnMessage: assessment.returnMessage,
      },
      progress: { questions: all.size, answered: answers.length, missingRequired: missing.size },
      sections: version.definition.sections.map((section) => ({
        key: section.key,
        title: section.title,
        questions: section.questions.map((q) => ({
          code: q.code,
          text: q.text,
          help: q.help ?? null,
          type: q.type,
          required: q.required,
          allowNotApplicable: q.allowNotApplicable,
          evidence: q.evidence,
          options: q.options?.map(({ value, label }) => ({ value, label })) ?? null,
          visible: isVisible(q, stored, all),
          showIf: q.showIf ? { question: q.showIf.question, values: 'equals' in q.showIf && q.showIf.equals !== undefined ? [q.showIf.equals] : (q.showIf as { in: string[] }).in } : null,
          answer: byCode.has(q.code)
            ? { value: byCode.get(q.code)!.value ?? null, notApplicable: byCode.get(q.code)!.notApplicable, comment: byCode.get(q.code)!.comment, version: byCode.get(q.code)!.version }
            : null,
        })),
      })),
    };
  }

  /**
   * Saves answers for a scripted caller's link (`Authorization: Bearer`). What a token points at
   * (its invitation, assessment and questionnaire version) never changes, so it is kept after the
   * first request; whether the link still works is checked in the save itself.
   */
  async saveAnswersByToken(token: string, input: AnswerInput[]): Promise<{ answers: { code: string; version: number }[] }> {
    if (!looksLikeToken(token)) throw new NotFoundError('PORTAL.LINK_UNKNOWN', 'This link is not valid.');
    const hash = hashToken(token);
    let target = this.targets.get(hash);
    if (!target) {
      const context = await this.resolveToken(token);
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
  async saveAnswers(context: PortalContext, input: AnswerInput[]): Promise<{ answers: { code: string; version: number }[] }> {
    return this.save(targetOf(context), input);
  }

  /**
   * The busiest write a supplier makes, in one round trip: the input is checked here against the
   * questionnaire, then `portal_save_answers` (one statement, its own transaction) checks under the
   * assessment's row lock that the link works, the questionnaire is open and every answer is at the
   * version sent, and writes the answers, the status and the audit rows. Only when it refuses is
   * anything read, to say why.
   */
  private async save(target: SaveTarget, input: AnswerInput[]): Promise<{ answers: { code: string; version: number }[] }> {
    const version = await questionnaireVersionById(this.dataSource.manager, target.questionnaireVersionId);
    const questions = new Map(questionsOf(version.definition).map((q) => [q.code, q]));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    input.forEach((answer, i) => {
      const question = questions.get(answer.code);
      if (!question) return void problems.push({ path: `answers[${i}].code`, message: 'is not a question of this questionnaire' });
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
    const started = (from: AssessmentStatus) => this.audit.prepare([{ action: 'assessment.started', entityType: 'assessment', entityId: target.assessmentId, before: { status: from }, after: { status: 'in_progress' }, actor }]);
    // Once a questionnaire is seen started, its later saves leave out the rows for starting it; the
    // save says 'status' if it was returned since, and is tried again with them.
    for (const withStart of target.started ? [false, true] : [true]) {
      const [{ outcome }] = await this.dataSource.query<{ outcome: 'ok' | 'link' | 'status' | 'stale' }[]>('SELECT portal_save_answers($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb) AS outcome', [
        target.invitationId,
        target.assessmentId,
        this.clock.now(),
        JSON.stringify(rows),
        audit ?? '[]',
        withStart ? `{"sent": ${started('sent')}, "returned": ${started('returned')}}` : '{}',
      ]);
      if (outcome === 'ok') {
        target.started = true;
        return { answers: rows.map((a) => ({ code: a.code, version: a.version + 1 })) };
      }
      if (outcome === 'link') await this.refuseGoneLink(target.invitationId);
      await this.refuseIfReadOnly(target.assessmentId);
      if (outcome === 'stale') break;
    }
    const current = await this.dataSource.getRepository(AssessmentAnswer).findBy({ assessmentId: target.assessmentId, questionCode: In(rows.map((r) => r.code)) });
    const byCode = new Map(current.map((a) => [a.questionCode, a]));
    const stale = input.filter((a) => (byCode.get(a.code)?.version ?? 0) !== a.version);
    throw new ConflictError(
      'ANSWER.STALE',
      'Some answers were changed since you read them; nothing was saved. Reload to see the newer answers.',
      (stale.length ? stale : input).map((a) => {
        const now = byCode.get(a.code);
        return { path: `answers.${a.code}`, message: now ? `is at version ${now.version}: ${JSON.stringify({ value: now.value, notApplicable: now.notApplicable, comment: now.comment })}` : 'has not been answered yet: send version 0' };
      }),
    );
  }

  /** Says why a link stopped working (the save found it revoked or expired). */
  private async refuseGoneLink(invitationId: string): Promise<never> {
    const [invitation] = await this.dataSource.query<{ revoked: boolean }[]>('SELECT revoked_at IS NOT NULL AS revoked FROM assessment_invitation WHERE id = $1', [invitationId]);
    throw new LinkGoneError(invitation?.revoked ? 'revoked' : 'expired');
  }

  private async refuseIfReadOnly(assessmentId: string): Promise<void> {
    const { status } = await this.dataSource.getRepository(Assessment).findOneOrFail({ where: { id: assessmentId }, select: { id: true, status: true } });
    if (status === 'cancelled' || status === 'expired') throw new LinkGoneError('closed');
    if (!['sent', 'in_progress', 'returned'].includes(status)) throw new ConflictError('ASSESSMENT.READ_ONLY', `This questionnaire is ${status} and can no longer be changed.`);
  }

  /** Submits: every required visible question answered, an attestation; read-only afterwards. */
  async submit(context: PortalContext, attestation: { name: string; jobTitle: string; confirmed: boolean }): Promise<Assessment> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await m.findOneOrFail(Assessment, { where: { id: context.assessment.id }, lock: { mode: 'pessimistic_write' } });
      if (assessment.status === 'submitted' || assessment.status === 'completed') throw new ConflictError('ASSESSMENT.ALREADY_SUBMITTED', 'This questionnaire has already been submitted.');
      if (!['sent', 'in_progress', 'returned'].includes(assessment.status)) throw new ConflictError('ASSESSMENT.READ_ONLY', `This questionnaire is ${assessment.status}.`);
      const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
      const answers = await m.findBy(AssessmentAnswer, { assessmentId: assessment.id });
      const stored = new Map<string, StoredAnswer>(answers.map((a) => [a.questionCode, a]));
      const missing = missingAnswers(version.definition, stored);
      const byCode = new Map(questionsOf(version.definition).map((q) => [q.code, q]));
      const evidenceRows = await m.query<{ question_code: string }[]>('SELECT DISTINCT question_code FROM assessment_evidence WHERE assessment_id = $1', [assessment.id]);
      const withEvidence = new Set(evidenceRows.map((r) => r.question_code));
      const missingEvidence = [...byCode.values()].filter(
        (q) => q.evidence === 'required' && isVisible(q, stored, byCode) && !stored.get(q.code)?.notApplicable && !withEvidence.has(q.code),
      );
      if (missing.length || missingEvidence.length) {
        throw new RuleViolationError('ASSESSMENT.ANSWERS_MISSING', `${missing.length + missingEvidence.length} required answer(s) or evidence file(s) are missing.`, [
          ...missing.map((q) => ({ path: `answers.${q.code}`, message: `is required: ${q.text}` })),
          ...missingEvidence.map((q) => ({ path: `evidence.${q.code}`, message: `needs an evidence file: ${q.text}` })),
        ]);
      }
      if (attestation.confirmed !== true) throw new RuleViolationError('ASSESSMENT.ATTESTATION_REQUIRED', 'Confirm that the answers are accurate.', [{ path: 'attestation.confirmed', message: 'must be true' }]);
      const before = { status: assessment.status };
      assessment.status = 'submitted';
      assessment.submittedAt = this.clock.now();
      assessment.attestation = { name: attestation.name, jobTitle: attestation.jobTitle, confirmed: true, at: this.clock.now().toISOString() };
      assessment.score = await scoreOf(m, assessment, 'provisional', this.clock.now(), this.settings);
      await m.save(Assessment, assessment);
      // An incident's follow-up answered: its timeline says so.
      await m.query(
        "INSERT INTO incident_event (incident_id, at, kind, detail) SELECT id, $2, 'supplier_answered', jsonb_build_object('assessmentId', $1::uuid) FROM incident WHERE follow_up_assessment_id = $1::uuid",
        [assessment.id, this.clock.now()],
      );
      const owner = await internalOwnerEmail(m, assessment.id);
      if (owner) {
        await oweEmail(m, { kind: 'assessment.submitted', recipients: [owner], template: 'assessment-submitted', refs: { assessmentId: assessment.id }, dedupeKey: `assessment:${assessment.id}:submitted:${assessment.submittedAt.toISOString()}` });
      }
      await this.audit.record(m, { action: 'assessment.submitted', entityType: 'assessment', entityId: assessment.id, before, after: { status: 'submitted', attestation: assessment.attestation, score: { overall: assessment.score.overall, band: assessment.score.band, stage: 'provisional' } }, actor: { type: 'supplier', id: assessment.id } });
      return assessment;
    });
  }
}

function answerProblems(question: Question, answer: AnswerInput, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(answer.version) || answer.version < 0) problems.push({ path: `${path}.version`, message: 'must be the version you last read (0 for a new answer)' });
  if (answer.comment !== undefined && answer.comment !== null && (typeof answer.comment !== 'string' || answer.comment.length > 5000)) problems.push({ path: `${path}.comment`, message: 'must be text of at most 5,000 characters' });
  if (answer.notApplicable) {
    if (!question.allowNotApplicable) problems.push({ path: `${path}.notApplicable`, message: 'is not allowed on this question' });
    if (answer.value !== undefined && answer.value !== null) problems.push({ path: `${path}.value`, message: 'must be empty when the question is not applicable' });
    return problems;
  }
  if (answer.value === undefined || answer.value === null) return problems; // clearing a draft answer
  const problem = valueProblem(question, answer.value);
  if (problem) problems.push({ path: `${path}.value`, message: problem });
  return problems;
}
