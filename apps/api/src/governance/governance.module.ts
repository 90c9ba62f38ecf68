import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditEventsController } from './audit-events.controller.js';
import { RiskSettingsController } from './risk-settings.controller.js';

/** Front door of governance committees: reports, risk decisions and the audit trail. */
@Module({ imports: [AuditModule], controllers: [AuditEventsController, RiskSettingsController] })
export class GovernanceModule {}
