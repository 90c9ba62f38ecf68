import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { oweEmail } from '@app/notifications';
import { Clock, ConflictError, DomainError, HttpConfig, NotFoundError, RuleViolationError } from '@app/platform';
import { QuestionnaireVersion, questionnaireVersionById, SCORED_TYPES } from '@app/questionnaires';
import { FindingsService } from '@app/risk';
import { OUTBOUND_DIRECTIONS, questionScore, RISK_SETTINGS, type RiskSettings } from '@app/scoring';
import { RiskRecompute, Supplier, SupplierContact } from '@app/suppliers';
import { questionsOf } from './answer-rules.js';
import { Assessment, AssessmentAnswer, AssessmentInvitation, ANSWERABLE_STATUSES, OPEN_STATUSES, type AssessmentStatus } from './entities.js';
import { hashToken, invitationExpiry, InvitationTokenBox, newToken } from './invitation-token.js';
import { scoreOf } from './score.js';

export interface SendAssessment {
  supplierId: string;
  questionnaireKey?: string;
  questionnaireVersion?: number;
  dueDate: string;
  recipientContactId?: string;
}

export interface AssessmentListQuery {
  supplierId?: string;
  status?: AssessmentStatus;
  questionnaireKey?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export const assessmentSnapshot = (a: Assessment) => ({
  status: a.status,
  score: a.score ? { overall: a.score.overall, band: a.score.band, stage: a.score.stage } : null,
  dueDate: a.dueDate,
  recipientContactId: a.recipientContactId,
  returnedQuestions: a.returnedQuestions,
  returnMessage: a.returnMessage,
});

/** Roles that may raise an answer's score by a review adjustment (lowering is procurement's). */
export const RAISING_ROLES = ['governance', 'admin'];

/** Supplier kinds that get the research-data questionnaire when they receive patient data (risk-model section 6). */
export const RESEARCH_KINDS: string[] = ['university', 'research_partner'];
export const RESEARCH_QUESTIONNAIRE = 'research-data-partner';
/** Classifications that make a research partner "receive personal or special-category data". */
const PATIENT_DATA = ['personal', 'special_category'];
/** Links through which a partner receives data now (a proposed link does not yet, an ended one no longer). */
const RECEIVING_LINK_STATUSES = ['active', 'suspended'];

/** A reassessment sent in one click is due this many days later. */
export const REASSESSMENT_DUE_DAYS = 30;

/** Sending questionnaires and procurement's side of their lifecycle. */
@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly http: HttpConfig,
    private readonly box: InvitationTokenBox,
    private readonly findings: FindingsService,
    private readonly risk: RiskRecompute,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  /**
   * Sends a questionnaire: the assessment, its link and the invitation email owed, in one
   * transaction. Without a questionnaire key, the supplier's default set (risk-model section 6): a
   * research partner holding patient data gets the research questionnaire as well as its tier's,
   * both sent at once (`alsoSent`); one of them already open is left as it is.
   */
  async send(input: SendAssessment, actorId: string | null): Promise<{ assessment: Assessment; invitationUrl: string; alsoSent: { assessment: Assessment; invitationUrl: string }[] }> {
    return this.dataSource.transaction(async (m) => {
      if (input.questionnaireKey) return { ...(await this.sendWith(m, input, actorId)), alsoSent: [] };
      const supplier = await m.findOneBy(Supplier, { id: input.supplierId });
      const keys = supplier ? await this.defaultQuestionnaires(m, supplier) : [undefined];
      const open = supplier ? await m.find(Assessment, { where: { supplierId: supplier.id, questionnaireKey: In(keys), status: In(OPEN_STATUSES) } }) : [];
      const toSend = keys.filter((key) => !open.some((a) => a.questionnaireKey === key));
      // All already open: the first one's conflict, as for a named questionnaire.
      const [first, ...rest] = toSend.length ? toSend : [keys[0]];
      const sent = await this.sendWith(m, { ...input, questionnaireKey: first }, actorId);
      const alsoSent = [];
      for (const key of rest) alsoSent.push(await this.sendWith(m, { ...input, questionnaireKey: key }, actorId));
      return { ...sent, alsoSent };
    });
  }

