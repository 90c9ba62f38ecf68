import { ApiProperty } from '@nestjs/swagger';
import { PseudonymisationFactorView, RatingBoundsView } from '@app/suppliers';

// `GET /api/v1/settings/risk` as classes, for the OpenAPI document: the risk model's settings in force
// (libs/scoring settings.ts holds what each means; docs/risk-method.md the method). The controller is
// typed with them, so a setting added there and not here fails the type check or the contract test.

const BAND = { enum: ['A', 'B', 'C', 'D', 'E'] };
const CRITICALITY = { enum: ['none', 'low', 'moderate', 'high', 'critical'] };

/** Lowest overall score of each band A..D; below D's is E. */
export class BandThresholdsView {
  A: number;
  B: number;
  C: number;
  D: number;
}

export class LikelihoodView {
  /** Annual probability of a breach. */
  probability: number;
  /** Heat-map likelihood level, 1..5. */
  @ApiProperty({ minimum: 1, maximum: 5 })
  level: number;
}

/** By band, and for a supplier never assessed. */
export class LikelihoodByBandView {
  A: LikelihoodView;
  B: LikelihoodView;
  C: LikelihoodView;
  D: LikelihoodView;
  E: LikelihoodView;
  never: LikelihoodView;
}

/** GBP per record lost, by classification. */
export class RecordRatesView {
  public: number;
  official: number;
  personal: number;
  special_category: number;
}

export class RecordTiersView {
  fullRateRecords: number;
  midTierLimit: number;
  midTierFactor: number;
  topTierFactor: number;
}

/** GBP of operational loss by service criticality. */
export class OperationalLossView {
  none: number;
  low: number;
  moderate: number;
  high: number;
  critical: number;
}

/** Months between assessments, by inherent tier. */
export class ReassessmentMonthsView {
  '1': number;
  '2': number;
  '3': number;
  '4': number;
}

export class TierImpactLevelsView {
  '1': number;
  '2': number;
  '3': number;
}

export class TierCriticalitiesView {
  @ApiProperty(CRITICALITY)
  '1': string;
  @ApiProperty(CRITICALITY)
  '2': string;
  @ApiProperty(CRITICALITY)
  '3': string;
}

/** The lowest impact level, or the criticality, that puts a supplier in tiers 1, 2 and 3 (tier 4 otherwise). */
export class TierRuleView {
  impactLevel: TierImpactLevelsView;
  criticality: TierCriticalitiesView;
}

/** The band a critical question caps at: scored 0 (failure), or answered partially. */
export class CriticalCapsView {
  @ApiProperty(BAND)
  failure: string;
  @ApiProperty(BAND)
  partial: string;
}

/** Days from the completed review, by severity. */
export class RemediationDaysView {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** Heat-map colour (#rrggbb) of each residual rating. */
export class RatingColoursView {
  low: string;
  medium: string;
  high: string;
  critical: string;
}

/** Every rate, threshold, probability and interval of the risk model in force. */
export class RiskSettingsView {
  bandThresholds: BandThresholdsView;
  likelihood: LikelihoodByBandView;
  /** Findings at or above this weight are one severity higher for non-critical questions. */
  findingHighWeight: number;
  ratingBounds: RatingBoundsView;
  recordRates: RecordRatesView;
  recordTiers: RecordTiersView;
  operationalLoss: OperationalLossView;
  /** Upper bounds (exclusive) of impact levels 1..4 in GBP; at or above the last is level 5. */
  @ApiProperty({ type: [Number], minItems: 4, maxItems: 4 })
  impactThresholds: number[];
  reassessmentMonths: ReassessmentMonthsView;
  /** Sigma of the lognormal event-size factor of the loss distribution. */
  lossSpread: number;
  /** Years simulated for the loss distribution. */
  simulationYears: number;
  /** Seed of the loss distribution's generator. */
  simulationSeed: number;
  tierRule: TierRuleView;
  criticalCaps: CriticalCapsView;
  /** Bands an out-of-date assessment drops. */
  stalenessSteps: number;
  pseudonymisationFactor: PseudonymisationFactorView;
  remediationDays: RemediationDaysView;
  /** The longest a finding acceptance or an `accept` decision may run, in months. */
  maxAcceptanceMonths: number;
  ratingColours: RatingColoursView;
}
