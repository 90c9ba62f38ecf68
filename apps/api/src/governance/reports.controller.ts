import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { Roles } from '@app/identity';
import { AppConfig } from '@app/platform';
import { PdfRenderer, registerCsv, ReportHtml, Snapshots, SupplyChainReports } from '@app/reports';

class ReportQuery {
  @IsOptional() @IsIn(['json', 'csv', 'html', 'pdf']) format?: 'json' | 'csv' | 'html' | 'pdf';
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' }) asOf?: string;
}

/** The page needs its inline styles and SVG, and nothing else. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'";

/** The committee's supply-chain risk pack: JSON, the CSV risk register, a printable page, a PDF. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  private readonly html = new ReportHtml();

  constructor(
    private readonly reports: SupplyChainReports,
    private readonly snapshots: Snapshots,
    private readonly pdf: PdfRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get('supply-chain')
  @Roles('governance')
  @ApiProduces('application/json', 'text/csv', 'text/html', 'application/pdf')
  async supplyChain(@Query() query: ReportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const name = `supply-chain-risk-${query.asOf ?? 'today'}`;
    void reply.header('cache-control', 'no-store');
    if (query.format === 'csv') {
      void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
      return registerCsv(await this.reports.register(query.asOf));
    }
    const report = await this.reports.build(query.asOf);
    if (query.format === 'html' || query.format === 'pdf') {
      const page = this.html.render(report, this.config.orgName, `${this.config.baseUrl}/console`);
      if (query.format === 'html') {
        void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', REPORT_CSP);
        return page;
      }
      const pdf = await this.pdf.render(page);
      void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`);
      return pdf;
    }
    return report;
  }

  /** Takes this month's snapshot now, if the monthly job has not yet (idempotent). */
  @Post('snapshots')
  @Roles('governance')
  @HttpCode(200)
  async snapshot() {
    return this.snapshots.take();
  }
}
