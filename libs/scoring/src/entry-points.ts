import { moneyText } from '@app/platform';
import type { CurrentRisk } from './current-risk.js';
import { BANDS, DEFAULT_RISK_SETTINGS, type Band, type RiskSettings } from './settings.js';
import { residualRating, valueAtRisk } from './value-at-risk.js';

/** One of the supplier's ways into our systems (api.md, access paths), as the likelihood needs it. */
export interface EntryPoint {
  id: string;
  kind: string;
  description: string;
  mfa: 'enforced' | 'partial' | 'none' | 'not_applicable';
  monitored: boolean;
  status: 'active' | 'disabled' | 'removed';
}

/** A way in that counts against the supplier, and why. */
export interface WeakEntryPoint {
  id: string;
  kind: string;
  description: string;
  reasons: ('no MFA' | 'not monitored')[];
}

export interface EntryPointsExplanation {
  /** Active paths with MFA `none` or not monitored. */
  unprotected: WeakEntryPoint[];
  /** The band used for p before and after this step (`never` and E stay where they are). */
  bandBefore: Band | 'never';
  bandAfter: Band | 'never';
  /** True when the step moved the band (one step at most, whatever the number of paths). */
  stepApplied: boolean;
}

export type RiskWithEntryPoints = CurrentRisk & {
  explanation: CurrentRisk['explanation'] & { entryPoints: EntryPointsExplanation };
};

/**
 * The unprotected ways in (risk-model section 3): an active path whose MFA is `none` or which is not
 * monitored. A disabled or removed path no longer reaches anything and never counts.
 */
export function unprotectedEntryPoints(paths: readonly EntryPoint[]): WeakEntryPoint[] {
  return paths
    .filter((p) => p.status === 'active' && (p.mfa === 'none' || !p.monitored))
    .map((p) => ({
      id: p.id,
      kind: p.kind,
      description: p.description,
      reasons: [
        ...(p.mfa === 'none' ? (['no MFA'] as const) : []),
        ...(!p.monitored ? (['not monitored'] as const) : []),
      ],
    }));
}

/**
 * The entry-point step of risk-model section 3, applied after the band used for p is known (the
 * assessment's band, already one step worse when out of date): at least one unprotected way in
 * drops it one further step, one step at most for all of them together; E and "never assessed"
 * stay where they are. The likelihood, VaR, net VaR, rating and summary follow the band used; the
 * explanation names the paths. A separate step so that the band rules it follows stay in one place.
 */
export function withEntryPoints(
  risk: CurrentRisk,
  paths: readonly EntryPoint[],
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): RiskWithEntryPoints {
  const unprotected = unprotectedEntryPoints(paths);
  const before = risk.explanation.likelihood.bandUsed;
  const after: Band | 'never' =
    unprotected.length && before !== 'never' ? BANDS[Math.min(BANDS.indexOf(before) + 1, BANDS.length - 1)] : before;
  const entryPoints: EntryPointsExplanation = {
    unprotected,
    bandBefore: before,
    bandAfter: after,
    stepApplied: after !== before,
  };
  if (!entryPoints.stepApplied) {
    const named = unprotected.length ? ` ${describe(unprotected)} (the band used is already the worst).` : '';
    return { ...risk, explanation: { ...risk.explanation, summary: risk.explanation.summary + named, entryPoints } };
  }
  const { probability, level } = settings.likelihood[after];
  const sle = risk.singleLossEstimate;
  const insurance = risk.explanation.valueAtRisk.insurance;
  const v = valueAtRisk(probability, sle, insurance);
  const impact = risk.impactLevel;
  return {
    ...risk,
    probability,
    likelihoodLevel: level,
    valueAtRisk: Math.round(v.valueAtRisk),
    netValueAtRisk: Math.round(v.netValueAtRisk),
    rating: residualRating(level, impact, settings),
    explanation: {
      ...risk.explanation,
      likelihood: { ...risk.explanation.likelihood, bandUsed: after, probability, level },
      valueAtRisk: {
        ...risk.explanation.valueAtRisk,
        formula: `${probability} x ${sle} = ${Math.round(v.valueAtRisk)}`,
        netFormula: insurance
          ? `${probability} x (${sle} - ${v.covered}) = ${Math.round(v.netValueAtRisk)}`
          : 'no insurance: net VaR = VaR',
      },
      rating: { ...risk.explanation.rating, cell: level * impact, likelihoodLevel: level },
      summary:
        `${moneyText(v.valueAtRisk)} a year at ${percent(probability)} chance: band ${before} counts as ${after} because of ${describe(unprotected)}. ` +
        `Before this step: ${risk.explanation.summary}`,
      entryPoints,
    },
  };
}

const percent = (p: number) => `${(p * 100).toFixed(1).replace(/\.0$/, '')}%`;

function describe(unprotected: WeakEntryPoint[]): string {
  const list = unprotected.map((p) => `${p.description} (${p.reasons.join(', ')})`).join('; ');
  return `${unprotected.length === 1 ? 'an unprotected way in' : `${unprotected.length} unprotected ways in`}: ${list}`;
}
