export {
  ladderOf,
  stepOwed,
  ladderHorizon,
  type LadderSettings,
  type AssessmentStep,
  type StepKind,
} from './ladder.js';
export { assessmentLadderOwed, type OpenAssessmentRow, type EscalationChange } from './assessment-ladder.js';
export {
  DECISION_NOTICE_DAYS,
  linkNoticeWindow,
  linkNoticesOwed,
  reassessmentsOwed,
  expiringOwed,
  digestOwed,
  type LinkDateRow,
  type ReassessmentRow,
  type ExpiringRow,
} from './register-notices.js';
export {
  certificationNoticeWindow,
  certificationNoticesOwed,
  accessPathReviewsOwed,
  type ExpiringCertificationRow,
  type UnreviewedPathRow,
} from './assurance-notices.js';
