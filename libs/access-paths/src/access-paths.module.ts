import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { SuppliersModule } from '@app/suppliers';
import { AccessPathCsv } from './access-path-csv.js';
import { AccessPathsService } from './access-paths.service.js';

@Module({ imports: [AuditModule, SuppliersModule], providers: [AccessPathsService, AccessPathCsv], exports: [AccessPathsService, AccessPathCsv] })
export class AccessPathsModule {}
