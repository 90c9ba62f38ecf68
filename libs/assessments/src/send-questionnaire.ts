import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { Clock, ConflictError, RuleViolationError } from '@app/platform';
import { QuestionnaireVersion } from '@app/questionnaires';
import { OUTBOUND_DIRECTIONS } from '@app/scoring';
import { Supplier } from '@app/suppliers';
import { Assessment, OPEN_STATUSES } from './assessment.entity.js';
import { Invitations } from './invitations.js';
import { sendTargets, type SendTarget } from './send-targets.query.js';

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

/** A questionnaire is only ever sent due after today. */
export function refusePastDueDate(dueDate: string, today: string): void {
  if (dueDate <= today)
    throw new RuleViolationError('ASSESSMENT.DUE_DATE_PAST', 'The due date must be in the future.', [
      { path: 'dueDate', message: 'must be after today' },
    ]);
}

/**
 * Sending a questionnaire: to one supplier (its default set, or a named questionnaire), and the
 * set-based delivery a campaign shares, so that eligibility, links, emails and audit are one rule.
 */
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
      const open = supplier
        ? await m.find(Assessment, {
            where: { supplierId: supplier.id, questionnaireKey: In(keys), status: In(OPEN_STATUSES) },
          })
        : [];
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
    if (!supplier)
      throw new RuleViolationError('ASSESSMENT.SUPPLIER_UNKNOWN', 'No such supplier.', [
        { path: 'supplierId', message: 'is not a known supplier' },
      ]);
    if (supplier.status === 'offboarded')
      throw new RuleViolationError('ASSESSMENT.SUPPLIER_OFFBOARDED', 'The supplier is offboarded.', [
        { path: 'supplierId', message: 'is offboarded' },
      ]);
    refusePastDueDate(input.dueDate, this.clock.today());
    const key = input.questionnaireKey ?? (await this.defaultQuestionnaires(m, supplier))[0];
    const version = await questionnaireToSend(m, key, input.questionnaireVersion);
    const [target] = await sendTargets(
      m,
      { supplierIds: [supplier.id], recipientContactId: input.recipientContactId },
      key,
    );
    if (!target.contact_id) {
      throw new RuleViolationError(
        'ASSESSMENT.RECIPIENT_REQUIRED',
        'The questionnaire needs a recipient among the supplier’s contacts.',
        [
          {
            path: 'recipientContactId',
            message: input.recipientContactId
              ? 'is not a contact of this supplier'
              : 'is required: the supplier has no primary contact',
          },
        ],
      );
    }
    if (target.open_id)
      throw new ConflictError(
        'ASSESSMENT.ALREADY_OPEN',
        `${supplier.name} already has an open ${key} assessment (${target.open_status}).`,
        [{ path: 'questionnaireKey', message: `has an open assessment ${target.open_id}` }],
      );
    const [{ id, invitationUrl }] = await this.deliver(m, version, input.dueDate, [target], actorId);
    return { assessment: await m.findOneByOrFail(Assessment, { id }), invitationUrl };
  }

  /**
   * The one home of sending, for one supplier or a campaign's thousands, set-based: the assessments
   * (sent, to the contact each target names), their links and invitation emails owed, and the audit
   * rows, in the caller's transaction. The targets are those `sendTargets` found with no reason not
   * to send; `audited` is added to each audit row (a campaign says so).
   */
  async deliver(
    m: EntityManager,
    version: QuestionnaireVersion,
    dueDate: string,
    targets: SendTarget[],
    actorId: string | null,
    audited: Record<string, unknown> = {},
  ): Promise<{ id: string; supplierId: string; invitationUrl: string }[]> {
    if (targets.length === 0) return [];
    const created = await m.query<
      { id: string; supplier_id: string; recipient_email: string; recipient_contact_id: string }[]
    >(
      `INSERT INTO assessment (supplier_id, questionnaire_version_id, questionnaire_key, questionnaire_version, recipient_contact_id, recipient_name, recipient_email, due_date, status, created_by)
       SELECT t.supplier_id, $1, $2, $3, t.contact_id, t.contact_name, t.contact_email, $4, 'sent', $5
         FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::text[]) AS t(supplier_id, contact_id, contact_name, contact_email)
       RETURNING id, supplier_id, recipient_email, recipient_contact_id`,
      [
        version.id,
        version.key,
        version.version,
        dueDate,
        actorId,
        targets.map((t) => t.supplier_id),
        targets.map((t) => t.contact_id),
        targets.map((t) => t.contact_name),
        targets.map((t) => t.contact_email),
      ],
    );
    const urls = await this.invitations.issueMany(
      m,
      created.map((c) => ({
        id: c.id,
        dueDate,
        recipientContactId: c.recipient_contact_id,
        recipientEmail: c.recipient_email,
      })),
      'invitation',
    );
    await this.audit.recordMany(
      m,
      created.map((c) => ({
        action: 'assessment.sent',
        entityType: 'assessment',
        entityId: c.id,
        before: null,
        after: {
          status: 'sent',
          score: null,
          dueDate,
          recipientContactId: c.recipient_contact_id,
          returnedQuestions: [],
          returnMessage: null,
          supplierId: c.supplier_id,
          questionnaire: `${version.key}@${version.version}`,
          ...audited,
        },
      })),
    );
    return created.map((c, i) => ({ id: c.id, supplierId: c.supplier_id, invitationUrl: urls[i] }));
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
}

/** The questionnaire to send: the version asked for, else the latest of its key. */
export async function questionnaireToSend(
  m: EntityManager,
  key: string,
  version?: number,
): Promise<QuestionnaireVersion> {
  const found = version
    ? await m.findOneBy(QuestionnaireVersion, { key, version })
    : await m.findOne(QuestionnaireVersion, { where: { key }, order: { version: 'DESC' } });
  if (!found)
    throw new RuleViolationError('ASSESSMENT.QUESTIONNAIRE_UNKNOWN', 'No such questionnaire in the catalogue.', [
      { path: version ? 'questionnaireVersion' : 'questionnaireKey', message: 'is not in the catalogue' },
    ]);
  return found;
}
