import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { ReportsModule } from '@app/reports';
import { RiskModule } from '@app/risk';
import { SuppliersModule } from '@app/suppliers';
import { AuditEventsController } from './audit-events.controller.js';
import { ReportsController } from './reports.controller.js';
import { PortfolioRiskController } from './portfolio-risk.controller.js';
import { FindingsController } from './findings.controller.js';
import { SupplierRiskController } from './supplier-risk.controller.js';
import { RiskSettingsController } from './risk-settings.controller.js';

/** Front door of governance committees: reports, risk decisions and the audit trail. */
@Module({
  imports: [AuditModule, RiskModule, SuppliersModule, ReportsModule, AssessmentsModule],
  controllers: [
    AuditEventsController,
    RiskSettingsController,
    SupplierRiskController,
    FindingsController,
    ReportsController,
    PortfolioRiskController,
  ],
})
export class GovernanceModule {}