  /** The same, inside a caller's transaction (an incident opens its follow-up with its own state). */
  async sendWith(m: EntityManager, input: SendAssessment, actorId: string | null): Promise<{ assessment: Assessment; invitationUrl: string }> {
    const supplier = await m.findOneBy(Supplier, { id: input.supplierId });
    if (!supplier) throw new RuleViolationError('ASSESSMENT.SUPPLIER_UNKNOWN', 'No such supplier.', [{ path: 'supplierId', message: 'is not a known supplier' }]);
    if (supplier.status === 'offboarded') throw new RuleViolationError('ASSESSMENT.SUPPLIER_OFFBOARDED', 'The supplier is offboarded.', [{ path: 'supplierId', message: 'is offboarded' }]);
    if (input.dueDate <= this.clock.today()) throw new RuleViolationError('ASSESSMENT.DUE_DATE_PAST', 'The due date must be in the future.', [{ path: 'dueDate', message: 'must be after today' }]);
    const key = input.questionnaireKey ?? (await this.defaultQuestionnaires(m, supplier))[0];
    const version = await this.questionnaireVersion(m, key, input.questionnaireVersion);
    const contacts = await m.find(SupplierContact, { where: { supplierId: supplier.id }, order: { position: 'ASC' } });
    const recipient = input.recipientContactId ? contacts.find((c) => c.id === input.recipientContactId) : contacts.find((c) => c.role === 'primary');
    if (!recipient) {
      throw new RuleViolationError('ASSESSMENT.RECIPIENT_REQUIRED', 'The questionnaire needs a recipient among the supplier’s contacts.', [
        { path: 'recipientContactId', message: input.recipientContactId ? 'is not a contact of this supplier' : 'is required: the supplier has no primary contact' },
      ]);
    }
    const open = await m.findOne(Assessment, { where: { supplierId: supplier.id, questionnaireKey: key, status: In(OPEN_STATUSES) } });
    if (open) throw new ConflictError('ASSESSMENT.ALREADY_OPEN', `${supplier.name} already has an open ${key} assessment (${open.status}).`, [{ path: 'questionnaireKey', message: `has an open assessment ${open.id}` }]);

    const assessment = m.create(Assessment, {
      supplierId: supplier.id,
      questionnaireVersionId: version.id,
      questionnaireKey: version.key,
      questionnaireVersion: version.version,
      recipientContactId: recipient.id,
      recipientName: recipient.name,
      recipientEmail: recipient.email,
      dueDate: input.dueDate,
      status: 'sent',
      returnedQuestions: [],
      returnMessage: null,
      attestation: null,
      score: null,
      escalationLevel: 0,
      submittedAt: null,
      completedAt: null,
      cancelledAt: null,
      createdBy: actorId,
    });
    const inserted = await m.getRepository(Assessment).insert(assessment as never);
    Object.assign(assessment, inserted.generatedMaps[0]);
    const invitationUrl = await this.issueInvitation(m, assessment, 'invitation');
    await this.audit.record(m, { action: 'assessment.sent', entityType: 'assessment', entityId: assessment.id, before: null, after: { ...assessmentSnapshot(assessment), supplierId: supplier.id, questionnaire: `${version.key}@${version.version}` } });
    return { assessment, invitationUrl };
  }

