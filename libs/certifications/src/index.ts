export { CertificationsModule } from './certifications.module.js';
export { CertificationsService, CERTIFICATION_SORTS, type CertificationActor } from './certifications.service.js';
export {
  Certification,
  CERTIFICATION_KINDS,
  CERTIFICATION_LABELS,
  DSPT_STATUSES,
  CERTIFICATION_NOTICE_DAYS,
  type CertificationKind,
  type DsptStatus,
} from './certification.entity.js';
export { CreateCertificationInput, UpdateCertificationInput, CertificationListQuery } from './certification.input.js';
export { toCertificationView, CertificationView, CertificationPageView } from './certification.view.js';
export { dsptGaps, type DsptStanding, type DsptGap } from './dspt.query.js';
export { type AnswerEvidence } from './answer-evidence.js';
export { expiringCertifications } from './notices.query.js';
