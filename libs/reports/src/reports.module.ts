import { Module } from '@nestjs/common';
import { PdfRenderer } from './pdf.js';
import { Snapshots } from './snapshots.js';
import { SupplyChainReports } from './supply-chain-report.js';

@Module({ providers: [Snapshots, SupplyChainReports, PdfRenderer], exports: [Snapshots, SupplyChainReports, PdfRenderer] })
export class ReportsModule {}