  /** A new link (the old one stops working) and a new invitation email. */
  async resend(id: string): Promise<{ assessment: Assessment; invitationUrl: string }> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await this.lock(m, id);
      this.expectStatus(assessment, ANSWERABLE_STATUSES, 'resend');
      const invitationUrl = await this.issueInvitation(m, assessment, 'resend');
      await this.audit.record(m, { action: 'assessment.resent', entityType: 'assessment', entityId: id, before: { invitation: 'previous' }, after: { invitation: 'new' } });
      return { assessment, invitationUrl };
    });
  }

  /**
   * The one-click reassessment of the reassessment-due email: the same questionnaire (its latest
   * version) to the same contact (else the primary one), due in 30 days.
   */
  async reassess(id: string, actorId: string | null): Promise<{ assessment: Assessment; invitationUrl: string }> {
    const previous = await this.dataSource.getRepository(Assessment).findOneBy({ id });
    if (!previous) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
    this.expectStatus(previous, ['completed'], 'reassess from');
    const contact = await this.dataSource.getRepository(SupplierContact).findOneBy({ id: previous.recipientContactId });
    const due = new Date(`${this.clock.today()}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + REASSESSMENT_DUE_DAYS);
    return this.send({ supplierId: previous.supplierId, questionnaireKey: previous.questionnaireKey, dueDate: due.toISOString().slice(0, 10), recipientContactId: contact?.id }, actorId);
  }

  async cancel(id: string): Promise<Assessment> {
    return this.transition(id, ['sent', 'in_progress', 'submitted', 'returned'], 'cancel', async (m, a) => {
      a.status = 'cancelled';
      a.cancelledAt = this.clock.now();
      await this.revokeInvitations(m, a.id);
    });
  }

  /** Sends a submitted assessment back to the supplier, naming the questions to clarify. */
  async returnForClarification(id: string, questionCodes: string[], message: string): Promise<Assessment> {
    return this.transition(id, ['submitted'], 'return', async (m, a) => {
      const version = await questionnaireVersionById(m, a.questionnaireVersionId);
      const known = new Set(questionsOf(version.definition).map((q) => q.code));
      const unknown = questionCodes.map((code, i) => ({ code, i })).filter(({ code }) => !known.has(code));
      if (unknown.length) throw new RuleViolationError('ASSESSMENT.UNKNOWN_QUESTION', 'Name questions of this questionnaire.', unknown.map(({ i }) => ({ path: `questionCodes[${i}]`, message: 'is not a question of this questionnaire' })));
      a.status = 'returned';
      a.returnedQuestions = [...new Set(questionCodes)];
      a.returnMessage = message;
      await oweEmail(m, { kind: 'assessment.returned', recipients: [a.recipientEmail], template: 'assessment-returned', refs: { assessmentId: a.id }, dedupeKey: `assessment:${a.id}:returned:${this.clock.now().toISOString()}` });
    });
  }

  /**
   * The final score, the findings it raises (superseding the earlier ones of the same questionnaire)
   * and the supplier's risk recomputed, in one transaction. An incident follow-up is never scored:
   * completing it raises no finding and leaves the supplier's band and figures alone (its answers
   * belong to the incident).
   */
  async complete(id: string): Promise<Assessment> {
    return this.transition(id, ['submitted'], 'complete', async (m, a) => {
      a.status = 'completed';
      a.completedAt = this.clock.now();
      a.score = await scoreOf(m, a, 'final', this.clock.now(), this.settings);
      await m.save(Assessment, a);
      const version = await questionnaireVersionById(m, a.questionnaireVersionId);
      if (version.purpose !== 'security') return;
      const where = new Map(version.definition.sections.flatMap((section) => section.questions.map((q) => [q.code, { text: q.text, section: section.title }] as const)));
      const supplier = await m.findOneByOrFail(Supplier, { id: a.supplierId });
      await this.findings.raise(
        m, a.supplierId, a.id, supplier.ownerId,
        a.score.findings.map((f) => ({ ...f, questionText: where.get(f.questionCode)?.text ?? f.questionCode, sectionTitle: where.get(f.questionCode)?.section ?? '', mappings: f.mappings ?? [] })),
      );
      await this.risk.forSupplier(m, a.supplierId);
    });
  }

  /**
   * Before completing, the reviewer may mark an answer "not supported by evidence" and set the score
   * it counts for (0..1), with a reason; null clears it. The provisional score follows at once.
   * Lowering is procurement's call; raising a question above what the supplier's answer scores needs
   * a governance user (risk-model section 2), else 403.
   */
  async adjust(id: string, questionCode: string, score: number | null, reason: string, actor: { id: string; role: string } | null): Promise<Assessment> {
    const actorId = actor?.id ?? null;
    return this.dataSource.transaction(async (m) => {
      const assessment = await this.lock(m, id);
      this.expectStatus(assessment, ['submitted'], 'adjust the answers of');
      const version = await questionnaireVersionById(m, assessment.questionnaireVersionId);
      const question = questionsOf(version.definition).find((q) => q.code === questionCode);
      const answer = await m.findOneBy(AssessmentAnswer, { assessmentId: id, questionCode });
      if (!question || !SCORED_TYPES.includes(question.type as never)) {
        throw new RuleViolationError('ASSESSMENT.NOT_SCORED', 'Only a scored question of this questionnaire can be adjusted.', [{ path: 'questionCode', message: question ? 'is not a scored question' : 'is not a question of this questionnaire' }]);
      }
      if (!answer || answer.notApplicable || answer.value === null) {
        throw new RuleViolationError('ASSESSMENT.NOT_ANSWERED', 'Only an answered question can be adjusted.', [{ path: 'questionCode', message: 'has no scored answer' }]);
      }
      const answered = questionScore(question, { value: answer.value, notApplicable: answer.notApplicable });
      if (score !== null && answered !== null && score > answered && !RAISING_ROLES.includes(actor?.role ?? '')) {
        throw new DomainError('ASSESSMENT.RAISE_GOVERNANCE_ONLY', `Only a governance user can raise ${questionCode} above the ${answered} its answer scores.`, 403, [{ path: 'score', message: `is above the answer's score ${answered}: a governance user must make this adjustment` }]);
      }
      const before = { questionCode, adjustedScore: answer.adjustedScore, adjustmentReason: answer.adjustmentReason };
      await m.update(AssessmentAnswer, { id: answer.id }, { adjustedScore: score, adjustmentReason: score === null ? null : reason, adjustedBy: score === null ? null : actorId, adjustedAt: score === null ? null : this.clock.now() });
      assessment.score = await scoreOf(m, assessment, 'provisional', this.clock.now(), this.settings);
      await m.save(Assessment, assessment);
      await this.audit.record(m, { action: 'assessment.answer_adjusted', entityType: 'assessment', entityId: id, before, after: { questionCode, adjustedScore: score, adjustmentReason: score === null ? null : reason, reason, overall: assessment.score.overall, band: assessment.score.band } });
      return assessment;
    });
  }

  async get(id: string): Promise<{ assessment: Assessment; answers: AssessmentAnswer[] }> {
    const assessment = await this.dataSource.getRepository(Assessment).findOneBy({ id });
    if (!assessment) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
    const answers = await this.dataSource.getRepository(AssessmentAnswer).find({ where: { assessmentId: id }, order: { questionCode: 'ASC' } });
    return { assessment, answers };
  }

  async list(query: AssessmentListQuery): Promise<{ items: Assessment[]; total: number }> {
    const qb = this.dataSource.getRepository(Assessment).createQueryBuilder('a');
    if (query.supplierId) qb.andWhere('a.supplier_id = :s', { s: query.supplierId });
    if (query.status) qb.andWhere('a.status = :st', { st: query.status });
    if (query.questionnaireKey) qb.andWhere('a.questionnaire_key = :k', { k: query.questionnaireKey });
    if (query.overdue) qb.andWhere('a.status IN (:...answerable) AND a.due_date < :today', { answerable: ANSWERABLE_STATUSES, today: this.clock.today() });
    const [items, total] = await qb.orderBy('a.due_date', 'ASC').addOrderBy('a.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return { items, total };
  }

  private async transition(id: string, from: AssessmentStatus[], action: string, change: (m: EntityManager, a: Assessment) => Promise<void>): Promise<Assessment> {
    return this.dataSource.transaction(async (m) => {
      const assessment = await this.lock(m, id);
      this.expectStatus(assessment, from, action);
      const before = assessmentSnapshot(assessment);
      await change(m, assessment);
      await m.save(Assessment, assessment);
      await this.audit.record(m, { action: `assessment.${action === 'return' ? 'returned' : action === 'cancel' ? 'cancelled' : 'completed'}`, entityType: 'assessment', entityId: id, before, after: assessmentSnapshot(assessment) });
      return assessment;
    });
  }

  private async lock(m: EntityManager, id: string): Promise<Assessment> {
    const assessment = await m.findOne(Assessment, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!assessment) throw new NotFoundError('ASSESSMENT.NOT_FOUND', 'No such assessment.');
    return assessment;
  }

  private expectStatus(assessment: Assessment, allowed: readonly AssessmentStatus[], action: string): void {
    if (!allowed.includes(assessment.status)) {
      throw new ConflictError('ASSESSMENT.INVALID_TRANSITION', `Cannot ${action} an assessment that is ${assessment.status}.`, [{ path: 'status', message: `is ${assessment.status}` }]);
    }
  }

  /** Revokes earlier links, stores the new one's hash, and owes the email that carries it. */
  private async issueInvitation(m: EntityManager, assessment: Assessment, reason: 'invitation' | 'resend' | 'reassign', extraRefs: Record<string, string> = {}): Promise<string> {
    await this.revokeInvitations(m, assessment.id);
    const token = newToken();
    const expiresAt = invitationExpiry(assessment.dueDate);
    const inserted = await m.insert(AssessmentInvitation, {
      assessmentId: assessment.id, tokenHash: hashToken(token), expiresAt, revokedAt: null, recipientContactId: assessment.recipientContactId, recipientEmail: assessment.recipientEmail, reason,
    });
    const invitationId = inserted.identifiers[0].id as string;
    // The email needs the token itself: it waits in the outbox sealed, never in clear, addressed
    // to the one contact the link is issued to.
    await oweEmail(m, {
      kind: reason === 'reassign' ? 'assessment.reassigned' : `assessment.${reason}`,
      recipients: [assessment.recipientEmail],
      template: 'assessment-invitation',
      refs: { ...extraRefs, assessmentId: assessment.id, invitationId, sealedToken: this.box.seal(token) },
      dedupeKey: `assessment:${assessment.id}:invitation:${invitationId}`,
    });
    return `${this.http.baseUrl}/portal/i/${token}`;
  }

  /** @internal for `reassignAssessment`: the same link issuing as send and resend. */
  issueInvitationWith(m: EntityManager, assessment: Assessment, extraRefs: Record<string, string>): Promise<string> {
    return this.issueInvitation(m, assessment, 'reassign', extraRefs);
  }

  private async revokeInvitations(m: EntityManager, assessmentId: string): Promise<void> {
    await m.query('UPDATE assessment_invitation SET revoked_at = $2 WHERE assessment_id = $1 AND revoked_at IS NULL', [assessmentId, this.clock.now()]);
  }

  /**
   * Risk-model section 6: tiers 1-2 the full set, 3-4 the short one; a university or research
   * partner that receives personal or special-category data gets the research set as well.
   */
  private async defaultQuestionnaires(m: EntityManager, supplier: Supplier): Promise<string[]> {
    const tiers = (supplier.tierOverride ?? supplier.tier) <= 2 ? 'supplier-security-core' : 'supplier-security-lite';
    if (RESEARCH_KINDS.includes(supplier.kind)) {
      const [holds] = await m.query<unknown[]>(
        `SELECT 1 FROM data_sharing_link l JOIN data_asset a ON a.id = l.data_asset_id
          WHERE l.supplier_id = $1 AND l.status = ANY($2::text[]) AND l.direction = ANY($3::text[]) AND a.classification = ANY($4::text[]) LIMIT 1`,
        [supplier.id, RECEIVING_LINK_STATUSES, [...OUTBOUND_DIRECTIONS], PATIENT_DATA],
      );
      if (holds) return [tiers, RESEARCH_QUESTIONNAIRE];
    }
    return [tiers];
  }

  private async questionnaireVersion(m: EntityManager, key: string, version?: number): Promise<QuestionnaireVersion> {
    const found = version
      ? await m.findOneBy(QuestionnaireVersion, { key, version })
      : await m.findOne(QuestionnaireVersion, { where: { key }, order: { version: 'DESC' } });
    if (!found) throw new RuleViolationError('ASSESSMENT.QUESTIONNAIRE_UNKNOWN', 'No such questionnaire in the catalogue.', [{ path: version ? 'questionnaireVersion' : 'questionnaireKey', message: 'is not in the catalogue' }]);
    return found;
  }
}
