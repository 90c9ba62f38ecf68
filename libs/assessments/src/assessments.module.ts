import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { RiskModule } from '@app/risk';
import { SuppliersModule } from '@app/suppliers';
import { AssessmentsService } from './assessments.service.js';
import { CampaignService } from './campaign.js';
import { Countermeasures } from './countermeasures.js';
import { EvidenceService } from './evidence.js';
import { AssessmentExpiry } from './expiry.js';
import { InvitationTokenBox } from './invitation-token.js';
import { PortalService } from './portal.service.js';
import { ReassignAssessment } from './reassign-assessment.js';

@Module({ imports: [AuditModule, RiskModule, SuppliersModule], providers: [AssessmentsService, PortalService, CampaignService, EvidenceService, InvitationTokenBox, AssessmentExpiry, ReassignAssessment, Countermeasures], exports: [AssessmentsService, PortalService, CampaignService, EvidenceService, InvitationTokenBox, AssessmentExpiry, ReassignAssessment, Countermeasures] })
export class AssessmentsModule {}
