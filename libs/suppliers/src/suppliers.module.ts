import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { InherentRiskRecompute } from './inherent-risk.recompute.js';
import { SupplierCsv } from './supplier-csv.js';
import { SuppliersService } from './suppliers.service.js';

@Module({
  imports: [AuditModule],
  providers: [SuppliersService, SupplierCsv, InherentRiskRecompute],
  exports: [SuppliersService, SupplierCsv, InherentRiskRecompute],
})
export class SuppliersModule {}
