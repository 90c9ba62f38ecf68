import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvitationTokenBox, OPEN_STATUSES } from '@app/assessments';
import { digestContext, expiringContext, incidentOpenedContext, linkDueContext, londonTime, reassessmentContext, type EmailSettings, type OutboxMessage } from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { PdfRenderer, ReportHtml, SupplyChainReports } from '@app/reports';
import { decisionLapsesOnSql } from '@app/scoring';
import { AssessmentEmailContent } from './assessment-email-content.js';
import { accessPathReviewEmail, certificationExpiryEmail } from './assurance-content.js';
import { readerMay } from './reader.js';

/** What an email needs, or why it is no longer owed. */
export type Prepared =
  | {
      context: Record<string, unknown>;
      /** The template to render when it is not the row's own (a row owed under an older template name). */
      template?: string;
      attachments?: { filename: string; content: Buffer; contentType: string }[];
      /** The invitation of an incident's follow-up: its delivery goes on the incident's timeline. */
      incidentFollowUp?: boolean;
    }
  | { skip: string };

/**
 * Reloads what an outbox row refers to, when the worker sends it, and decides whether it is still
 * owed. The words come from the context builders of `@app/notifications` (the same the console's
 * preview uses); the context of each template is complete (strict templates).
 */
@Injectable()
export class EmailContent {
  private readonly settings: EmailSettings;
  private readonly assessments: AssessmentEmailContent;

  constructor(
    private readonly html: ReportHtml,
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
    box: InvitationTokenBox,
    private readonly reports: SupplyChainReports,
    private readonly pdf: PdfRenderer,
  ) {
    this.settings = { org: organisation.name, contactEmail: organisation.contactEmail, baseUrl: http.baseUrl };
    this.assessments = new AssessmentEmailContent(this.settings, clock, box);
  }

  async prepare(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    switch (row.template) {
      case 'assessment-invitation':
      case 'assessment-reminder':
      case 'assessment-overdue':
      case 'assessment-escalation':
      case 'assessment-overdue-internal':
      case 'assessment-returned':
      case 'assessment-submitted':
      case 'incident-first-report-reminder':
        return this.assessments.prepare(m, row);
      case 'data-sharing-link-due':
        return this.linkEmail(m, row);
      case 'reassessment-due':
        return this.reassessmentEmail(m, row);
      case 'risk-acceptance-expiring':
        return this.expiringEmail(m, row);
      case 'committee-digest':
        return this.digestEmail(row);
      case 'incident-opened':
        return this.incidentEmail(m, row);
      case 'certification-expiry':
        return certificationExpiryEmail(m, row, this.settings, this.today());
      case 'access-path-review-due':
        return accessPathReviewEmail(m, row, this.settings, this.today());
      default:
        return { skip: `no template ${row.template}` };
    }
  }

  private today(): string {
    return londonTime(this.clock.now()).date;
  }

