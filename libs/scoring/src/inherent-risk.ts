import { DEFAULT_RISK_SETTINGS, type Classification, type Criticality, type RiskSettings } from './settings.js';

/** One active data-sharing link, as the risk model needs it. */
export interface SharedRecords {
  assetId: string;
  assetName: string;
  classification: Classification;
  recordCount: number;
}

export interface AssetLoss {
  assetId: string;
  assetName: string;
  classification: Classification;
  /** n: the largest record count among the active links of this asset. */
  records: number;
  ratePerRecord: number;
  /** Records counted at the full rate, at the middle tier's rate and at the top tier's rate. */
  recordsByTier: { full: number; middle: number; top: number };
  dataLoss: number;
}

export interface InherentRisk {
  tier: 1 | 2 | 3 | 4;
  impactLevel: 1 | 2 | 3 | 4 | 5;
  /** Whole pounds, rounded only here. */
  singleLossEstimate: number;
  explanation: {
    criticality: Criticality;
    operationalLoss: number;
    dataLoss: number;
    assets: AssetLoss[];
    impactThresholds: number[];
    tierRule: string;
    reassessmentMonths: number;
  };
}

/**
 * Data loss of one asset (risk-model section 4):
 * rate x (min(n, 1e5) + 0.1 x clamp(n - 1e5, 0, 9.9e6) + 0.01 x max(n - 1e7, 0)).
 */
export function dataLoss(classification: Classification, records: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): Omit<AssetLoss, 'assetId' | 'assetName'> {
  const { fullRateRecords, midTierLimit, midTierFactor, topTierFactor } = settings.recordTiers;
  const rate = settings.recordRates[classification];
  const full = Math.min(records, fullRateRecords);
  const middle = Math.min(Math.max(records - fullRateRecords, 0), midTierLimit - fullRateRecords);
  const top = Math.max(records - midTierLimit, 0);
  return {
    classification,
    records,
    ratePerRecord: rate,
    recordsByTier: { full, middle, top },
    dataLoss: rate * (full + midTierFactor * middle + topTierFactor * top),
  };
}

/** Impact level 1..5 from a single-loss estimate. */
export function impactLevel(sle: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): 1 | 2 | 3 | 4 | 5 {
  const index = settings.impactThresholds.findIndex((bound) => sle < bound);
  return (index === -1 ? 5 : index + 1) as 1 | 2 | 3 | 4 | 5;
}

/** Inherent tier (section 6): from impact level and service criticality, before any answer. */
export function inherentTier(impact: number, criticality: Criticality): { tier: 1 | 2 | 3 | 4; rule: string } {
  if (impact >= 4 || criticality === 'critical') return { tier: 1, rule: 'impact level >= 4 or criticality critical' };
  if (impact === 3 || criticality === 'high') return { tier: 2, rule: 'impact level 3 or criticality high' };
  if (impact === 2 || criticality === 'moderate') return { tier: 3, rule: 'impact level 2 or criticality moderate' };
  return { tier: 4, rule: 'impact level 1 and criticality low or none' };
}

/**
 * Single-loss estimate, impact level and inherent tier of a supplier from the records it receives
 * through its active links and its service criticality, with every input that made them.
 */
export function inherentRisk(criticality: Criticality, links: SharedRecords[], settings: RiskSettings = DEFAULT_RISK_SETTINGS): InherentRisk {
  // The same records shared twice are not lost twice: per asset, the largest active link counts.
  const byAsset = new Map<string, SharedRecords>();
  for (const link of links) {
    const seen = byAsset.get(link.assetId);
    if (!seen || link.recordCount > seen.recordCount) byAsset.set(link.assetId, link);
  }
  const assets: AssetLoss[] = [...byAsset.values()]
    .map((link) => ({ assetId: link.assetId, assetName: link.assetName, ...dataLoss(link.classification, link.recordCount, settings) }))
    .sort((a, b) => b.dataLoss - a.dataLoss || a.assetName.localeCompare(b.assetName));
  const totalDataLoss = assets.reduce((sum, asset) => sum + asset.dataLoss, 0);
  const operational = settings.operationalLoss[criticality];
  const sle = totalDataLoss + operational;
  const impact = impactLevel(sle, settings);
  const { tier, rule } = inherentTier(impact, criticality);
  return {
    tier,
    impactLevel: impact,
    singleLossEstimate: Math.round(sle),
    explanation: {
      criticality,
      operationalLoss: operational,
      dataLoss: Math.round(totalDataLoss),
      assets,
      impactThresholds: settings.impactThresholds,
      tierRule: rule,
      reassessmentMonths: settings.reassessmentMonths[tier],
    },
  };
}
