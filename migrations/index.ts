import { Init1764370000000 } from './1764370000000-init.js';
import { Register1764380000000 } from './1764380000000-register.js';
import { Questionnaires1764390000000 } from './1764390000000-questionnaires.js';
import { Assessments1764400000000 } from './1764400000000-assessments.js';
import { Evidence1764410000000 } from './1764410000000-evidence.js';
import { AssessmentScore1764420000000 } from './1764420000000-assessment-score.js';
import { Notifications1764430000000 } from './1764430000000-notifications.js';
import { Risk1764440000000 } from './1764440000000-risk.js';
import { ReviewAdjustments1764450000000 } from './1764450000000-review-adjustments.js';
import { Reports1764460000000 } from './1764460000000-reports.js';
import { SupplierRecords1764470000000 } from './1764470000000-supplier-records.js';
import { Incidents1764480000000 } from './1764480000000-incidents.js';
import { ConsoleSessions1764490000000 } from './1764490000000-console-sessions.js';
import { AuditChainHead1764500000000 } from './1764500000000-audit-chain-head.js';
import { ReportRollups1764510000000 } from './1764510000000-report-rollups.js';
import { Figures1764520000000 } from './1764520000000-figures.js';
import { CredentialsVersion1764530000000 } from './1764530000000-credentials-version.js';
import { InvitationRecipient1764560000000 } from './1764560000000-invitation-recipient.js';
import { Countermeasures1764570000000 } from './1764570000000-countermeasures.js';
import { AccessPaths1764580000000 } from './1764580000000-access-paths.js';
import { Certifications1764581000000 } from './1764581000000-certifications.js';
import { AccessPathOffboarding1764603000000 } from './1764603000000-access-path-offboarding.js';
import { PortalSaveAnswers1764605000000 } from './1764605000000-portal-save-answers.js';
import { ListOrderIndexes1764607000000 } from './1764607000000-list-order-indexes.js';
import { IncidentDerivedEvents1764609000000 } from './1764609000000-incident-derived-events.js';
import { ReportReadIndexes1764700000000 } from './1764700000000-report-read-indexes.js';
import { AuditEventCount1764710000000 } from './1764710000000-audit-event-count.js';
import { AuditAppendOne1764720000000 } from './1764720000000-audit-append-one.js';
import { PortalSaveAnswersOneRead1764721000000 } from './1764721000000-portal-save-answers-one-read.js';
import { AuditAppendQuiet1764722000000 } from './1764722000000-audit-append-quiet.js';
import { PortalSaveAnswersQuietAudit1764723000000 } from './1764723000000-portal-save-answers-quiet-audit.js';
import { PortalSaveAnswersOneAnswer1764724000000 } from './1764724000000-portal-save-answers-one-answer.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  Init1764370000000,
  Register1764380000000,
  Questionnaires1764390000000,
  Assessments1764400000000,
  Evidence1764410000000,
  AssessmentScore1764420000000,
  Notifications1764430000000,
  Risk1764440000000,
  ReviewAdjustments1764450000000,
  Reports1764460000000,
  SupplierRecords1764470000000,
  Incidents1764480000000,
  ConsoleSessions1764490000000,
  AuditChainHead1764500000000,
  ReportRollups1764510000000,
  Figures1764520000000,
  CredentialsVersion1764530000000,
  InvitationRecipient1764560000000,
  Countermeasures1764570000000,
  AccessPaths1764580000000,
  Certifications1764581000000,
  AccessPathOffboarding1764603000000,
  PortalSaveAnswers1764605000000,
  ListOrderIndexes1764607000000,
  IncidentDerivedEvents1764609000000,
  ReportReadIndexes1764700000000,
  AuditEventCount1764710000000,
  AuditAppendOne1764720000000,
  PortalSaveAnswersOneRead1764721000000,
  AuditAppendQuiet1764722000000,
  PortalSaveAnswersQuietAudit1764723000000,
  PortalSaveAnswersOneAnswer1764724000000,
];
