import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvitationTokenBox } from '@app/assessments';
import { humanDate, londonTime, type OutboxMessage } from '@app/notifications';
import { AppConfig, Clock, daysBetween } from '@app/platform';
import { PdfRenderer, ReportHtml, SupplyChainReports } from '@app/reports';

/** What an email needs, or why it is no longer owed. */
export type Prepared =
  | {
      context: Record<string, unknown>;
      attachments?: { filename: string; content: Buffer; contentType: string }[];
      /** The invitation of an incident's follow-up: its delivery goes on the incident's timeline. */
      incidentFollowUp?: boolean;
    }
  | { skip: string };

const OPEN = ['sent', 'in_progress', 'returned'];

interface AssessmentRow {
  id: string;
  status: string;
  due_date: string;
  recipient_name: string;
  returned_questions: string[];
  return_message: string | null;
  supplier_id: string;
  supplier_name: string;
  questionnaire_title: string;
  questionnaire_key: string;
  owner_name: string | null;
  owner_email: string | null;
}

/**
 * Reloads what an outbox row refers to, when the worker sends it, and decides whether it is still
 * owed. The context of each template is complete (strict templates): every key present, null
 * when it has no value.
 */
@Injectable()
export class EmailContent {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly box: InvitationTokenBox,
    private readonly reports: SupplyChainReports,
    private readonly pdf: PdfRenderer,
  ) {}

  private readonly html = new ReportHtml();

  async prepare(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    switch (row.template) {
      case 'assessment-invitation':
      case 'assessment-reminder':
      case 'assessment-overdue':
      case 'assessment-overdue-internal':
      case 'assessment-returned':
      case 'assessment-submitted':
        return this.assessmentEmail(m, row);
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
      default:
        return { skip: `no template ${row.template}` };
    }
  }

  private async assessmentEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const a = await this.assessment(m, row.refs.assessmentId);
    if (!a) return { skip: 'the assessment no longer exists' };
    const base = this.base(a);
    switch (row.template) {
      case 'assessment-invitation': {
        if (!OPEN.includes(a.status)) return { skip: `the assessment is ${a.status}` };
        const [invitation] = await m.query<{ revoked_at: Date | null; expires_at: Date }[]>('SELECT revoked_at, expires_at FROM assessment_invitation WHERE id = $1', [row.refs.invitationId]);
        if (!invitation || invitation.revoked_at) return { skip: 'a newer link replaced this one' };
        if (invitation.expires_at <= this.clock.now()) return { skip: 'the link has expired' };
        // The sealed token is removed once its row is sent or skipped: without it there is no link to send.
        if (!row.refs.sealedToken) return { skip: 'the link is no longer held: resend the questionnaire for a new one' };
        return { context: { ...base, resend: row.kind === 'assessment.resend', link: this.link(row.refs.sealedToken) }, incidentFollowUp: a.questionnaire_key === 'incident-follow-up' };
      }
      case 'assessment-reminder':
        if (!OPEN.includes(a.status)) return { skip: `the assessment is ${a.status}` };
        return { context: { ...base, daysLeft: Math.max(0, daysBetween(londonTime(this.clock.now()).date, a.due_date)), link: await this.currentLink(m, a.id) } };
      case 'assessment-overdue':
      case 'assessment-overdue-internal':
        if (!OPEN.includes(a.status)) return { skip: `the assessment is ${a.status}` };
        return {
          context: {
            ...base,
            level: Number(row.refs.level ?? 0),
            escalated: Number(row.refs.level ?? 0) > 0,
            toGovernance: Number(row.refs.level ?? 0) === 2,
            daysOverdue: Math.max(0, daysBetween(a.due_date, londonTime(this.clock.now()).date)),
            link: row.template === 'assessment-overdue' ? await this.currentLink(m, a.id) : null,
            assessmentUrl: `${this.config.baseUrl}/api/v1/assessments/${a.id}`,
          },
        };
      case 'assessment-returned':
        if (a.status !== 'returned') return { skip: `the assessment is ${a.status}` };
        return { context: { ...base, returnMessage: a.return_message ?? '', returnedQuestions: a.returned_questions, link: await this.currentLink(m, a.id) } };
      default: // assessment-submitted
        if (a.status === 'cancelled') return { skip: 'the assessment was cancelled' };
        return { context: { ...base, assessmentUrl: `${this.config.baseUrl}/api/v1/assessments/${a.id}` } };
    }
  }

  private async linkEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [link] = await m.query<{ status: string; review_date: string | null; end_date: string | null; purpose: string; agreement_ref: string | null; record_count: string; supplier_name: string; asset_name: string }[]>(
      `SELECT l.status, l.review_date::text, l.end_date::text, l.purpose, l.agreement_ref, l.record_count::text, s.name AS supplier_name, d.name AS asset_name
         FROM data_sharing_link l JOIN supplier s ON s.id = l.supplier_id JOIN data_asset d ON d.id = l.data_asset_id WHERE l.id = $1`,
      [row.refs.linkId],
    );
    if (!link) return { skip: 'the data-sharing link no longer exists' };
    if (link.status === 'ended') return { skip: 'the link has ended' };
    const date = row.refs.field === 'end' ? link.end_date : link.review_date;
    if (date !== row.refs.date) return { skip: `the ${row.refs.field} date changed` };
    return {
      context: {
        org: this.config.orgName,
        supplier: { name: link.supplier_name },
        asset: { name: link.asset_name },
        purpose: link.purpose,
        agreementRef: link.agreement_ref,
        recordCount: Number(link.record_count).toLocaleString('en-GB'),
        isEnd: row.refs.field === 'end',
        date: humanDate(date),
        daysLeft: Math.max(0, daysBetween(londonTime(this.clock.now()).date, date)),
        linkUrl: `${this.config.baseUrl}/api/v1/data-sharing-links/${row.refs.linkId}`,
      },
    };
  }

  private async reassessmentEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [s] = await m.query<{ name: string; status: string; tier: number; completed_on: string; questionnaire_key: string; questionnaire_title: string; open: boolean }[]>(
      `SELECT s.name, s.status, s.tier, (a.completed_at AT TIME ZONE 'Europe/London')::date::text AS completed_on, a.questionnaire_key, q.title AS questionnaire_title,
              EXISTS (SELECT 1 FROM assessment o WHERE o.supplier_id = s.id AND o.status IN ('sent', 'in_progress', 'submitted', 'returned')) AS open
         FROM supplier s JOIN assessment a ON a.id = $2 JOIN questionnaire_version q ON q.id = a.questionnaire_version_id WHERE s.id = $1`,
      [row.refs.supplierId, row.refs.assessmentId],
    );
    if (!s) return { skip: 'the supplier no longer exists' };
    if (s.status === 'offboarded') return { skip: 'the supplier is offboarded' };
    if (s.open) return { skip: 'a new assessment is already open' };
    return {
      context: {
        org: this.config.orgName,
        supplier: { name: s.name },
        tier: s.tier,
        lastAssessed: humanDate(s.completed_on),
        questionnaire: { key: s.questionnaire_key, title: s.questionnaire_title },
        reassessUrl: `${this.config.baseUrl}/api/v1/assessments/${row.refs.assessmentId}/reassess`,
      },
    };
  }

  private async expiringEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [item] = row.refs.decisionId
      ? await m.query<{ supplier_id: string; supplier_name: string; what: string; date: string; live: boolean; rationale: string }[]>(
          `SELECT s.id AS supplier_id, s.name AS supplier_name, d.decision AS what, (CASE WHEN d.decision = 'transfer' THEN d.expires_on ELSE d.review_date END)::text AS date,
                  d.current AS live, d.rationale || CASE WHEN d.decision = 'transfer' THEN ' (' || d.insurer || ', policy ' || d.policy_ref || ')' ELSE '' END AS rationale
             FROM risk_decision d JOIN supplier s ON s.id = d.supplier_id WHERE d.id = $1`,
          [row.refs.decisionId],
        )
      : await m.query<{ supplier_id: string; supplier_name: string; what: string; date: string; live: boolean; rationale: string }[]>(
          `SELECT s.id AS supplier_id, s.name AS supplier_name, 'finding' AS what, f.accepted_until::text AS date,
                  (f.status = 'accepted' AND f.superseded_at IS NULL) AS live, f.question_code || ': ' || f.acceptance_reason AS rationale
             FROM finding f JOIN supplier s ON s.id = f.supplier_id WHERE f.id = $1`,
          [row.refs.findingId],
        );
    if (!item) return { skip: 'it no longer exists' };
    if (!item.live || item.date !== row.refs.date) return { skip: 'it was replaced or changed since' };
    return {
      context: {
        org: this.config.orgName,
        supplier: { name: item.supplier_name },
        isInsurance: item.what === 'transfer',
        isFinding: item.what === 'finding',
        rationale: item.rationale,
        date: humanDate(item.date),
        daysLeft: Math.max(0, daysBetween(londonTime(this.clock.now()).date, item.date)),
        decisionsUrl: `${this.config.baseUrl}/api/v1/suppliers/${item.supplier_id}/risk-decisions`,
      },
    };
  }

  private async incidentEmail(m: EntityManager, row: OutboxMessage): Promise<Prepared> {
    const [i] = await m.query<{ supplier: string; summary: string; severity: string; source: string; detected_at: Date; exposure: { records: { total: number; byClassification: Record<string, number>; byCategory: Record<string, number> }; links: { asset: string; records: number }[]; contacts: { name: string; email: string; role: string }[] }; due: string | null }[]>(
      `SELECT s.name AS supplier, i.summary, i.severity, i.source, i.detected_at, i.exposure_at_open AS exposure, a.due_date::text AS due
         FROM incident i JOIN supplier s ON s.id = i.supplier_id LEFT JOIN assessment a ON a.id = i.follow_up_assessment_id WHERE i.id = $1`,
      [row.refs.incidentId],
    );
    if (!i) return { skip: 'the incident no longer exists' };
    return {
      context: {
        org: this.config.orgName,
        supplier: { name: i.supplier },
        summary: i.summary,
        severity: i.severity,
        source: i.source.replace('_', ' '),
        detectedAt: `${humanDate(londonTime(i.detected_at).date)}`,
        records: i.exposure.records.total.toLocaleString('en-GB'),
        classifications: Object.entries(i.exposure.records.byClassification).map(([c, n]) => ({ classification: c.replace('_', '-'), records: n.toLocaleString('en-GB') })),
        assets: i.exposure.links.slice(0, 10).map((l) => ({ asset: l.asset, records: l.records.toLocaleString('en-GB') })),
        contacts: i.exposure.contacts.map((c) => ({ name: c.name, email: c.email, role: c.role })),
        followUpDue: i.due ? humanDate(i.due) : null,
        incidentUrl: `${this.config.baseUrl}/api/v1/incidents/${row.refs.incidentId}`,
      },
    };
  }

  /** The month's pack in brief, with the PDF attached. */
  private async digestEmail(row: OutboxMessage): Promise<Prepared> {
    const report = await this.reports.build();
    const pdf = await this.pdf.render(this.html.render(report, this.config.orgName));
    const pounds = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;
    const h = report.headline;
    return {
      context: {
        org: this.config.orgName,
        month: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${row.refs.period}-01T00:00:00Z`)),
        suppliers: h.suppliersInScope,
        valueAtRisk: pounds(h.valueAtRisk),
        netValueAtRisk: pounds(h.netValueAtRisk),
        critical: report.heatMap.ratings.critical,
        high: report.heatMap.ratings.high,
        top: report.topRisks.slice(0, 5).map((t) => ({ name: t.name, rating: t.rating, netValueAtRisk: pounds(t.netValueAtRisk) })),
        overdue: report.assessments.overdue.map((a) => ({ supplier: a.supplier, daysOverdue: a.daysOverdue, level: a.escalationLevel })),
        expiring: report.decisions.expiringWithin90Days.map((e) => ({ supplier: e.supplier, kind: e.kind, date: humanDate(e.date) })),
        reportUrl: `${this.config.baseUrl}/api/v1/reports/supply-chain?format=html`,
      },
      attachments: [{ filename: `supply-chain-risk-${row.refs.period}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }

  private base(a: AssessmentRow): Record<string, unknown> {
    return {
      org: this.config.orgName,
      supplier: { name: a.supplier_name },
      recipientName: a.recipient_name,
      questionnaire: { title: a.questionnaire_title },
      dueDate: humanDate(a.due_date),
      contact: a.owner_email ? { name: a.owner_name, email: a.owner_email } : { name: this.config.orgName, email: mailboxOf(this.config.mailFrom) },
    };
  }

  private async assessment(m: EntityManager, id: string | undefined): Promise<AssessmentRow | undefined> {
    if (!id) return undefined;
    const [row] = await m.query<AssessmentRow[]>(
      `SELECT a.id, a.status, a.due_date::text, a.recipient_name, a.returned_questions, a.return_message,
              s.id AS supplier_id, s.name AS supplier_name, q.title AS questionnaire_title, a.questionnaire_key,
              coalesce(o.name, c.name) AS owner_name, coalesce(o.email, c.email)::text AS owner_email
         FROM assessment a JOIN supplier s ON s.id = a.supplier_id JOIN questionnaire_version q ON q.id = a.questionnaire_version_id
         LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
         LEFT JOIN app_user c ON c.id = a.created_by AND c.active
        WHERE a.id = $1`,
      [id],
    );
    return row;
  }

  private link(sealedToken: string | undefined): string | null {
    return sealedToken ? `${this.config.baseUrl}/portal/i/${this.box.open(sealedToken)}` : null;
  }

  /** The working link of the assessment's current invitation, opened from that invitation's outbox row. */
  private async currentLink(m: EntityManager, assessmentId: string): Promise<string | null> {
    const [row] = await m.query<{ sealed: string | null }[]>(
      `SELECT o.refs->>'sealedToken' AS sealed
         FROM assessment_invitation i JOIN outbox_message o ON o.dedupe_key = 'assessment:' || i.assessment_id || ':invitation:' || i.id
        WHERE i.assessment_id = $1 AND i.revoked_at IS NULL AND i.expires_at > $2
        ORDER BY i.created_at DESC LIMIT 1`,
      [assessmentId, this.clock.now()],
    );
    return this.link(row?.sealed ?? undefined);
  }
}

/** `Assure <assure@trust.nhs.uk>` -> `assure@trust.nhs.uk` */
function mailboxOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
