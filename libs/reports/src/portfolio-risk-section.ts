import { moneyText } from '@app/platform';

/** One side (gross or net) of the simulated annual loss (risk-model.md section 9). */
export interface LossSide {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  exceedance: { loss: number; probability: number }[];
}

/** The loss distribution as the pack shows it (the shape of GET /api/v1/risk/loss-distribution). */
export interface LossFigures {
  years: number;
  seed: number;
  lossSpread: number;
  gross: LossSide;
  net: LossSide;
  tailContributors: { supplierId: string; name: string; share: number }[];
  sumOfValueAtRisk: number;
  sumOfNetValueAtRisk: number;
}

/** A fix of the portfolio action list (section 10). */
export interface FixAction {
  supplierId: string;
  supplierName: string;
  questionCode: string;
  questionText: string;
  severity: string;
  riskReduction: number | null;
  remediationCost: number | null;
  reductionPerPound: number | null;
}

/** A supplier's path to band B (section 10). */
export interface FixPath {
  supplierId: string;
  supplierName: string;
  band: string | null;
  findingIds: string[];
  bandAfter: string | null;
  riskReduction: number;
  reachable: boolean;
}

const percent = (share: number) => `${(share * 100).toFixed(share >= 0.1 ? 0 : 1)}%`;

/** The sentence a page shows for a supplier's path to band B. */
export function pathSentence(
  path: Pick<FixPath, 'band' | 'findingIds' | 'bandAfter' | 'riskReduction' | 'reachable'>,
  codes: string[],
): string {
  if (path.band === null)
    return 'It has no completed review yet, so there is no band to improve. Send a questionnaire first.';
  if (!path.reachable) return `none: even fixing every finding leaves it at ${path.bandAfter ?? 'no band'}`;
  if (path.findingIds.length === 0) return `already at band ${path.band}`;
  return `fix ${codes.join(', ')}: band ${path.band} to ${path.bandAfter}, ${moneyText(path.riskReduction)} a year less net value at risk`;
}

const W = 640,
  H = 310,
  LEFT = 84,
  RIGHT = 44,
  TOP = 34,
  BOTTOM = 48;

/**
 * The loss exceedance curve as inline SVG: loss along the bottom (linear, from £0 to the worst
 * simulated year), the chance a year's loss exceeds it up the side (log scale, 100% down to 1 in
 * `years`), gross solid and net dashed, with a title and a description for screen readers.
 */
export function exceedanceSvg(loss: LossFigures) {
  const maxLoss = Math.max(1, ...loss.gross.exceedance.map((p) => p.loss));
  const decades = Math.ceil(Math.log10(loss.years)); // down to a chance below 1 in `years`
  const x = (v: number) => LEFT + (v / maxLoss) * (W - LEFT - RIGHT);
  const y = (p: number) => TOP + (Math.min(-Math.log10(p), decades) / decades) * (H - TOP - BOTTOM);
  const line = (side: LossSide) =>
    side.exceedance
      .filter((p) => p.probability > 0)
      .map((p) => `${x(p.loss).toFixed(1)},${y(p.probability).toFixed(1)}`)
      .join(' ');
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ x: x(f * maxLoss).toFixed(1), label: moneyText(f * maxLoss) }));
  const yTicks = Array.from({ length: decades + 1 }, (_, i) => ({
    y: y(10 ** -i).toFixed(1),
    label: i <= 2 ? `${100 / 10 ** i}%` : `1 in ${(10 ** i).toLocaleString('en-GB')}`,
  }));
  const marks = [
    ['1 in 20', loss.gross.p95],
    ['1 in 100', loss.gross.p99],
  ].map(([label, v]) => ({ x: x(v as number).toFixed(1), label, labelX: (x(v as number) + 4).toFixed(1) }));
  return {
    width: W,
    height: H,
    left: LEFT,
    yLabelY: TOP - 14,
    bottom: H - BOTTOM,
    tickEnd: H - BOTTOM + 5,
    right: W - RIGHT,
    top: TOP,
    axisLabelX: (LEFT + (W - LEFT - RIGHT) / 2).toFixed(0),
    axisLabelY: H - 8,
    gross: line(loss.gross),
    net: line(loss.net),
    xTicks,
    yTicks,
    marks,
    description: `Chance that a year's loss exceeds an amount, from ${loss.years.toLocaleString('en-GB')} simulated years. Gross: half of years lose more than ${moneyText(loss.gross.p50)}, 1 in 10 more than ${moneyText(loss.gross.p90)}, 1 in 20 more than ${moneyText(loss.gross.p95)}, 1 in 100 more than ${moneyText(loss.gross.p99)}. Net of insurance: 1 in 20 more than ${moneyText(loss.net.p95)}, 1 in 100 more than ${moneyText(loss.net.p99)}.`,
  };
}

/** The pack's section "What a bad year costs, and which fixes cut the most" (risk-model sections 9 and 10). */
export function portfolioRiskSection(
  loss: LossFigures | null,
  actions: FixAction[],
  paths: FixPath[],
  codesOf: (findingIds: string[]) => string[],
) {
  return {
    loss: loss && {
      years: loss.years.toLocaleString('en-GB'),
      seed: loss.seed,
      lossSpread: loss.lossSpread,
      rows: [
        ['Average year (expected annual loss)', loss.gross.mean, loss.net.mean],
        ['Median year (P50)', loss.gross.p50, loss.net.p50],
        ['1-in-10-year loss (P90)', loss.gross.p90, loss.net.p90],
        ['1-in-20-year loss (P95)', loss.gross.p95, loss.net.p95],
        ['1-in-100-year loss (P99)', loss.gross.p99, loss.net.p99],
      ].map(([label, gross, net]) => ({ label, gross: moneyText(gross as number), net: moneyText(net as number) })),
      sumOfValueAtRisk: moneyText(loss.sumOfValueAtRisk),
      sumOfNetValueAtRisk: moneyText(loss.sumOfNetValueAtRisk),
      svg: exceedanceSvg(loss),
      tail: loss.tailContributors.map((t) => ({ supplierId: t.supplierId, name: t.name, share: percent(t.share) })),
    },
    actions: actions.slice(0, 15).map((a, i) => ({
      rank: i + 1,
      supplierId: a.supplierId,
      supplier: a.supplierName,
      code: a.questionCode,
      text: a.questionText,
      severity: a.severity,
      reduction: a.riskReduction === null ? 'not yet valued' : moneyText(a.riskReduction),
      cost: a.remediationCost === null ? 'no estimate' : moneyText(a.remediationCost),
      perPound: a.reductionPerPound === null ? '–' : `£${a.reductionPerPound.toFixed(2)}`,
    })),
    moreActions: Math.max(0, actions.length - 15),
    paths: paths.map((p) => ({
      supplierId: p.supplierId,
      supplier: p.supplierName,
      band: p.band ?? 'not assessed',
      sentence: pathSentence(p, codesOf(p.findingIds)),
    })),
  };
}
