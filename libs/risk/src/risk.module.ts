import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { SuppliersModule } from '@app/suppliers';
import { DailyRiskRun } from './daily-risk-run.js';
import { DecisionsService } from './decisions.service.js';
import { FindingsService } from './findings.service.js';
import { LossDistributionService } from './loss-distribution.service.js';

@Module({
  imports: [AuditModule, SuppliersModule],
  providers: [FindingsService, DecisionsService, DailyRiskRun, LossDistributionService],
  exports: [FindingsService, DecisionsService, DailyRiskRun, LossDistributionService],
})
export class RiskModule {}
