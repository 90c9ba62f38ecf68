export { AssessmentsModule } from './assessments.module.js';
export { SendQuestionnaire, type SendAssessment, type Sent } from './send-questionnaire.js';
export { ResendInvitation } from './resend-invitation.js';
export { ReassessAssessment } from './reassess-assessment.js';
export { CancelAssessment } from './cancel-assessment.js';
export { ReturnForClarification } from './return-for-clarification.js';
export { AdjustAnswer } from './adjust-answer.js';
export { CompleteAssessment } from './complete-assessment.js';
export { AssessmentQueries, ASSESSMENT_SORTS, type AssessmentListQuery } from './assessment-queries.js';
export {
  PortalAccess,
  PortalUnauthenticatedError,
  SESSION_ABSOLUTE_HOURS,
  type PortalContext,
} from './portal-access.js';
export { SaveAnswers, type AnswerInput } from './save-answers.js';
export { SubmitAssessment } from './submit-assessment.js';
export {
  Assessment,
  ASSESSMENT_STATUSES,
  ANSWERABLE_STATUSES,
  OPEN_STATUSES,
  isAnswerable,
  type AssessmentStatus,
} from './assessment.entity.js';
export { AssessmentAnswer } from './assessment-answer.entity.js';
export { AssessmentInvitation } from './assessment-invitation.entity.js';
export { PortalSession } from './portal-session.entity.js';
export { hashToken, looksLikeToken, InvitationTokenBox } from './invitation-token.js';
export { choicesOf, answerText } from './answer-rules.js';
export { receiptReference, type PortalView, type Landing, type LandingState } from './portal-read.js';
export { CampaignService, type CampaignInput, type CampaignResult } from './campaign.js';
export { EvidenceService, detectEvidenceType, EVIDENCE_MAX_BYTES } from './evidence.js';
export { AssessmentEvidence } from './assessment-evidence.entity.js';
export { AssessmentExpiry } from './expiry.js';
export { ReassignAssessment, REASSIGNABLE_STATUSES } from './reassign-assessment.js';
export { ReassignInput } from './reassign.input.js';
export { INTERNAL_OWNER_EMAIL, INTERNAL_OWNER_JOINS, INTERNAL_OWNER_NAME } from './internal-owner.js';
export { Countermeasures, type CountermeasureAction, type SupplierPath } from './countermeasures.js';
export { PortalLandingView, PortalQuestionnaireView } from './portal.view.js';
export { SendAssessmentBody, CampaignBody } from './send-questionnaire.input.js';
export { AdjustmentBody, ReturnBody } from './review.input.js';
export { AnswersBody, AttestationBody, SubmitBody } from './portal.input.js';
export { submittedAt } from './submission.query.js';
export { raiseEscalationLevels } from './escalation-levels.js';
export { unsubmittedAssessmentsDueBy, reassessmentsDue } from './notices.query.js';
