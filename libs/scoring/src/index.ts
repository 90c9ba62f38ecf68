export { DEFAULT_RISK_SETTINGS, CLASSIFICATIONS, CRITICALITIES, BANDS, type RiskSettings, type Classification, type Criticality, type Band } from './settings.js';
export { inherentRisk, dataLoss, impactLevel, inherentTier, type InherentRisk, type SharedRecords, type AssetLoss } from './inherent-risk.js';
export { scoreAssessment, questionScore, band, isShown, type AssessmentScore, type Finding, type ScoredAnswer, type CountedQuestion } from './control-score.js';
export { likelihood, valueAtRisk, residualRating, RATINGS, type Likelihood, type Insurance, type Rating } from './value-at-risk.js';
export { currentRisk, monthsBetween, type CurrentRisk, type LatestAssessment, type TierOverride } from './current-risk.js';
export { resolveRiskSettings, reassessmentMonthsByTier, RiskSettingsError } from './settings.js';
export { RISK_SETTINGS, RiskSettingsModule, riskSettingsFrom } from './risk-settings.module.js';
export { simulateLossDistribution, lossSimulationSource, type LossDistribution, type LossExposure, type LossSummary, type LossSimulationSettings } from './loss-distribution.js';
export { pathToBand, reductionPerPound, riskReductions, withQuestionsMet, type PathToBand, type WhatIf, type WhatIfOutcome } from './countermeasures.js';
