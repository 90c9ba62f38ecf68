/**
 * Every default of the risk model (docs/risk-method.md), in one object. A deployment may
 * override it; nothing else in the code holds a rate, a threshold or a tier rule.
 */
export const CLASSIFICATIONS = ['public', 'official', 'personal', 'special_category'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CRITICALITIES = ['none', 'low', 'moderate', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const BANDS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Band = (typeof BANDS)[number];

export const PSEUDONYMISATIONS = ['identifiable', 'pseudonymised', 'anonymised'] as const;
export type Pseudonymisation = (typeof PSEUDONYMISATIONS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface RiskSettings {
  /** Lowest overall score of each band A..D; below D's is E (section 1). */
  bandThresholds: { A: number; B: number; C: number; D: number };
  /** Annual probability and heat-map likelihood level by band, and for a supplier never assessed (section 3). */
  likelihood: Record<Band | 'never', { probability: number; level: 1 | 2 | 3 | 4 | 5 }>;
  /** Findings at or above this weight are one severity higher for non-critical questions (section 2). */
  findingHighWeight: number;
  /** Residual rating bands of likelihood level x impact level (section 5): upper bounds of low, medium, high. */
  ratingBounds: { low: number; medium: number; high: number };
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
  /** Sigma of the lognormal event-size factor f (mean 1) of the loss distribution; 0: every event costs the SLE (section 9). */
  lossSpread: number;
  /** Years simulated for the loss distribution (section 9). */
  simulationYears: number;
  /** Seed of the loss distribution's generator: the same seed and inputs give the same figures (section 9). */
  simulationSeed: number;
  /**
   * Inherent tier rule (section 6): the lowest impact level that puts a supplier in tiers 1, 2 and 3,
   * and the criticality that does (tier 4 otherwise).
   */
  tierRule: {
    impactLevel: { 1: number; 2: number; 3: number };
    criticality: { 1: Criticality; 2: Criticality; 3: Criticality };
  };
  /** Knock-out caps (section 1): a critical question scored 0 caps the band here, a partial answer there. */
  criticalCaps: { failure: Band; partial: Band };
  /** Bands an out-of-date assessment drops (section 3). */
  stalenessSteps: number;
  /** Data-loss factor of a link by pseudonymisation (section 4). */
  pseudonymisationFactor: Record<Pseudonymisation, number>;
  /** Default remediation time of a finding by severity, in days from the completed review (section 2). */
  remediationDays: Record<Severity, number>;
  /** The longest a finding acceptance or an `accept` decision may run, in months (section 7). */
  maxAcceptanceMonths: number;
  /** Heat-map colour of each residual rating (section 5); the cells follow `ratingBounds`. */
  ratingColours: Record<'low' | 'medium' | 'high' | 'critical', string>;
}

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  bandThresholds: { A: 90, B: 75, C: 60, D: 40 },
  likelihood: {
    A: { probability: 0.025, level: 1 },
    B: { probability: 0.04, level: 2 },
    C: { probability: 0.06, level: 3 },
    D: { probability: 0.08, level: 4 },
    E: { probability: 0.1, level: 5 },
    never: { probability: 0.1, level: 5 },
  },
  findingHighWeight: 3,
  ratingBounds: { low: 4, medium: 9, high: 14 },
  recordRates: { public: 0, official: 0, personal: 120, special_category: 180 },
  recordTiers: { fullRateRecords: 100_000, midTierLimit: 10_000_000, midTierFactor: 0.1, topTierFactor: 0.01 },
  operationalLoss: { none: 0, low: 50_000, moderate: 500_000, high: 5_000_000, critical: 30_000_000 },
  impactThresholds: [100_000, 1_000_000, 10_000_000, 30_000_000],
  reassessmentMonths: { 1: 12, 2: 12, 3: 24, 4: 36 },
  lossSpread: 0.8,
  simulationYears: 20_000,
  simulationSeed: 1,
  tierRule: { impactLevel: { 1: 4, 2: 3, 3: 2 }, criticality: { 1: 'critical', 2: 'high', 3: 'moderate' } },
  criticalCaps: { failure: 'D', partial: 'C' },
  stalenessSteps: 1,
  pseudonymisationFactor: { identifiable: 1, pseudonymised: 0.5, anonymised: 0 },
  remediationDays: { critical: 30, high: 60, medium: 90, low: 180 },
  maxAcceptanceMonths: 12,
  ratingColours: { low: '#007f3b', medium: '#ffeb3b', high: '#ed8b00', critical: '#d5281b' },
};

/** Reassessment months of tiers 1..4 as a list (index 0 is tier 1), for SQL's `($n::int[])[tier]`. */
export function reassessmentMonthsByTier(settings: RiskSettings): number[] {
  return ([1, 2, 3, 4] as const).map((tier) => settings.reassessmentMonths[tier]);
}

export class RiskSettingsError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`Invalid risk settings:\n${problems.map((p) => `  - ${p.path} ${p.message}`).join('\n')}`);
    this.name = 'RiskSettingsError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep-merges a partial override over the defaults; unknown keys are errors, not silently ignored. */
function merge(base: unknown, override: unknown, path: string, problems: { path: string; message: string }[]): unknown {
  if (override === undefined) return base;
  if (isObject(base)) {
    if (!isObject(override)) {
      problems.push({ path, message: 'must be an object' });
      return base;
    }
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      if (!(key in base)) problems.push({ path: `${path}.${key}`, message: 'is not a setting of the risk model' });
      else out[key] = merge(base[key], value, `${path}.${key}`, problems);
    }
    return out;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(override) || override.length !== base.length)
      problems.push({ path, message: `must be a list of ${base.length} numbers` });
    else return override.map((v, i) => merge(base[i], v, `${path}[${i}]`, problems));
    return base;
  }
  if (typeof base === 'string') {
    if (typeof override !== 'string' || override.length === 0 || override.length > 40)
      problems.push({ path, message: 'must be a short text value' });
    else return override;
    return base;
  }
  if (typeof override !== 'number' || !Number.isFinite(override) || override < 0) {
    problems.push({ path, message: 'must be a number, zero or more' });
    return base;
  }
  return override;
}

