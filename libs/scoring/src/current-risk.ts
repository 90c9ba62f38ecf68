import type { InherentRisk } from './inherent-risk.js';
import { DEFAULT_RISK_SETTINGS, type Band, type RiskSettings } from './settings.js';
import { likelihood, residualRating, valueAtRisk, type Insurance, type Rating } from './value-at-risk.js';

/** The supplier's most recent completed assessment, as the likelihood needs it. */
export interface LatestAssessment {
  assessmentId: string;
  /** Null when nothing in it was scorable: counted as never assessed. */
  band: Band | null;
  /** YYYY-MM-DD */
  completedOn: string;
}

export interface TierOverride {
  tier: 1 | 2 | 3 | 4;
  reason: string;
}

export interface CurrentRisk {
  tier: 1 | 2 | 3 | 4;
  band: Band | null;
  probability: number;
  likelihoodLevel: 1 | 2 | 3 | 4 | 5;
  singleLossEstimate: number;
  impactLevel: 1 | 2 | 3 | 4 | 5;
  /** Whole pounds. */
  valueAtRisk: number;
  netValueAtRisk: number;
  rating: Rating;
  assessmentExpired: boolean;
  explanation: {
    tier: { inherent: 1 | 2 | 3 | 4; rule: string; override: TierOverride | null; reassessmentMonths: number };
    likelihood: { latestAssessment: LatestAssessment | null; ageMonths: number | null; bandUsed: Band | 'never'; probability: number; level: number; expiredBecause: string | null };
    singleLossEstimate: InherentRisk['explanation'] & { total: number };
    valueAtRisk: { formula: string; insurance: (Insurance & { covered: number }) | null; netFormula: string };
    rating: { cell: number; likelihoodLevel: number; impactLevel: number; bounds: RiskSettings['ratingBounds'] };
    summary: string;
  };
}

/** Whole and fractional months from one date to another (YYYY-MM-DD), for the staleness rule. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let whole = (ty - fy) * 12 + (tm - fm);
  if (td < fd) whole -= 1;
  const anchor = Date.UTC(fy, fm - 1 + whole, fd);
  const next = Date.UTC(fy, fm + whole, fd);
  return whole + (Date.UTC(ty, tm - 1, td) - anchor) / (next - anchor);
}

const pounds = (n: number) => `£${Math.round(n).toLocaleString('en-GB')}`;

/**
 * A supplier's current figures (risk-model sections 3 to 6): likelihood from its latest completed
 * assessment (one band worse when older than the tier's interval), VaR = p x SLE, net VaR after
 * insurance, the residual rating, each with the inputs that made it and a sentence a committee can read.
 */
export function currentRisk(
  inherent: InherentRisk,
  latest: LatestAssessment | null,
  today: string,
  insurance: Insurance | null,
  tierOverride: TierOverride | null = null,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): CurrentRisk {
  const tier = tierOverride?.tier ?? inherent.tier;
  const interval = settings.reassessmentMonths[tier];
  const age = latest ? monthsBetween(latest.completedOn, today) : null;
  const l = likelihood(latest?.band ?? null, age, interval, settings);
  const sle = inherent.singleLossEstimate;
  const v = valueAtRisk(l.probability, sle, insurance);
  const rating = residualRating(l.level, inherent.impactLevel, settings);
  const expiredBecause = l.assessmentExpired && latest ? `the last completed assessment (${latest.completedOn}) is older than the tier ${tier} interval of ${interval} months` : null;
  const summary =
    `${pounds(v.valueAtRisk)} a year: ${(l.probability * 100).toFixed(1).replace(/\.0$/, '')}% chance x ${pounds(sle)}, because ` +
    (latest?.band ? `the last assessment scored band ${latest.band}${l.assessmentExpired ? ` (counted as ${l.bandUsed}: it is out of date)` : ''}` : 'it has never been assessed') +
    ` and it ${inherent.explanation.assets.length ? `holds ${inherent.explanation.assets.map((a) => `${a.records.toLocaleString('en-GB')} ${a.classification.replace('_', '-')} records of ${a.assetName}`).join(', ')}` : 'holds no shared data'}` +
    (inherent.explanation.operationalLoss ? ` with a ${inherent.explanation.criticality} service (${pounds(inherent.explanation.operationalLoss)} operational loss)` : '') +
    (insurance ? `; insurance covers ${pounds(v.covered)} of a loss, so net ${pounds(v.netValueAtRisk)}` : '') +
    '.';
  return {
    tier,
    band: latest?.band ?? null,
    probability: l.probability,
    likelihoodLevel: l.level,
    singleLossEstimate: sle,
    impactLevel: inherent.impactLevel,
    valueAtRisk: Math.round(v.valueAtRisk),
    netValueAtRisk: Math.round(v.netValueAtRisk),
    rating,
    assessmentExpired: l.assessmentExpired,
    explanation: {
      tier: { inherent: inherent.tier, rule: inherent.explanation.tierRule, override: tierOverride, reassessmentMonths: interval },
      likelihood: { latestAssessment: latest, ageMonths: age === null ? null : Math.round(age * 10) / 10, bandUsed: l.bandUsed, probability: l.probability, level: l.level, expiredBecause },
      singleLossEstimate: { ...inherent.explanation, total: sle },
      valueAtRisk: {
        formula: `${l.probability} x ${sle} = ${Math.round(v.valueAtRisk)}`,
        insurance: insurance ? { ...insurance, covered: v.covered } : null,
        netFormula: insurance ? `${l.probability} x (${sle} - ${v.covered}) = ${Math.round(v.netValueAtRisk)}` : 'no insurance: net VaR = VaR',
      },
      rating: { cell: l.level * inherent.impactLevel, likelihoodLevel: l.level, impactLevel: inherent.impactLevel, bounds: settings.ratingBounds },
      summary,
    },
  };
}
