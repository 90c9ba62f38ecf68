/**
 * Every default of the risk model (shared/spec/risk-model.md), in one object. A deployment may
 * override it; nothing else in the code holds a rate, a threshold or a tier rule.
 */
export const CLASSIFICATIONS = ['public', 'official', 'personal', 'special_category'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CRITICALITIES = ['none', 'low', 'moderate', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export interface RiskSettings {
  /** GBP per record lost, by classification (section 4). */
  recordRates: Record<Classification, number>;
  /** Record tiers: the first `fullRateRecords` at the full rate, up to `midTierLimit` at `midTierFactor`, above at `topTierFactor`. */
  recordTiers: { fullRateRecords: number; midTierLimit: number; midTierFactor: number; topTierFactor: number };
  /** GBP of operational loss by service criticality (section 4). */
  operationalLoss: Record<Criticality, number>;
  /** Upper bounds (exclusive) of impact levels 1..4; at or above the last is level 5 (section 4). */
  impactThresholds: [number, number, number, number];
  /** Reassessment interval in months by tier (section 6). */
  reassessmentMonths: Record<1 | 2 | 3 | 4, number>;
}

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  recordRates: { public: 0, official: 0, personal: 120, special_category: 180 },
  recordTiers: { fullRateRecords: 100_000, midTierLimit: 10_000_000, midTierFactor: 0.1, topTierFactor: 0.01 },
  operationalLoss: { none: 0, low: 50_000, moderate: 500_000, high: 5_000_000, critical: 30_000_000 },
  impactThresholds: [100_000, 1_000_000, 10_000_000, 30_000_000],
  reassessmentMonths: { 1: 12, 2: 12, 3: 24, 4: 36 },
};
