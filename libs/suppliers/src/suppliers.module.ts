import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { RiskRecompute } from './risk.recompute.js';
import { SupplierCsv } from './supplier-csv.js';
import { SuppliersService } from './suppliers.service.js';

@Module({
  imports: [AuditModule],
  providers: [SuppliersService, SupplierCsv, RiskRecompute],
  exports: [SuppliersService, SupplierCsv, RiskRecompute],
})
export class SuppliersModule {}
