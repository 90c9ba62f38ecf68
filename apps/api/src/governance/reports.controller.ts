import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/decorators.js';
import type { FastifyReply } from 'fastify';
import { Countermeasures } from '@app/assessments';
import { Roles } from '@app/identity';
import { HttpConfig, OrganisationConfig } from '@app/platform';
import { PdfRenderer, registerCsv, ReportHtml, Snapshots, SupplyChainReports } from '@app/reports';
import { LossDistributionService } from '@app/risk';
import { portfolioSection } from './portfolio-section.js';
import { SupplyChainReportView, type SnapshotTakenView } from './report.view.js';
import { ReportQuery } from './report.input.js';

/** The page needs its inline styles and SVG, and nothing else. */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'";

/** The committee's supply-chain risk pack: JSON, the CSV risk register, a printable page, a PDF. */
@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly html: ReportHtml,
    private readonly reports: SupplyChainReports,
    private readonly snapshots: Snapshots,
    private readonly pdf: PdfRenderer,
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly loss: LossDistributionService,
    private readonly countermeasures: Countermeasures,
  ) {}

  /** The committee report: JSON (default), the CSV risk register, a printable page or a PDF; `asOf` rebuilds it from a monthly snapshot. */
  @Get('supply-chain')
  @Roles('governance')
  @ApiExtraModels(SupplyChainReportView)
  @ApiOkResponse({
    description: 'The report in the format asked for.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SupplyChainReportView) } },
      'text/csv': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(404, 503)
  async supplyChain(@Query() query: ReportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const name = `supply-chain-risk-${query.asOf ?? 'today'}`;
    void reply.header('cache-control', 'no-store');
    if (query.format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`);
      return registerCsv(await this.reports.register(query.asOf));
    }
    const report = await this.reports.build(query.asOf);
    if (query.format === 'html' || query.format === 'pdf') {
      // The loss distribution and the fixes are of today's figures: a past date's pack has neither.
      const page = this.html.render(
        report,
        this.organisation.name,
        `${this.http.baseUrl}/console`,
        query.asOf ? null : await portfolioSection(this.loss, this.countermeasures),
      );
      if (query.format === 'html') {
        void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', REPORT_CSP);
        return page;
      }
      const pdf = await this.pdf.render(page);
      void reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`);
      return pdf;
    }
    // The document's class: a field the builder drops or retypes fails the type check.
    const described: SupplyChainReportView = report;
    return described;
  }

  /** Takes this month's snapshot now, if the monthly job has not yet (idempotent). */
  @Post('snapshots')
  @Roles('governance')
  @HttpCode(200)
  async snapshot(): Promise<SnapshotTakenView> {
    return this.snapshots.take();
  }
}
