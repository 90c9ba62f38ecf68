import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { SuppliersModule } from '@app/suppliers';
import { IncidentsService } from './incidents.service.js';

@Module({
  imports: [AuditModule, AssessmentsModule, SuppliersModule],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
