import {
  CRITICALITIES,
  DEFAULT_RISK_SETTINGS,
  type Classification,
  type Criticality,
  type Pseudonymisation,
  type RiskSettings,
} from './settings.js';

/** One data-sharing link that counts (see `linkCounts`), as the risk model needs it. */
export interface SharedRecords {
  assetId: string;
  assetName: string;
  classification: Classification;
  recordCount: number;
  /** Default `identifiable` (factor 1). */
  pseudonymisation?: Pseudonymisation;
  linkId?: string;
  /** The link's status, for the explanation (an ended link still counts until destruction is confirmed). */
  status?: string;
}

/** A data-sharing link as the counting rule needs it. */
export interface LinkState {
  direction: 'outbound' | 'inbound' | 'both' | string;
  status: 'proposed' | 'active' | 'suspended' | 'ended' | string;
  destructionConfirmedOn: string | null;
}

/** Link statuses whose records may be held by the supplier (section 4); `ended` only until destruction is confirmed. */
export const HELD_LINK_STATUSES = ['active', 'suspended', 'ended'] as const;
/** Directions in which our data goes to the supplier (an `inbound` link is data we receive from them). */
export const OUTBOUND_DIRECTIONS = ['outbound', 'both'] as const;

/**
 * Whether a link's records count as held by the supplier (risk-model section 4): it sends our data
 * out (`outbound` or `both`), and is active, suspended (suspending stops new flows, not what is
 * held), or ended without a confirmed destruction date. A proposed link never counts. SQL applies
 * the same rule with `HELD_LINK_STATUSES` and `OUTBOUND_DIRECTIONS` as parameters.
 */
export function linkCounts(link: LinkState): boolean {
  return (
    (OUTBOUND_DIRECTIONS as readonly string[]).includes(link.direction) &&
    (HELD_LINK_STATUSES as readonly string[]).includes(link.status) &&
    link.destructionConfirmedOn === null
  );
}

export interface AssetLoss {
  assetId: string;
  assetName: string;
  classification: Classification;
  /** n: the record count of the link that gives this asset its largest loss (records held, not added up across links). */
  records: number;
  /** That link's pseudonymisation and factor. */
  pseudonymisation: Pseudonymisation;
  factor: number;
  linkId: string | null;
  /** Links of this asset that count (the largest loss is taken, the same records are not lost twice). */
  links: number;
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
    pseudonymisationFactor: RiskSettings['pseudonymisationFactor'];
    impactThresholds: number[];
    tierRule: string;
    reassessmentMonths: number;
  };
}

/**
 * Data loss of one asset (risk-model section 4):
 * rate x (min(n, 1e5) + 0.1 x clamp(n - 1e5, 0, 9.9e6) + 0.01 x max(n - 1e7, 0)).
 */
export function dataLoss(
  classification: Classification,
  records: number,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): Pick<AssetLoss, 'classification' | 'records' | 'ratePerRecord' | 'recordsByTier' | 'dataLoss'> {
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

/** Inherent tier (section 6): from impact level and service criticality, before any answer (thresholds from the settings). */
export function inherentTier(
  impact: number,
  criticality: Criticality,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): { tier: 1 | 2 | 3 | 4; rule: string } {
  const rule = settings.tierRule;
  const atLeast = (c: Criticality) => CRITICALITIES.indexOf(criticality) >= CRITICALITIES.indexOf(c);
  for (const tier of [1, 2, 3] as const) {
    const level = rule.impactLevel[tier];
    if (impact >= level || atLeast(rule.criticality[tier])) {
      return { tier, rule: `impact level ${level} or more, or criticality ${rule.criticality[tier]} or more` };
    }
  }
  return { tier: 4, rule: `impact level below ${rule.impactLevel[3]} and criticality below ${rule.criticality[3]}` };
}

/**
 * One link's data loss (section 4): `factor x rate x tiered records`, with the factor of its
 * pseudonymisation (identifiable 1, pseudonymised 0.5, anonymised 0 by default).
 */
export function linkLoss(link: SharedRecords, settings: RiskSettings = DEFAULT_RISK_SETTINGS): AssetLoss {
  const pseudonymisation = link.pseudonymisation ?? 'identifiable';
  const factor = settings.pseudonymisationFactor[pseudonymisation];
  const loss = dataLoss(link.classification, link.recordCount, settings);
  return {
    assetId: link.assetId,
    assetName: link.assetName,
    ...loss,
    pseudonymisation,
    factor,
    linkId: link.linkId ?? null,
    links: 1,
    dataLoss: factor * loss.dataLoss,
  };
}

/**
 * Single-loss estimate, impact level and inherent tier of a supplier from the records it holds
 * through its counting links (`linkCounts`) and its service criticality, with every input that made them.
 */
export function inherentRisk(
  criticality: Criticality,
  links: SharedRecords[],
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): InherentRisk {
  // The same records shared twice are not lost twice: per asset, the link with the largest loss counts.
  const byAsset = new Map<string, AssetLoss>();
  for (const link of links) {
    const loss = linkLoss(link, settings);
    const seen = byAsset.get(link.assetId);
    if (!seen) byAsset.set(link.assetId, loss);
    else if (loss.dataLoss > seen.dataLoss || (loss.dataLoss === seen.dataLoss && loss.records > seen.records))
      byAsset.set(link.assetId, { ...loss, links: seen.links + 1 });
    else seen.links += 1;
  }
  const assets: AssetLoss[] = [...byAsset.values()].sort(
    (a, b) => b.dataLoss - a.dataLoss || a.assetName.localeCompare(b.assetName),
  );
  const totalDataLoss = assets.reduce((sum, asset) => sum + asset.dataLoss, 0);
  const operational = settings.operationalLoss[criticality];
  const sle = totalDataLoss + operational;
  const impact = impactLevel(sle, settings);
  const { tier, rule } = inherentTier(impact, criticality, settings);
  return {
    tier,
    impactLevel: impact,
    singleLossEstimate: Math.round(sle),
    explanation: {
      criticality,
      operationalLoss: operational,
      dataLoss: Math.round(totalDataLoss),
      assets,
      pseudonymisationFactor: settings.pseudonymisationFactor,
      impactThresholds: settings.impactThresholds,
      tierRule: rule,
      reassessmentMonths: settings.reassessmentMonths[tier],
    },
  };
}