/**
 * The settings in force: the defaults with a deployment's partial override (RISK_SETTINGS),
 * checked so that the model stays coherent (probabilities in 0..1, levels 1..5, bounds in order).
 */
export function resolveRiskSettings(override: unknown): RiskSettings {
  const problems: { path: string; message: string }[] = [];
  if (override !== undefined && !isObject(override))
    throw new RiskSettingsError([{ path: 'settings', message: 'must be a JSON object' }]);
  const s = merge(DEFAULT_RISK_SETTINGS, override, 'settings', problems) as RiskSettings;
  for (const [band, l] of Object.entries(s.likelihood)) {
    if (l.probability > 1)
      problems.push({ path: `settings.likelihood.${band}.probability`, message: 'must be between 0 and 1' });
    if (!Number.isInteger(l.level) || l.level < 1 || l.level > 5)
      problems.push({ path: `settings.likelihood.${band}.level`, message: 'must be a whole number from 1 to 5' });
  }
  const t = s.bandThresholds;
  if (!(t.A > t.B && t.B > t.C && t.C > t.D && t.A <= 100))
    problems.push({ path: 'settings.bandThresholds', message: 'must fall from A to D, with A at most 100' });
  const r = s.ratingBounds;
  if (!(r.low < r.medium && r.medium < r.high))
    problems.push({ path: 'settings.ratingBounds', message: 'must rise from low to high' });
  if (!s.impactThresholds.every((v, i, all) => i === 0 || v > all[i - 1]))
    problems.push({ path: 'settings.impactThresholds', message: 'must rise' });
  if (s.recordTiers.midTierFactor > 1 || s.recordTiers.topTierFactor > 1)
    problems.push({ path: 'settings.recordTiers', message: 'factors must be between 0 and 1' });
  for (const [tier, months] of Object.entries(s.reassessmentMonths)) {
    if (!Number.isInteger(months) || months < 1)
      problems.push({
        path: `settings.reassessmentMonths.${tier}`,
        message: 'must be a whole number of months, at least 1',
      });
  }
  if (s.lossSpread > 3)
    problems.push({
      path: 'settings.lossSpread',
      message: 'must be at most 3 (a lognormal spread beyond that is not a loss model)',
    });
  if (!Number.isInteger(s.simulationYears) || s.simulationYears < 100 || s.simulationYears > 1_000_000)
    problems.push({
      path: 'settings.simulationYears',
      message: 'must be a whole number of years from 100 to 1,000,000',
    });
  if (!Number.isInteger(s.simulationSeed) || s.simulationSeed > 0xffffffff)
    problems.push({ path: 'settings.simulationSeed', message: 'must be a whole number from 0 to 4294967295' });
  const levels = s.tierRule.impactLevel;
  if (!(levels[1] > levels[2] && levels[2] > levels[3] && levels[3] >= 1 && levels[1] <= 5))
    problems.push({ path: 'settings.tierRule.impactLevel', message: 'must fall from tier 1 to tier 3, within 1..5' });
  for (const tier of [1, 2, 3] as const) {
    if (!CRITICALITIES.includes(s.tierRule.criticality[tier]))
      problems.push({
        path: `settings.tierRule.criticality.${tier}`,
        message: `must be one of ${CRITICALITIES.join(', ')}`,
      });
  }
  for (const cap of ['failure', 'partial'] as const) {
    if (!BANDS.includes(s.criticalCaps[cap]))
      problems.push({ path: `settings.criticalCaps.${cap}`, message: `must be one of ${BANDS.join(', ')}` });
  }
  if (!Number.isInteger(s.stalenessSteps) || s.stalenessSteps > 4)
    problems.push({ path: 'settings.stalenessSteps', message: 'must be a whole number from 0 to 4' });
  for (const [kind, factor] of Object.entries(s.pseudonymisationFactor)) {
    if (factor > 1)
      problems.push({ path: `settings.pseudonymisationFactor.${kind}`, message: 'must be between 0 and 1' });
  }
  for (const [severity, days] of Object.entries(s.remediationDays)) {
    if (!Number.isInteger(days) || days < 1)
      problems.push({
        path: `settings.remediationDays.${severity}`,
        message: 'must be a whole number of days, at least 1',
      });
  }
  if (!Number.isInteger(s.maxAcceptanceMonths) || s.maxAcceptanceMonths < 1)
    problems.push({ path: 'settings.maxAcceptanceMonths', message: 'must be a whole number of months, at least 1' });
  for (const [rating, colour] of Object.entries(s.ratingColours)) {
    if (!/^#[0-9a-fA-F]{6}$/.test(colour))
      problems.push({ path: `settings.ratingColours.${rating}`, message: 'must be a colour as #rrggbb' });
  }
  if (problems.length) throw new RiskSettingsError(problems);
  return s;
}
