import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, RuleViolationError } from '@app/platform';
import { QuestionnaireVersion } from '@app/questionnaires';
import { OUTBOUND_DIRECTIONS } from '@app/scoring';
import { Supplier, SupplierContact } from '@app/suppliers';
import { assessmentSnapshot } from './assessment-state.js';
import { Assessment, OPEN_STATUSES } from './entities.js';
import { Invitations } from './invitations.js';

export interface SendAssessment {
  supplierId: string;
  questionnaireKey?: string;
  questionnaireVersion?: number;
  dueDate: string;
  recipientContactId?: string;
}

export interface Sent {
  assessment: Assessment;
  invitationUrl: string;
}

/** Supplier kinds that get the research-data questionnaire when they receive patient data (risk-model section 6). */
export const RESEARCH_KINDS: string[] = ['university', 'research_partner'];
export const RESEARCH_QUESTIONNAIRE = 'research-data-partner';
/** Classifications that make a research partner "receive personal or special-category data". */
const PATIENT_DATA = ['personal', 'special_category'];
/** Links through which a partner receives data now (a proposed link does not yet, an ended one no longer). */
const RECEIVING_LINK_STATUSES = ['active', 'suspended'];

/** Sends a questionnaire to one supplier: the assessment, its link and the invitation email owed. */
@Injectable()
export class SendQuestionnaire {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly invitations: Invitations,
  ) {}

  /**
   * Sends a questionnaire: the assessment, its link and the invitation email owed, in one
   * transaction. Without a questionnaire key, the supplier's default set (risk-model section 6): a
   * research partner holding patient data gets the research questionnaire as well as its tier's,
   * both sent at once (`alsoSent`); one of them already open is left as it is.
   */
  async send(input: SendAssessment, actorId: string | null): Promise<Sent & { alsoSent: Sent[] }> {
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
  async sendWith(m: EntityManager, input: SendAssessment, actorId: string | null): Promise<Sent> {
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
    const invitationUrl = await this.invitations.issue(m, assessment, 'invitation');
    await this.audit.record(m, { action: 'assessment.sent', entityType: 'assessment', entityId: assessment.id, before: null, after: { ...assessmentSnapshot(assessment), supplierId: supplier.id, questionnaire: `${version.key}@${version.version}` } });
    return { assessment, invitationUrl };
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
