import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { RiskModule } from '@app/risk';
import { SuppliersModule } from '@app/suppliers';
import { AdjustAnswer } from './adjust-answer.js';
import { AssessmentQueries } from './assessment-queries.js';
import { CampaignService } from './campaign.js';
import { CancelAssessment } from './cancel-assessment.js';
import { CompleteAssessment } from './complete-assessment.js';
import { Countermeasures } from './countermeasures.js';
import { EvidenceService } from './evidence.js';
import { AssessmentExpiry } from './expiry.js';
import { InvitationTokenBox } from './invitation-token.js';
import { Invitations } from './invitations.js';
import { PortalAccess } from './portal-access.js';
import { ReassessAssessment } from './reassess-assessment.js';
import { ReassignAssessment } from './reassign-assessment.js';
import { ResendInvitation } from './resend-invitation.js';
import { ReturnForClarification } from './return-for-clarification.js';
import { SaveAnswers } from './save-answers.js';
import { SendQuestionnaire } from './send-questionnaire.js';
import { SubmitAssessment } from './submit-assessment.js';

/** Use cases other libraries and the apps call; `Invitations` stays inside (send, resend and reassign share it). */
const USE_CASES = [
  SendQuestionnaire,
  ResendInvitation,
  ReassessAssessment,
  ReassignAssessment,
  CancelAssessment,
  ReturnForClarification,
  AdjustAnswer,
  CompleteAssessment,
  AssessmentQueries,
  PortalAccess,
  SaveAnswers,
  SubmitAssessment,
  CampaignService,
  EvidenceService,
  AssessmentExpiry,
  Countermeasures,
  InvitationTokenBox,
];

@Module({
  imports: [AuditModule, RiskModule, SuppliersModule],
  providers: [...USE_CASES, Invitations],
  exports: USE_CASES,
})
export class AssessmentsModule {}
