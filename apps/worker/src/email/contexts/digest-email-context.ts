import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PdfRenderer, ReportHtml, SupplyChainReports } from '@app/reports';
import {
  digestContext,
  type EmailContextBuilder,
  type EmailSettings,
  type OutboxRow,
  type Prepared,
} from '@app/notifications';
import { Clock, HttpConfig, OrganisationConfig } from '@app/platform';
import { emailSettings } from './email-settings.js';

/** The committee's monthly digest. */
@Injectable()
export class DigestEmailContext implements EmailContextBuilder {
  readonly templates = ['committee-digest'];
  private readonly settings: EmailSettings;

  constructor(
    http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
    private readonly html: ReportHtml,
    private readonly reports: SupplyChainReports,
    private readonly pdf: PdfRenderer,
  ) {
    this.settings = emailSettings(http, organisation);
  }

  /** The month's pack in brief, with the PDF attached. */
  async prepare(_m: EntityManager, row: OutboxRow): Promise<Prepared> {
    const report = await this.reports.build();
    const pdf = await this.pdf.render(this.html.render(report, this.organisation.name));
    const h = report.headline;
    return {
      context: digestContext(this.settings, {
        period: row.refs.period,
        suppliers: h.suppliersInScope,
        valueAtRisk: h.valueAtRisk,
        netValueAtRisk: h.netValueAtRisk,
        critical: report.heatMap.ratings.critical,
        high: report.heatMap.ratings.high,
        top: report.topRisks.map((t) => ({ name: t.name, rating: t.rating, netValueAtRisk: t.netValueAtRisk })),
        overdue: report.assessments.overdue.map((a) => ({
          supplier: a.supplier,
          daysOverdue: a.daysOverdue,
          level: a.escalationLevel,
        })),
        expiring: report.decisions.expiringWithin90Days.map((e) => ({
          supplier: e.supplier,
          kind: e.kind,
          date: e.date,
        })),
      }),
      attachments: [
        { filename: `supply-chain-risk-${row.refs.period}.pdf`, content: pdf, contentType: 'application/pdf' },
      ],
    };
  }
}