  private async linkEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [link] = await m.query<{ status: string; review_date: string | null; end_date: string | null; purpose: string; agreement_ref: string | null; record_count: string; supplier_id: string; supplier_name: string; asset_name: string }[]>(
      `SELECT l.status, l.review_date::text, l.end_date::text, l.purpose, l.agreement_ref, l.record_count::text, s.id AS supplier_id, s.name AS supplier_name, d.name AS asset_name
         FROM data_sharing_link l JOIN supplier s ON s.id = l.supplier_id JOIN data_asset d ON d.id = l.data_asset_id WHERE l.id = $1`,
      [row.refs.linkId],
    );
    if (!link) return { skip: 'the data-sharing link no longer exists' };
    if (link.status === 'ended') return { skip: 'the link has ended' };
    const date = row.refs.field === 'end' ? link.end_date : link.review_date;
    if (date !== row.refs.date) return { skip: `the ${row.refs.field} date changed` };
    return {
      context: linkDueContext(this.settings, {
        linkId: row.refs.linkId, supplierId: link.supplier_id, supplierName: link.supplier_name, assetName: link.asset_name, purpose: link.purpose, agreementRef: link.agreement_ref,
        recordCount: Number(link.record_count), isEnd: row.refs.field === 'end', date, today: this.today(),
        // The reader's role decides the link: the link's form for those who may change it, else the supplier's page.
        canEdit: await readerMay(m, row.recipients[0], 'register.write'),
      }),
    };
  }

  private async reassessmentEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [s] = await m.query<{ name: string; status: string; tier: number; completed_on: string; questionnaire_title: string; open: boolean }[]>(
      `SELECT s.name, s.status, s.tier, (a.completed_at AT TIME ZONE 'Europe/London')::date::text AS completed_on, q.title AS questionnaire_title,
              EXISTS (SELECT 1 FROM assessment o WHERE o.supplier_id = s.id AND o.status = ANY($3)) AS open
         FROM supplier s JOIN assessment a ON a.id = $2 JOIN questionnaire_version q ON q.id = a.questionnaire_version_id WHERE s.id = $1`,
      [row.refs.supplierId, row.refs.assessmentId, OPEN_STATUSES],
    );
    if (!s) return { skip: 'the supplier no longer exists' };
    if (s.status === 'offboarded') return { skip: 'the supplier is offboarded' };
    if (s.open) return { skip: 'a new assessment is already open' };
    return {
      context: reassessmentContext(this.settings, {
        supplierId: row.refs.supplierId, supplierName: s.name, tier: s.tier, lastAssessed: s.completed_on, questionnaireTitle: s.questionnaire_title,
        canSend: await readerMay(m, row.recipients[0], 'assessment.send'),
      }),
    };
  }

  private async expiringEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    type Item = { supplier_id: string; supplier_name: string; what: 'accept' | 'transfer' | 'finding'; date: string; live: boolean; rationale: string };
    const [item] = row.refs.decisionId
      ? await m.query<Item[]>(
          `SELECT s.id AS supplier_id, s.name AS supplier_name, d.decision AS what, ${decisionLapsesOnSql('d')}::text AS date,
                  d.current AS live, d.rationale || CASE WHEN d.decision = 'transfer' THEN ' (' || d.insurer || ', policy ' || d.policy_ref || ')' ELSE '' END AS rationale
             FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id WHERE d.id = $1`,
          [row.refs.decisionId],
        )
      : await m.query<Item[]>(
          `SELECT s.id AS supplier_id, s.name AS supplier_name, 'finding' AS what, f.accepted_until::text AS date,
                  (f.status = 'accepted' AND f.superseded_at IS NULL) AS live, f.question_code || ': ' || f.acceptance_reason AS rationale
             FROM finding f JOIN supplier s ON s.id = f.supplier_id WHERE f.id = $1`,
          [row.refs.findingId],
        );
    if (!item) return { skip: 'it no longer exists' };
    if (!item.live || item.date !== row.refs.date) return { skip: 'it was replaced or changed since' };
    return { context: expiringContext(this.settings, { supplierId: item.supplier_id, supplierName: item.supplier_name, what: item.what, rationale: item.rationale, date: item.date, today: this.today() }) };
  }

  private async incidentEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [i] = await m.query<{ supplier_id: string; supplier: string; summary: string; severity: string; source: string; detected_at: Date; exposure: { records: { total: number; byClassification: Record<string, number> }; links: { asset: string; records: number }[]; contacts: { name: string; email: string; role: string }[] }; recipient_name: string | null }[]>(
      `SELECT s.id AS supplier_id, s.name AS supplier, i.summary, i.severity, i.source, i.detected_at, i.exposure_at_open AS exposure, a.recipient_name
         FROM incident i JOIN supplier s ON s.id = i.supplier_id LEFT JOIN assessment a ON a.id = i.follow_up_assessment_id WHERE i.id = $1`,
      [row.refs.incidentId],
    );
    if (!i) return { skip: 'the incident no longer exists' };
    return {
      context: incidentOpenedContext(this.settings, {
        supplierId: i.supplier_id, supplierName: i.supplier, summary: i.summary, severity: i.severity, source: i.source, detectedAt: i.detected_at,
        records: i.exposure.records.total, byClassification: i.exposure.records.byClassification, assets: i.exposure.links, contacts: i.exposure.contacts,
        followUp: i.recipient_name ? { recipientName: i.recipient_name, incident: { summary: i.summary, detectedAt: i.detected_at, now: this.clock.now() } } : null,
        toGovernance: !!this.organisation.governanceEmail && row.recipients.some((r) => r.toLowerCase() === this.organisation.governanceEmail!.toLowerCase()),
      }),
    };
  }

  /** The month's pack in brief, with the PDF attached. */
  private async digestEmail(row: OutboxMessage): Promise<Prepared> {
    const report = await this.reports.build();
    const pdf = await this.pdf.render(this.html.render(report, this.organisation.name));
    const h = report.headline;
    return {
      context: digestContext(this.settings, {
        period: row.refs.period, suppliers: h.suppliersInScope, valueAtRisk: h.valueAtRisk, netValueAtRisk: h.netValueAtRisk,
        critical: report.heatMap.ratings.critical, high: report.heatMap.ratings.high,
        top: report.topRisks.map((t) => ({ name: t.name, rating: t.rating, netValueAtRisk: t.netValueAtRisk })),
        overdue: report.assessments.overdue.map((a) => ({ supplier: a.supplier, daysOverdue: a.daysOverdue, level: a.escalationLevel })),
        expiring: report.decisions.expiringWithin90Days.map((e) => ({ supplier: e.supplier, kind: e.kind, date: e.date })),
      }),
      attachments: [{ filename: `supply-chain-risk-${row.refs.period}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }
}
