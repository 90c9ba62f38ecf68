import { ApiProperty } from '@nestjs/swagger';
import { RatingColoursView } from './risk-settings.view.js';
import type {
  ReportAssessments,
  ReportChanges,
  ReportDecisions,
  ReportFindings,
  ReportIncidents,
  ReportTrendPoint,
} from './report-lists.view.js';

// `GET /api/v1/reports/supply-chain` (JSON) as classes, for the OpenAPI document. The controller
// assigns the report builder's result to SupplyChainReportView, so the type check refuses a field
// the builder drops or retypes, and the contract test (every e2e response checked against the
// document) refuses one the builder adds without describing it here. Money is whole pounds, dates
// YYYY-MM-DD, instants ISO-8601 UTC.

const RATING = { enum: ['low', 'medium', 'high', 'critical'] };

/** A monthly snapshot: its month and the day it was taken. */
export class ReportSnapshotRef {
  /** YYYY-MM */
  period: string;
  /** YYYY-MM-DD */
  takenOn: string;
}

/** What the supplier figures are of: today's (`snapshot` null) or a monthly snapshot's (`asOf` in the past). */
export class ReportBasis {
  snapshot: string | null;
  takenOn: string;
}

/** Records (or counts) by data classification. */
export class ReportClassificationCounts {
  public: number;
  official: number;
  personal: number;
  special_category: number;
}

/** Suppliers by inherent tier. */
export class ReportTierCounts {
  '1': number;
  '2': number;
  '3': number;
  '4': number;
}

export class ReportTier12 {
  suppliers: number;
  withCurrentAssessment: number;
  /** withCurrentAssessment / suppliers; null when there are none. */
  share: number | null;
}

export class ReportHeadline {
  suppliersInScope: number;
  byTier: ReportTierCounts;
  /** Suppliers by kind (only the kinds present). */
  byKind: Record<string, number>;
  valueAtRisk: number;
  netValueAtRisk: number;
  /** Records shared, summed over suppliers. */
  recordsShared: ReportClassificationCounts;
  /** Each dataset counted once however many suppliers hold it; null for a snapshot's pack. */
  recordsHeldDistinct: ReportClassificationCounts | null;
  tier12: ReportTier12;
  /** Suppliers with an assessment escalated to governance. */
  escalatedToGovernance: number;
}

export class ReportHeatMapCell {
  @ApiProperty({ minimum: 1, maximum: 5 })
  likelihood: number;
  @ApiProperty({ minimum: 1, maximum: 5 })
  impact: number;
  @ApiProperty(RATING)
  rating: string;
  colour: string;
  suppliers: number;
}

export class ReportRatingCounts {
  low: number;
  medium: number;
  high: number;
  critical: number;
}

export class ReportHeatMap {
  /** 25 cells, likelihood 5 down to 1, impact 1 to 5. */
  cells: ReportHeatMapCell[];
  colours: RatingColoursView;
  ratings: ReportRatingCounts;
}

export class ReportRecordsHeld {
  classification: string;
  records: number;
}

export class ReportDecisionRef {
  @ApiProperty({ enum: ['accept', 'mitigate', 'transfer', 'avoid'] })
  decision: string;
  reviewDate: string;
  expiresOn: string | null;
}

/** Why the supplier is where it is. */
export class ReportDrivers {
  records: ReportRecordsHeld[];
  criticality: string;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'], nullable: true })
  band: string | null;
  /** Critical questions failed in its latest completed review. */
  criticalFailures: string[];
  openFindings: number;
  decision: ReportDecisionRef | null;
}

/** One of the ten suppliers with the largest net value at risk. */
export class ReportTopRisk {
  supplierId: string;
  name: string;
  kind: string;
  tier: number;
  @ApiProperty(RATING)
  rating: string;
  likelihoodLevel: number;
  impactLevel: number;
  valueAtRisk: number;
  netValueAtRisk: number;
  drivers: ReportDrivers;
}

/** A data-sharing link that needs attention (no agreement, past its review or end date). */
export class ReportLinkProblem {
  linkId: string;
  supplierId: string;
  supplier: string;
  asset: string;
  records: number;
  /** The review or end date passed; null for a link without agreement. */
  date: string | null;
}

