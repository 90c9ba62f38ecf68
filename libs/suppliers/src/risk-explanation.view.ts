import { ApiProperty } from '@nestjs/swagger';
import { BANDS, CLASSIFICATIONS, CRITICALITIES, PSEUDONYMISATIONS } from '@app/scoring';

// A supplier's figures with every input that made them (risk-model.md), as classes for the OpenAPI
// document: what `inherentRisk` (GET /api/v1/suppliers/:id) and `explanation` (GET .../risk) carry.
// The libs/scoring types build them; the view functions assign those types to these classes, so a
// field the model adds and these leave out is a type error or a contract failure in the tests.

const BAND_USED = {
  enum: [...BANDS, 'never'],
  description: 'The band the likelihood is read from; `never`: no counting assessment.',
};

/** Records counted at the full rate, at the middle tier's rate and at the top tier's rate. */
export class RecordsByTierView {
  full: number;
  middle: number;
  top: number;
}

/** One data asset the supplier holds and its loss (risk-model section 4): the counting link with the largest loss. */
export class AssetLossView {
  assetId: string;
  assetName: string;
  @ApiProperty({ enum: CLASSIFICATIONS })
  classification: string;
  /** Records of the link that gives this asset its largest loss (records held, not added up across links). */
  records: number;
  /** That link's pseudonymisation and its factor. */
  @ApiProperty({ enum: PSEUDONYMISATIONS })
  pseudonymisation: string;
  factor: number;
  linkId: string | null;
  /** Links of this asset that count (the same records are not lost twice). */
  links: number;
  /** GBP per record lost, for the classification. */
  ratePerRecord: number;
  recordsByTier: RecordsByTierView;
  /** GBP, unrounded. */
  dataLoss: number;
}

/** Data-loss factor of a link by pseudonymisation. */
export class PseudonymisationFactorView {
  identifiable: number;
  pseudonymised: number;
  anonymised: number;
}

/** The single-loss estimate with its inputs (risk-model section 4): the supplier's `inherentRisk`. */
export class SingleLossEstimateView {
  /** The service criticality that sets the operational loss. */
  @ApiProperty({ enum: CRITICALITIES })
  criticality: string;
  /** GBP. */
  operationalLoss: number;
  /** GBP, the assets' losses added up and rounded. */
  dataLoss: number;
  /** Largest loss first. */
  assets: AssetLossView[];
  pseudonymisationFactor: PseudonymisationFactorView;
  /** Single-loss estimates (GBP) at which impact levels 2, 3, 4 and 5 begin. */
  impactThresholds: number[];
  /** The rule that gave the inherent tier, in words. */
  tierRule: string;
  /** Months between assessments at that tier. */
  reassessmentMonths: number;
  /** The single-loss estimate in whole pounds. */
  total: number;
}

/** Governance's override of the computed tier, with its reason. */
export class TierOverrideReasonView {
  @ApiProperty({ minimum: 1, maximum: 4 })
  tier: number;
  reason: string;
}

export class TierExplanationView {
  /** The tier the figures gave, 1 (highest) to 4, before any override. */
  @ApiProperty({ minimum: 1, maximum: 4 })
  inherent: number;
  rule: string;
  override: TierOverrideReasonView | null;
  /** Months between assessments at the tier in force. */
  reassessmentMonths: number;
}

/** A knock-out that capped the band: the cap and the critical questions that caused it. */
export class BandCapView {
  @ApiProperty({ enum: BANDS })
  band: string;
  /** `failure`: a critical question scored 0; `partial`: one scored between 0 and 1. */
  @ApiProperty({ enum: ['failure', 'partial'] })
  kind: string;
  questions: string[];
}

/** A completed security assessment that counts for the likelihood (the latest of its questionnaire). */
export class CountedAssessmentView {
  assessmentId: string;
  questionnaireKey?: string;
  /** Its band as scored (null: nothing in it was scorable). */
  @ApiProperty({ enum: BANDS, nullable: true })
  band: string | null;
  /** YYYY-MM-DD */
  completedOn: string;
  overall?: number | null;
  @ApiProperty({ enum: BANDS, nullable: true, required: false })
  uncappedBand?: string | null;
  cap?: BandCapView | null;
  /** Months since completion, to one decimal place. */
  ageMonths: number;
  /** Its band after the staleness rule (one band worse when older than the tier's interval). */
  @ApiProperty({ enum: BANDS })
  bandUsed: string;
  expired: boolean;
}

/** The likelihood (risk-model section 3): the band used and the probability read from it. */
export class LikelihoodExplanationView {
  /** The assessment that set the band used (the weakest link). */
  latestAssessment: CountedAssessmentView | null;
  /** Every assessment that counted. */
  assessments: CountedAssessmentView[];
  ageMonths: number | null;
  @ApiProperty(BAND_USED)
  bandUsed: string;
  /** Annual probability of a loss event, 0 to 1. */
  probability: number;
  /** The probability in words ("8% chance a year of a breach or outage that affects us"). */
  probabilityText: string;
  /** Heat-map likelihood level, 1 to 5. */
  @ApiProperty({ minimum: 1, maximum: 5 })
  level: number;
  /** Why an assessment counted as out of date, or null. */
  expiredBecause: string | null;
}

/** Current insurance from a `transfer` decision, and how much of a single loss it covers (GBP). */
export class InsuranceCoverView {
  limit: number;
  excess: number;
  covered: number;
}

/** VaR = p x SLE, and net VaR after insurance (risk-model section 5), as worked sums. */
export class ValueAtRiskExplanationView {
  meaning: string;
  formula: string;
  insurance: InsuranceCoverView | null;
  netFormula: string;
}

/** Upper bounds of the low, medium and high residual ratings (likelihood level x impact level). */
export class RatingBoundsView {
  low: number;
  medium: number;
  high: number;
}

/** The residual rating's heat-map cell (risk-model section 5). */
export class RatingExplanationView {
  /** Likelihood level x impact level. */
  cell: number;
  likelihoodLevel: number;
  impactLevel: number;
  bounds: RatingBoundsView;
}

/** An active way into our systems that counts against the supplier, and why. */
export class WeakEntryPointView {
  id: string;
  kind: string;
  description: string;
  @ApiProperty({ type: 'array', items: { type: 'string', enum: ['no MFA', 'not monitored'] } })
  reasons: string[];
}

/** The entry-point step (risk-model section 3): an unprotected way in worsens the band used by one step. */
export class EntryPointsExplanationView {
  /** Active paths with MFA `none` or not monitored. */
  unprotected: WeakEntryPointView[];
  @ApiProperty(BAND_USED)
  bandBefore: string;
  @ApiProperty(BAND_USED)
  bandAfter: string;
  /** True when the step moved the band (one step at most, whatever the number of paths). */
  stepApplied: boolean;
}

/** Every input of a supplier's figures, and the sentence that explains them (`GET /api/v1/suppliers/:id/risk`). */
export class RiskExplanationView {
  tier: TierExplanationView;
  likelihood: LikelihoodExplanationView;
  singleLossEstimate: SingleLossEstimateView;
  valueAtRisk: ValueAtRiskExplanationView;
  rating: RatingExplanationView;
  /** The figures in a sentence a committee can read. */
  summary: string;
  /** The entry-point step; absent until the supplier's ways in were first weighed (a supplier just created). */
  entryPoints?: EntryPointsExplanationView;
}
