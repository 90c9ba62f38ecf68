import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@app/audit';
import { noteOwed } from '@app/notifications';
import { Clock, HttpConfig, RuleViolationError } from '@app/platform';
import { QuestionnaireVersion } from '@app/questionnaires';
import { hashToken, invitationExpiry, InvitationTokenBox, newToken } from './invitation-token.js';

export interface CampaignInput {
  questionnaireKey: string;
  dueDate: string;
  supplierIds?: string[];
  filter?: { kind?: string; tier?: number; tag?: string; status?: string };
}

export interface CampaignResult {
  sent: number;
  skipped: { supplierId: string; name: string | null; reason: string }[];
  assessments: { id: string; supplierId: string; invitationUrl: string }[];
}

/**
 * One questionnaire to many suppliers, in one transaction with set-based statements: a campaign of
 * 5,000 is a handful of INSERT ... SELECT / unnest statements, not 5,000 round trips.
 */
@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly http: HttpConfig,
    private readonly box: InvitationTokenBox,
  ) {}

  async run(input: CampaignInput, actorId: string | null): Promise<CampaignResult> {
    if (input.dueDate <= this.clock.today()) throw new RuleViolationError('ASSESSMENT.DUE_DATE_PAST', 'The due date must be in the future.', [{ path: 'dueDate', message: 'must be after today' }]);
    return this.dataSource.transaction(async (m) => {
      const version = await latestVersion(m, input.questionnaireKey);

      const targets = await this.targets(m, input, version.key);
      const eligible = targets.filter((t) => !t.reason);
      const skipped = targets.filter((t) => t.reason).map((t) => ({ supplierId: t.supplier_id, name: t.name, reason: t.reason! }));
      if (eligible.length === 0) return { sent: 0, skipped, assessments: [] };

      const created = await m.query<{ id: string; supplier_id: string; recipient_email: string; recipient_contact_id: string }[]>(
        `INSERT INTO assessment (supplier_id, questionnaire_version_id, questionnaire_key, questionnaire_version, recipient_contact_id, recipient_name, recipient_email, due_date, status, created_by)
         SELECT t.supplier_id, $1, $2, $3, t.contact_id, t.contact_name, t.contact_email, $4, 'sent', $5
           FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::text[]) AS t(supplier_id, contact_id, contact_name, contact_email)
         RETURNING id, supplier_id, recipient_email, recipient_contact_id`,
        [version.id, version.key, version.version, input.dueDate, actorId, eligible.map((e) => e.supplier_id), eligible.map((e) => e.contact_id), eligible.map((e) => e.contact_name), eligible.map((e) => e.contact_email)],
      );
      const tokens = created.map(() => newToken());
      const expiresAt = invitationExpiry(input.dueDate);
      const invitations = await m.query<{ id: string; assessment_id: string }[]>(
        `INSERT INTO assessment_invitation (assessment_id, token_hash, expires_at, recipient_contact_id, recipient_email)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::citext[]) RETURNING id, assessment_id`,
        [created.map((c) => c.id), tokens.map(hashToken), created.map(() => expiresAt), created.map((c) => c.recipient_contact_id), created.map((c) => c.recipient_email)],
      );
      const invitationOf = new Map(invitations.map((i) => [i.assessment_id, i.id]));
      const owed = await m.query<{ id: string }[]>(
        `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key)
         SELECT 'assessment.invitation', ARRAY[t.email], 'assessment-invitation',
                jsonb_build_object('assessmentId', t.assessment_id, 'invitationId', t.invitation_id, 'sealedToken', t.sealed),
                'assessment:' || t.assessment_id || ':invitation:' || t.invitation_id
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS t(assessment_id, invitation_id, email, sealed)
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [created.map((c) => c.id), created.map((c) => invitationOf.get(c.id)), created.map((c) => c.recipient_email), tokens.map((t) => this.box.seal(t))],
      );
      noteOwed(m, owed.map((o) => o.id));
      await this.audit.recordMany(
        m,
        created.map((c) => ({ action: 'assessment.sent', entityType: 'assessment', entityId: c.id, before: null, after: { status: 'sent', dueDate: input.dueDate, supplierId: c.supplier_id, questionnaire: `${version.key}@${version.version}`, campaign: true } })),
      );
      return {
        sent: created.length,
        skipped,
        assessments: created.map((c, i) => ({ id: c.id, supplierId: c.supplier_id, invitationUrl: `${this.http.baseUrl}/portal/i/${tokens[i]}` })),
      };
    });
  }

  /**
   * What a campaign would do, without doing it: the questionnaire, who would receive it (with the
   * contact it goes to) and who would be skipped and why; nothing is written.
   */
  async preview(input: CampaignInput): Promise<{ questionnaire: { key: string; version: number; title: string }; eligible: { supplierId: string; name: string; contactName: string; contactEmail: string }[]; skipped: CampaignResult['skipped'] }> {
    const m = this.dataSource.manager;
    const version = await latestVersion(m, input.questionnaireKey);
    const targets = await this.targets(m, input, version.key);
    return {
      questionnaire: { key: version.key, version: version.version, title: version.title },
      eligible: targets.filter((t) => !t.reason).map((t) => ({ supplierId: t.supplier_id, name: t.name!, contactName: t.contact_name!, contactEmail: t.contact_email! })),
      skipped: targets.filter((t) => t.reason).map((t) => ({ supplierId: t.supplier_id, name: t.name, reason: t.reason! })),
    };
  }

  /** Every targeted supplier with the reason it cannot be sent to, if any. */
  private targets(m: EntityManager, input: CampaignInput, questionnaireKey: string) {
    return m.query<{ supplier_id: string; name: string | null; contact_id: string | null; contact_name: string | null; contact_email: string | null; reason: string | null }[]>(
      `WITH wanted AS (
         SELECT s.id, s.name, s.status FROM supplier s
          WHERE ($1::uuid[] IS NULL OR s.id = ANY($1::uuid[]))
            AND ($2::text IS NULL OR s.kind = $2) AND ($3::int IS NULL OR s.tier = $3)
            AND ($4::text IS NULL OR $4 = ANY(s.tags)) AND ($5::text IS NULL OR s.status = $5)
            AND ($1::uuid[] IS NOT NULL OR s.status <> 'offboarded')
       ), missing AS (
         SELECT id FROM unnest(coalesce($1::uuid[], '{}')) AS id WHERE id NOT IN (SELECT id FROM wanted)
       )
       SELECT w.id AS supplier_id, w.name, c.id AS contact_id, c.name AS contact_name, c.email AS contact_email,
              CASE WHEN w.status = 'offboarded' THEN 'offboarded'
                   WHEN c.id IS NULL THEN 'no primary contact'
                   WHEN open.id IS NOT NULL THEN 'an open assessment of this questionnaire (' || open.status || ')'
              END AS reason
         FROM wanted w
         LEFT JOIN LATERAL (SELECT id, name, email FROM supplier_contact WHERE supplier_id = w.id AND role = 'primary' ORDER BY position LIMIT 1) c ON true
         LEFT JOIN LATERAL (SELECT id, status FROM assessment WHERE supplier_id = w.id AND questionnaire_key = $6 AND status IN ('sent', 'in_progress', 'submitted', 'returned') LIMIT 1) open ON true
       UNION ALL
       SELECT id, NULL, NULL, NULL, NULL, 'no such supplier' FROM missing`,
      [input.supplierIds ?? null, input.filter?.kind ?? null, input.filter?.tier ?? null, input.filter?.tag ?? null, input.filter?.status ?? null, questionnaireKey],
    );
  }
}

/** The questionnaire a campaign sends: the latest version of its key. */
async function latestVersion(m: EntityManager, key: string): Promise<QuestionnaireVersion> {
  const version = await m.findOne(QuestionnaireVersion, { where: { key }, order: { version: 'DESC' } });
  if (!version) throw new RuleViolationError('ASSESSMENT.QUESTIONNAIRE_UNKNOWN', 'No such questionnaire in the catalogue.', [{ path: 'questionnaireKey', message: 'is not in the catalogue' }]);
  return version;
}
