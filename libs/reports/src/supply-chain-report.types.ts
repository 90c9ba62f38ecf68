import type { EntryPointsPack } from '@app/access-paths';
import type { DsptGap } from '@app/certifications';
import type { heatMapCells, RiskSettings } from '@app/scoring';
import type { decisionAlerts } from './decision-alerts.query.js';
import type { SnapshotRef } from './snapshots.js';

/** The shape of `GET /api/v1/reports/supply-chain`, section by section: what the committee pack says. */

export const RATINGS = ['low', 'medium', 'high', 'critical'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const CLASSIFICATIONS = ['public', 'official', 'personal', 'special_category'] as const;

export type Rating = (typeof RATINGS)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type RecordCounts = Record<Classification, number>;

export interface Headline {
  suppliersInScope: number;
  byTier: Record<'1' | '2' | '3' | '4', number>;
  byKind: Record<string, number>;
  valueAtRisk: number;
  netValueAtRisk: number;
  recordsShared: RecordCounts;
  /** Each dataset once, however many suppliers hold it (today's ledger only; null for a snapshot). */
  recordsHeldDistinct: RecordCounts | null;
  tier12: { suppliers: number; withCurrentAssessment: number; share: number | null };
  escalatedToGovernance: number;
}

export interface HeatMap {
  cells: (ReturnType<typeof heatMapCells>[number] & { suppliers: number })[];
  colours: RiskSettings['ratingColours'];
  ratings: Record<Rating, number>;
}

export interface TopRisk {
  supplierId: string;
  name: string;
  kind: string;
  tier: number;
  rating: string;
  likelihoodLevel: number;
  impactLevel: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  drivers: {
    records: { classification: string; records: number }[];
    criticality: string;
    band: string | null;
    criticalFailures: string[];
    openFindings: number;
    decision: { decision: string; reviewDate: string; expiresOn: string | null } | null;
  };
}

export interface LinkProblem {
  linkId: string;
  supplierId: string;
  supplier: string;
  asset: string;
  records: number;
  date: string | null;
}

export interface DataExposure {
  heldByHighOrCritical: RecordCounts;
  heldByUniversitiesAndResearchPartners: RecordCounts;
  linksWithoutAgreement: LinkProblem[];
  linksPastReview: LinkProblem[];
  linksPastEnd: LinkProblem[];
  linkTotals: { withoutAgreement: number; pastReview: number; pastEnd: number };
  /** Suppliers receiving patient data without a current DSPT of standards met or better. */
  patientDataWithoutDspt: DsptGap[];
}

export interface AssessmentsSection {
  overdue: {
    assessmentId: string;
    supplierId: string;
    supplier: string;
    questionnaireKey: string;
    dueDate: string;
    daysOverdue: number;
    escalationLevel: number;
  }[];
  returned: { assessmentId: string; supplierId: string; supplier: string; questionnaireKey: string; dueDate: string }[];
  awaitingReview: {
    assessmentId: string;
    supplierId: string;
    supplier: string;
    questionnaireKey: string;
    submittedAt: string | null;
  }[];
  reassessmentsDue: { supplierId: string; supplier: string; tier: number }[];
  reassessmentsDueTotal: number;
}

export interface FindingsSection {
  openBySeverity: Record<Severity, { total: number; under30Days: number; from30To90Days: number; over90Days: number }>;
  overdueRemediation: number;
  byFramework: { framework: string; group: string; openFindings: number; suppliers: number }[];
}

export type DecisionAlerts = Awaited<ReturnType<typeof decisionAlerts>>;

export type DecisionsSection = DecisionAlerts & {
  currentByType: Record<'accept' | 'mitigate' | 'transfer' | 'avoid', number>;
  expiringWithin90Days: { kind: string; id: string; supplierId: string; supplier: string; date: string }[];
  logSince: string;
  log: {
    id: string;
    supplierId: string;
    supplier: string;
    decision: string;
    rationale: string;
    decidedOn: string;
    decidedBy: string | null;
  }[];
};

export interface IncidentsSection {
  open: number;
  items: {
    incidentId: string;
    supplierId: string;
    supplier: string;
    severity: string;
    status: string;
    detectedAt: string;
    recordsExposed: number;
    followUp: string | null;
    linksSuspended: number;
  }[];
}

export interface ChangesSection {
  since: SnapshotRef;
  newSuppliers: { supplierId: string; name: string }[];
  offboarded: { supplierId: string; name: string }[];
  ratingUp: { supplierId: string; name: string; from: string | null; to: string | null }[];
  ratingDown: { supplierId: string; name: string; from: string | null; to: string | null }[];
  valueAtRiskChange: number;
  netValueAtRiskChange: number;
}

export interface TrendPoint {
  period: string;
  suppliers: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  ratings: Record<string, number>;
}

/** The committee's pack, as data. */
export interface SupplyChainReport {
  generatedAt: string;
  asOf: string;
  basis: { snapshot: string | null; takenOn: string };
  previousSnapshot: SnapshotRef | null;
  headline: Headline;
  heatMap: HeatMap;
  topRisks: TopRisk[];
  dataExposure: DataExposure;
  entryPoints: EntryPointsPack;
  assessments: AssessmentsSection;
  findings: FindingsSection;
  decisions: DecisionsSection;
  incidents: IncidentsSection;
  changes: ChangesSection | null;
  trends: TrendPoint[];
}
