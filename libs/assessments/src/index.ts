export { AssessmentsModule } from './assessments.module.js';
export { AssessmentsService, type SendAssessment, type AssessmentListQuery } from './assessments.service.js';
export { PortalService, LinkGoneError, PortalUnauthenticatedError, SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS, type AnswerInput, type PortalContext } from './portal.service.js';
export { Assessment, AssessmentAnswer, AssessmentInvitation, PortalSession, ASSESSMENT_STATUSES, type AssessmentStatus } from './entities.js';
export { hashToken, looksLikeToken, invitationExpiry, OUTBOX_TOKEN_PURPOSE, InvitationTokenBox } from './invitation-token.js';
export { valueProblem, isVisible, missingAnswers } from './answer-rules.js';
export { CampaignService, type CampaignInput, type CampaignResult } from './campaign.js';
export { EvidenceService, detectEvidenceType, EVIDENCE_MAX_BYTES } from './evidence.js';
export { AssessmentEvidence } from './entities.js';
