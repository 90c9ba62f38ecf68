export {
  CLASSIFICATIONS,
  CRITICALITIES,
  BANDS,
  PSEUDONYMISATIONS,
  SEVERITIES,
  type RiskSettings,
  type Classification,
  type Criticality,
  type Band,
  type Pseudonymisation,
  type Severity,
} from './settings.js';
export {
  inherentRisk,
  linkCounts,
  impactLevel,
  HELD_LINK_STATUSES,
  OUTBOUND_DIRECTIONS,
  type InherentRisk,
  type SharedRecords,
  type AssetLoss,
  type LinkState,
} from './inherent-risk.js';
export {
  scoreAssessment,
  questionScore,
  band,
  isShown,
  type AssessmentScore,
  type BandCap,
  type Finding,
  type ScoredAnswer,
  type CountedQuestion,
} from './control-score.js';
export {
  likelihood,
  valueAtRisk,
  heatMapCells,
  RATINGS,
  type Likelihood,
  type Insurance,
  type Rating,
} from './value-at-risk.js';
export {
  currentRisk,
  type CurrentRisk,
  type LatestAssessment,
  type CountedAssessment,
  type SupplierBand,
  type TierOverride,
} from './current-risk.js';
export { reassessmentMonthsByTier } from './settings.js';
export { RISK_SETTINGS, RiskSettingsModule } from './risk-settings.module.js';
export {
  withEntryPoints,
  unprotectedEntryPoints,
  type EntryPoint,
  type WeakEntryPoint,
  type EntryPointsExplanation,
  type RiskWithEntryPoints,
} from './entry-points.js';
export {
  simulateLossDistribution,
  lossSimulationSource,
  type LossDistribution,
  type LossExposure,
  type LossSummary,
  type LossSimulationSettings,
} from './loss-distribution.js';
export {
  pathToBand,
  reductionPerPound,
  riskReductions,
  withQuestionsMet,
  type PathToBand,
  type WhatIf,
  type WhatIfOutcome,
} from './countermeasures.js';
export {
  EXPIRING_DECISIONS,
  decisionLapsesOn,
  decisionIsCurrent,
  decisionLapsesOnSql,
  decisionIsCurrentSql,
  type DecisionDates,
} from './decision-dates.js';
