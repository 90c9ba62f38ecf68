import { Module } from '@nestjs/common';
import { PdfRenderer } from './pdf.js';
import { ReportHtml } from './report-formats.js';
import { ReportRollups } from './rollups.js';
import { Snapshots } from './snapshots.js';
import { SupplyChainReports } from './supply-chain-report.js';

@Module({
  providers: [Snapshots, SupplyChainReports, PdfRenderer, ReportRollups, ReportHtml],
  exports: [Snapshots, SupplyChainReports, PdfRenderer, ReportRollups, ReportHtml],
})
export class ReportsModule {}
