import { BANDS, DEFAULT_RISK_SETTINGS, type Band, type RiskSettings } from './settings.js';

export interface Likelihood {
  bandUsed: Band | 'never';
  probability: number;
  level: 1 | 2 | 3 | 4 | 5;
  assessmentExpired: boolean;
}

/** A band moved `steps` worse (E stays E). */
export function bandDropped(band: Band, steps: number): Band {
  return BANDS[Math.min(BANDS.indexOf(band) + steps, BANDS.length - 1)];
}

/**
 * Likelihood from the band of one counting assessment (risk-model section 3): a supplier never
 * assessed counts as the worst; an assessment older than the reassessment interval drops the band
 * `stalenessSteps` (one by default; E stays E) and flags it expired.
 */
export function likelihood(
  latestBand: Band | null,
  ageMonths: number | null,
  reassessmentMonths: number,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): Likelihood {
  if (latestBand === null) return { bandUsed: 'never', ...settings.likelihood.never, assessmentExpired: false };
  const expired = ageMonths !== null && ageMonths > reassessmentMonths;
  const used = expired ? bandDropped(latestBand, settings.stalenessSteps) : latestBand;
  return { bandUsed: used, ...settings.likelihood[used], assessmentExpired: expired };
}

export interface Insurance {
  limit: number;
  excess: number;
}

/** VaR = p x SLE; with insurance, covered = min(max(SLE - excess, 0), limit) and net VaR = p x (SLE - covered) (section 5). */
export function valueAtRisk(
  probability: number,
  sle: number,
  insurance?: Insurance | null,
): { valueAtRisk: number; covered: number; netValueAtRisk: number } {
  const covered = insurance ? Math.min(Math.max(sle - insurance.excess, 0), insurance.limit) : 0;
  return { valueAtRisk: probability * sle, covered, netValueAtRisk: probability * (sle - covered) };
}

export const RATINGS = ['low', 'medium', 'high', 'critical'] as const;
export type Rating = (typeof RATINGS)[number];

/** Residual rating from likelihood level x impact level, by `ratingBounds` (defaults: <= 4 low, 5..9 medium, 10..14 high, >= 15 critical). */
export function residualRating(
  likelihoodLevel: number,
  impactLevel: number,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): Rating {
  const cell = likelihoodLevel * impactLevel;
  const b = settings.ratingBounds;
  return cell <= b.low ? 'low' : cell <= b.medium ? 'medium' : cell <= b.high ? 'high' : 'critical';
}

/** The heat map (section 5): each likelihood x impact cell's rating and colour, from the settings in force. */
export function heatMapCells(
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): { likelihood: number; impact: number; rating: Rating; colour: string }[] {
  return [5, 4, 3, 2, 1].flatMap((likelihood) =>
    [1, 2, 3, 4, 5].map((impact) => {
      const rating = residualRating(likelihood, impact, settings);
      return { likelihood, impact, rating, colour: settings.ratingColours[rating] };
    }),
  );
}