export class ReportLinkTotals {
  withoutAgreement: number;
  pastReview: number;
  pastEnd: number;
}

/** A supplier receiving patient data without a current DSPT of standards met or better. */
export class ReportDsptGap {
  supplierId: string;
  name: string;
  @ApiProperty({
    enum: ['standards_exceeded', 'standards_met', 'approaching_standards', 'standards_not_met', 'not_published'],
    nullable: true,
  })
  currentStatus: string | null;
  /** The latest DSPT recorded when none is current. */
  lastExpiredOn: string | null;
}

export class ReportDataExposure {
  heldByHighOrCritical: ReportClassificationCounts;
  heldByUniversitiesAndResearchPartners: ReportClassificationCounts;
  /** The largest (by records) of each kind; linkTotals counts them all. */
  linksWithoutAgreement: ReportLinkProblem[];
  linksPastReview: ReportLinkProblem[];
  linksPastEnd: ReportLinkProblem[];
  linkTotals: ReportLinkTotals;
  patientDataWithoutDspt: ReportDsptGap[];
}

export class ReportEntryPointTotals {
  suppliers: number;
  activePaths: number;
  withoutMfa: number;
  unmonitored: number;
  unreviewed: number;
  unsupportedDevices: number;
}

/** One supplier's weak ways into our systems. */
export class ReportSupplierEntryPoints {
  supplierId: string;
  supplier: string;
  activePaths: number;
  withoutMfa: number;
  unmonitored: number;
  /** Not reviewed for 12 months. */
  unreviewed: number;
  unsupportedDevices: number;
  /** The weak paths, described. */
  paths: string[];
}

export class ReportEntryPoints {
  totals: ReportEntryPointTotals;
  suppliers: ReportSupplierEntryPoints[];
}

/** The committee's supply-chain risk pack, as data. */
export class SupplyChainReportView {
  /** When the report was built (ISO-8601, UTC). */
  generatedAt: string;
  /** The day the figures are of (`YYYY-MM-DD`): today, or the `asOf` asked for. */
  asOf: string;
  /** Whether the supplier figures are today's or a monthly snapshot's. */
  basis: ReportBasis;
  /** The snapshot the `changes` compare with; null when none was taken before. */
  previousSnapshot: ReportSnapshotRef | null;
  /** Suppliers in scope by tier and kind, total value at risk and net (whole pounds a year), records shared, tier 1-2 assessment coverage. */
  headline: ReportHeadline;
  /** Suppliers by likelihood level (1-5) and impact level (1-5), each cell rated and coloured. */
  heatMap: ReportHeatMap;
  /** The ten suppliers with the largest net value at risk, with what drives each. */
  topRisks: ReportTopRisk[];
  /** Records held by high- and critical-rated suppliers and by universities and research partners, data-sharing links needing attention, patient data without a current DSPT. */
  dataExposure: ReportDataExposure;
  /** The ways suppliers reach into our systems, and the weak ones. */
  entryPoints: ReportEntryPoints;
  /** Assessments overdue, returned to the supplier, awaiting review, and reassessments due. */
  assessments: ReportAssessments;
  /** Open findings by severity and age, overdue remediation, and by framework. */
  findings: ReportFindings;
  /** Risk decisions: current by type, expired, lapsed acceptances, avoids overdue, what ends within 90 days, and the log. */
  decisions: ReportDecisions;
  /** Supplier incidents: how many are open, and the list. */
  incidents: ReportIncidents;
  /** What moved since the previous snapshot; null when no snapshot was taken before. */
  changes: ReportChanges | null;
  /** One point per monthly snapshot: suppliers, value at risk and net (whole pounds a year), suppliers by rating. */
  trends: ReportTrendPoint[];
}

/** `POST /api/v1/reports/snapshots`: this month's snapshot. */
export class SnapshotTakenView {
  /** YYYY-MM */
  period: string;
  /** YYYY-MM-DD */
  takenOn: string;
  /** Whether this call took it (false: the month's snapshot already existed, and is kept). */
  created: boolean;
}
