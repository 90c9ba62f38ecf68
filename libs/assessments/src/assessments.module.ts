import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AssessmentsService } from './assessments.service.js';
import { PortalService } from './portal.service.js';

@Module({ imports: [AuditModule], providers: [AssessmentsService, PortalService], exports: [AssessmentsService, PortalService] })
export class AssessmentsModule {}
