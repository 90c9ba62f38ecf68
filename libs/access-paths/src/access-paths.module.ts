import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { SuppliersModule } from '@app/suppliers';
import { AccessPathCsv } from './access-path-csv.js';
import { AccessPathsService } from './access-paths.service.js';
import { OffboardSupplier } from './offboard-supplier.js';

@Module({
  imports: [AuditModule, SuppliersModule],
  providers: [AccessPathsService, AccessPathCsv, OffboardSupplier],
  exports: [AccessPathsService, AccessPathCsv, OffboardSupplier],
})
export class AccessPathsModule {}
