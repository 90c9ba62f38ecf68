export { DEFAULT_RISK_SETTINGS, CLASSIFICATIONS, CRITICALITIES, type RiskSettings, type Classification, type Criticality } from './settings.js';
export { inherentRisk, dataLoss, impactLevel, inherentTier, type InherentRisk, type SharedRecords, type AssetLoss } from './inherent-risk.js';
