import { moneyText } from '@app/platform';
import { scoreText, worseBand, type BandCap } from './control-score.js';
import type { InherentRisk } from './inherent-risk.js';
import { BANDS, DEFAULT_RISK_SETTINGS, type Band, type RiskSettings } from './settings.js';
import { likelihood, residualRating, valueAtRisk, type Insurance, type Rating } from './value-at-risk.js';

/** A completed assessment that counts for the likelihood: the latest of one security questionnaire. */
export interface LatestAssessment {
  assessmentId: string;
  /** The questionnaire it answered (one counting assessment per key). */
  questionnaireKey?: string;
  /** Null when nothing in it was scorable: counted as never assessed. */
  band: Band | null;
  /** YYYY-MM-DD */
  completedOn: string;
  /** The score, for the explanation ("91.6, band A, capped at D by BAK-01"). */
  overall?: number | null;
  uncappedBand?: Band | null;
  cap?: BandCap | null;
}

/** One counting assessment as the likelihood used it. */
export interface CountedAssessment extends LatestAssessment {
  ageMonths: number;
  /** Its band after the staleness rule. */
  bandUsed: Band;
  expired: boolean;
}

export interface SupplierBand {
  /** The worst band among the counting assessments, as scored (null: none scored). */
  band: Band | null;
  /** The worst band after staleness: the one p is read from ('never' when none counts). */
  bandUsed: Band | 'never';
  assessmentExpired: boolean;
  /** The assessment that set `bandUsed` (the weakest link). */
  setBy: CountedAssessment | null;
  counted: CountedAssessment[];
}

/**
 * The supplier's band (risk-model section 3): for each security questionnaire the most recent
 * completed assessment counts (the caller passes those); each one older than the interval drops
 * `stalenessSteps`; the supplier's band is the worst of them (the weakest link), and the assessment
 * that set it is named. Assessments with nothing scorable do not count.
 */
