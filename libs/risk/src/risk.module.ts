import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { SuppliersModule } from '@app/suppliers';
import { DecisionsService } from './decisions.service.js';
import { FindingsService } from './findings.service.js';
import { LossDistributionService } from './loss-distribution.service.js';

@Module({ imports: [AuditModule, SuppliersModule], providers: [FindingsService, DecisionsService, LossDistributionService], exports: [FindingsService, DecisionsService, LossDistributionService] })
export class RiskModule {}
