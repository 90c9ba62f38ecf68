import { AccessPath } from '@app/access-paths';
import {
  Assessment,
  AssessmentAnswer,
  AssessmentEvidence,
  AssessmentInvitation,
  PortalSession,
} from '@app/assessments';
import { AuditEvent } from '@app/audit';
import { Certification } from '@app/certifications';
import { DataAsset, DataSharingLink } from '@app/data-sharing';
import { User } from '@app/identity';
import { OutboxMessage } from '@app/notifications';
import { QuestionnaireVersion } from '@app/questionnaires';
import { Finding, RiskDecision } from '@app/risk';
import { Supplier, SupplierContact } from '@app/suppliers';

/**
 * Every entity of every domain lib, in one list for the one data source. A domain lib adds its
 * entities here when it comes; nothing else needs to know them all.
 */
export const ENTITIES: Function[] = [
  User,
  AuditEvent,
  Supplier,
  SupplierContact,
  DataAsset,
  DataSharingLink,
  QuestionnaireVersion,
  Assessment,
  AssessmentInvitation,
  PortalSession,
  AssessmentAnswer,
  AssessmentEvidence,
  OutboxMessage,
  Finding,
  RiskDecision,
  AccessPath,
  Certification,
];