export function supplierBand(
  latest: LatestAssessment[],
  today: string,
  reassessmentMonths: number,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): SupplierBand {
  const counted: CountedAssessment[] = latest
    .filter((a): a is LatestAssessment & { band: Band } => a.band !== null)
    .map((a) => {
      const ageMonths = monthsBetween(a.completedOn, today);
      const l = likelihood(a.band, ageMonths, reassessmentMonths, settings);
      return {
        ...a,
        ageMonths: Math.round(ageMonths * 10) / 10,
        bandUsed: l.bandUsed as Band,
        expired: l.assessmentExpired,
      };
    });
  if (counted.length === 0) return { band: null, bandUsed: 'never', assessmentExpired: false, setBy: null, counted };
  // Worst band used first; on a tie the worse band as scored, then the most recent.
  const order = [...counted].sort(
    (a, b) =>
      BANDS.indexOf(b.bandUsed) - BANDS.indexOf(a.bandUsed) ||
      BANDS.indexOf(b.band!) - BANDS.indexOf(a.band!) ||
      b.completedOn.localeCompare(a.completedOn),
  );
  return {
    band: counted.map((a) => a.band!).reduce(worseBand),
    bandUsed: order[0].bandUsed,
    assessmentExpired: counted.some((a) => a.expired),
    setBy: order[0],
    counted,
  };
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
    likelihood: {
      /** The assessment that set the band used (the weakest link), and every one that counted. */
      latestAssessment: CountedAssessment | null;
      assessments: CountedAssessment[];
      ageMonths: number | null;
      bandUsed: Band | 'never';
      probability: number;
      /** "8% chance a year of a breach or outage that affects us". */
      probabilityText: string;
      level: number;
      expiredBecause: string | null;
    };
    singleLossEstimate: InherentRisk['explanation'] & { total: number };
    valueAtRisk: {
      meaning: string;
      formula: string;
      insurance: (Insurance & { covered: number }) | null;
      netFormula: string;
    };
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

/** p in words: "8% chance a year of a breach or outage that affects us". */
export function probabilityText(probability: number): string {
  return `${Number((probability * 100).toFixed(1))}% chance a year of a breach or outage that affects us`;
}

const assessmentText = (a: CountedAssessment) =>
  `${a.questionnaireKey ?? 'assessment'} completed ${a.completedOn} (${a.overall === undefined ? `band ${a.band}` : scoreText({ overall: a.overall ?? null, band: a.band, uncappedBand: a.uncappedBand ?? a.band, cap: a.cap ?? null })})` +
  (a.expired ? `, out of date so counted as ${a.bandUsed}` : '');

/**
 * A supplier's current figures (risk-model sections 3 to 6): likelihood from the worst of its
 * counting assessments (each one band worse when older than the tier's interval), VaR = p x SLE,
 * net VaR after current insurance, the residual rating, each with the inputs that made it and a
 * sentence a committee can read. `latest` is the latest completed assessment of each security
 * questionnaire (one, a list, or null).
 */
export function currentRisk(
  inherent: InherentRisk,
  latest: LatestAssessment | LatestAssessment[] | null,
  today: string,
  insurance: Insurance | null,
  tierOverride: TierOverride | null = null,
  settings: RiskSettings = DEFAULT_RISK_SETTINGS,
): CurrentRisk {
  const tier = tierOverride?.tier ?? inherent.tier;
  const interval = settings.reassessmentMonths[tier];
  const counting = latest === null ? [] : Array.isArray(latest) ? latest : [latest];
  const b = supplierBand(counting, today, interval, settings);
  const l =
    b.bandUsed === 'never'
      ? { probability: settings.likelihood.never.probability, level: settings.likelihood.never.level }
      : settings.likelihood[b.bandUsed];
  const sle = inherent.singleLossEstimate;
  const v = valueAtRisk(l.probability, sle, insurance);
  const rating = residualRating(l.level, inherent.impactLevel, settings);
  const stale = b.counted.filter((a) => a.expired);
  const expiredBecause = stale.length
    ? stale
        .map(
          (a) =>
            `${a.questionnaireKey ?? 'the assessment'} (completed ${a.completedOn}) is older than the tier ${tier} interval of ${interval} months`,
        )
        .join('; ')
    : null;
  const assets = inherent.explanation.assets;
  const summary =
    `Value at risk (expected annual loss) ${moneyText(v.valueAtRisk)}: a ${probabilityText(l.probability)}, times a single-loss estimate of ${moneyText(sle)}. ` +
    (b.setBy
      ? `The band ${b.bandUsed} comes from ${b.counted.length > 1 ? 'the weakest of its security assessments, ' : ''}${assessmentText(b.setBy)}` +
        (b.counted.length > 1
          ? `; also counted: ${b.counted
              .filter((a) => a !== b.setBy)
              .map(assessmentText)
              .join('; ')}`
          : '') +
        '. '
      : 'It has never completed a security assessment, so it counts as the worst band. ') +
    `It holds ${assets.length ? assets.map((a) => `${a.records.toLocaleString('en-GB')} ${a.classification.replace('_', '-')} records of ${a.assetName}${a.factor !== 1 ? ` (${a.pseudonymisation}, counted at ${a.factor * 100}%)` : ''}`).join(', ') : 'none of our data'}` +
    (inherent.explanation.operationalLoss
      ? `, and runs a ${inherent.explanation.criticality}-criticality service (${moneyText(inherent.explanation.operationalLoss)} operational loss)`
      : '') +
    '.' +
    (insurance
      ? ` Insurance covers ${moneyText(v.covered)} of a loss, so the net value at risk is ${moneyText(v.netValueAtRisk)}.`
      : '');
  return {
    tier,
    band: b.band,
    probability: l.probability,
    likelihoodLevel: l.level,
    singleLossEstimate: sle,
    impactLevel: inherent.impactLevel,
    valueAtRisk: Math.round(v.valueAtRisk),
    netValueAtRisk: Math.round(v.netValueAtRisk),
    rating,
    assessmentExpired: b.assessmentExpired,
    explanation: {
      tier: {
        inherent: inherent.tier,
        rule: inherent.explanation.tierRule,
        override: tierOverride,
        reassessmentMonths: interval,
      },
      likelihood: {
        latestAssessment: b.setBy,
        assessments: b.counted,
        ageMonths: b.setBy?.ageMonths ?? null,
        bandUsed: b.bandUsed,
        probability: l.probability,
        probabilityText: probabilityText(l.probability),
        level: l.level,
        expiredBecause,
      },
      singleLossEstimate: { ...inherent.explanation, total: sle },
      valueAtRisk: {
        meaning: 'value at risk (expected annual loss) = p x SLE',
        formula: `${l.probability} x ${sle} = ${Math.round(v.valueAtRisk)}`,
        insurance: insurance ? { ...insurance, covered: v.covered } : null,
        netFormula: insurance
          ? `${l.probability} x (${sle} - ${v.covered}) = ${Math.round(v.netValueAtRisk)}`
          : 'no current insurance: net VaR = VaR',
      },
      rating: {
        cell: l.level * inherent.impactLevel,
        likelihoodLevel: l.level,
        impactLevel: inherent.impactLevel,
        bounds: settings.ratingBounds,
      },
      summary,
    },
  };
}
