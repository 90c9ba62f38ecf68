export { CertificationsModule } from './certifications.module.js';
export { CertificationsService, CERTIFICATION_SORTS, type CertificationActor } from './certifications.service.js';
export {
  Certification, CERTIFICATION_KINDS, CERTIFICATION_LABELS, DSPT_STATUSES, DSPT_SUFFICIENT, PATIENT_DATA_CATEGORIES, CERTIFICATION_NOTICE_DAYS, isExpired, isCurrent,
  type CertificationKind, type DsptStatus,
} from './certification.entity.js';
export { CreateCertificationInput, UpdateCertificationInput, CertificationListQuery } from './certification.input.js';
export { toCertificationView, certificationSnapshot, CertificationView, CertificationPageView, CertificationFileView, DsptStandingView } from './certification.view.js';
export { dsptStanding, dsptGaps, type DsptStanding, type DsptGap } from './dspt.query.js';
export { answerEvidence, CERTIFICATION_QUESTIONS, type AnswerEvidence } from './answer-evidence.js';
