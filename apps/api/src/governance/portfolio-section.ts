import type { Countermeasures } from '@app/assessments';
import { portfolioRiskSection } from '@app/reports';
import type { LossDistributionService } from '@app/risk';

/** The committee pack's "What a bad year costs" and "What to fix first" section, from today's figures. */
export async function portfolioSection(loss: LossDistributionService, countermeasures: Countermeasures) {
  const figures = await loss.current();
  const actions = await countermeasures.actions();
  const paths = await countermeasures.paths();
  const codes = new Map(actions.map((a) => [a.findingId, a.questionCode]));
  return portfolioRiskSection(figures, actions, paths, (ids) => ids.map((id) => codes.get(id) ?? id));
}
