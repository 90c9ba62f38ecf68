import { ApiProperty } from '@nestjs/swagger';
import type { ReportSnapshotRef } from './report.view.js';

// The committee report's lists (assessments, findings, decisions, incidents, changes, trends) as
// classes, for the OpenAPI document: see report.view.ts.

const SEVERITY = { enum: ['critical', 'high', 'medium', 'low'] };

export class ReportOverdueAssessment {
  assessmentId: string;
  supplierId: string;
  supplier: string;
  questionnaireKey: string;
  dueDate: string;
  daysOverdue: number;
  escalationLevel: number;
}

export class ReportReturnedAssessment {
  assessmentId: string;
  supplierId: string;
  supplier: string;
  questionnaireKey: string;
  dueDate: string;
}

export class ReportAwaitingReview {
  assessmentId: string;
  supplierId: string;
  supplier: string;
  questionnaireKey: string;
  submittedAt: string | null;
}

export class ReportReassessmentDue {
  supplierId: string;
  supplier: string;
  tier: number;
}

export class ReportAssessments {
  overdue: ReportOverdueAssessment[];
  returned: ReportReturnedAssessment[];
  awaitingReview: ReportAwaitingReview[];
  reassessmentsDue: ReportReassessmentDue[];
  reassessmentsDueTotal: number;
}

/** Open findings of one severity, by age. */
export class ReportFindingAges {
  total: number;
  under30Days: number;
  from30To90Days: number;
  over90Days: number;
}

export class ReportFindingsBySeverity {
  critical: ReportFindingAges;
  high: ReportFindingAges;
  medium: ReportFindingAges;
  low: ReportFindingAges;
}

export class ReportFrameworkGroup {
  framework: string;
  group: string;
  openFindings: number;
  suppliers: number;
}

export class ReportFindings {
  openBySeverity: ReportFindingsBySeverity;
  overdueRemediation: number;
  byFramework: ReportFrameworkGroup[];
}

export class ReportDecisionCounts {
  accept: number;
  mitigate: number;
  transfer: number;
  avoid: number;
}

/** A current decision past its review date (or its insurance past expiry). */
export class ReportExpiredDecision {
  id: string;
  supplierId: string;
  supplier: string;
  decision: string;
  reviewDate: string;
  expiresOn: string | null;
}

/** A finding acceptance that ran out. */
export class ReportLapsedAcceptance {
  findingId: string;
  supplierId: string;
  supplier: string;
  questionCode: string;
  @ApiProperty(SEVERITY)
  severity: string;
  status: string;
  acceptedUntil: string;
  lapsedOn: string;
  reason: string | null;
}

/** An `avoid` decision whose links were to end by now and still count. */
export class ReportAvoidOverdue {
  id: string;
  supplierId: string;
  supplier: string;
  endLinksBy: string;
  linksStillCounting: number;
  records: number;
}

export class ReportExpiring {
  @ApiProperty({ enum: ['acceptance', 'insurance', 'findingAcceptance'] })
  kind: string;
  id: string;
  supplierId: string;
  supplier: string;
  date: string;
}

export class ReportDecisionLogEntry {
  id: string;
  supplierId: string;
  supplier: string;
  decision: string;
  rationale: string;
  decidedOn: string;
  decidedBy: string | null;
}

export class ReportDecisions {
  currentByType: ReportDecisionCounts;
  expired: ReportExpiredDecision[];
  lapsedAcceptances: ReportLapsedAcceptance[];
  avoidOverdue: ReportAvoidOverdue[];
  /** Acceptances, insurance and finding acceptances ending in the next 90 days. */
  expiringWithin90Days: ReportExpiring[];
  /** The decision log runs from this date (the previous snapshot, or 90 days back). */
  logSince: string;
  log: ReportDecisionLogEntry[];
}

export class ReportIncident {
  incidentId: string;
  supplierId: string;
  supplier: string;
  @ApiProperty(SEVERITY)
  severity: string;
  @ApiProperty({ enum: ['open', 'closed'] })
  status: string;
  detectedAt: string;
  recordsExposed: number;
  /** The follow-up questionnaire's status. */
  followUp: string | null;
  linksSuspended: number;
}

export class ReportIncidents {
  open: number;
  items: ReportIncident[];
}

export class ReportSupplierRef {
  supplierId: string;
  name: string;
}

export class ReportRatingMove {
  supplierId: string;
  name: string;
  from: string | null;
  to: string | null;
}

/** What moved since the previous snapshot. */
export class ReportChanges {
  since: ReportSnapshotRef;
  newSuppliers: ReportSupplierRef[];
  offboarded: ReportSupplierRef[];
  ratingUp: ReportRatingMove[];
  ratingDown: ReportRatingMove[];
  valueAtRiskChange: number;
  netValueAtRiskChange: number;
}

/** One month of the trend (the last 12 snapshots). */
export class ReportTrendPoint {
  period: string;
  suppliers: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  /** Suppliers by rating. */
  ratings: Record<string, number>;
}
