import type { CountermeasureAction, SupplierPath } from '@app/assessments';
import { moneyText } from '@app/platform';
import { pathSentence } from '@app/reports';
import type { LossDistributionView } from '@app/risk';

/** The dashboard's bad-year figures (risk-model section 9), gross and net, in words. */
export function lossFiguresView(loss: LossDistributionView) {
  return {
    years: loss.years.toLocaleString('en-GB'),
    mean: { gross: moneyText(loss.gross.mean), net: moneyText(loss.net.mean) },
    p95: { gross: moneyText(loss.gross.p95), net: moneyText(loss.net.p95) },
    p99: { gross: moneyText(loss.gross.p99), net: moneyText(loss.net.p99) },
    tail: loss.tailContributors.slice(0, 5).map((t) => ({
      supplierId: t.supplierId,
      name: t.name,
      share: `${(t.share * 100).toFixed(t.share >= 0.1 ? 0 : 1)}%`,
    })),
  };
}

/** One row of "What to fix first". */
export function actionView(a: CountermeasureAction, rank: number) {
  return {
    rank,
    findingId: a.findingId,
    supplierId: a.supplierId,
    supplier: a.supplierName,
    code: a.questionCode,
    text: a.questionText,
    severity: a.severity,
    status: a.status.replace('_', ' '),
    reduction: a.riskReduction === null ? 'not yet valued' : moneyText(a.riskReduction),
    cost: a.remediationCost === null ? 'no estimate' : moneyText(a.remediationCost),
    perPound: a.reductionPerPound === null ? '–' : `£${a.reductionPerPound.toFixed(2)}`,
  };
}

/** A supplier's path to band B, with the findings it names (their codes, for the sentence and the links). */
export function pathView(path: SupplierPath, actions: CountermeasureAction[]) {
  const byId = new Map(actions.map((a) => [a.findingId, a]));
  const steps = path.findingIds.map((id) => byId.get(id)).filter((a): a is CountermeasureAction => a !== undefined);
  return {
    supplierId: path.supplierId,
    supplier: path.supplierName,
    band: path.band ?? 'not assessed',
    sentence: pathSentence(
      path,
      steps.map((a) => a.questionCode),
    ),
    steps: steps.map((a) => ({ findingId: a.findingId, code: a.questionCode, text: a.questionText })),
  };
}
