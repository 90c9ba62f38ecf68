import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AssessmentsService } from './assessments.service.js';
import { CampaignService } from './campaign.js';
import { EvidenceService } from './evidence.js';
import { PortalService } from './portal.service.js';

@Module({ imports: [AuditModule], providers: [AssessmentsService, PortalService, CampaignService, EvidenceService], exports: [AssessmentsService, PortalService, CampaignService, EvidenceService] })
export class AssessmentsModule {}
