import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ReactivateSupplier } from './reactivate-supplier.js';
import { RiskStaleness } from './risk-staleness.js';
import { RiskRecompute } from './risk.recompute.js';
import { SupplierCsv } from './supplier-csv.js';
import { SuppliersService } from './suppliers.service.js';

@Module({
  imports: [AuditModule],
  providers: [SuppliersService, SupplierCsv, RiskRecompute, RiskStaleness, ReactivateSupplier],
  exports: [SuppliersService, SupplierCsv, RiskRecompute, RiskStaleness, ReactivateSupplier],
})
export class SuppliersModule {}
