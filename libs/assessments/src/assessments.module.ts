import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AssessmentsService } from './assessments.service.js';
import { CampaignService } from './campaign.js';
import { PortalService } from './portal.service.js';

@Module({ imports: [AuditModule], providers: [AssessmentsService, PortalService, CampaignService], exports: [AssessmentsService, PortalService, CampaignService] })
export class AssessmentsModule {}
