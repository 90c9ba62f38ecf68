import { BANDS, type Band } from './settings.js';
import type { ScoredAnswer } from './control-score.js';

/**
 * Countermeasures (risk-model.md section 10): the value of fixing open findings. Nothing here knows
 * a scoring rule: a fix is "that question counted at s = 1" handed to scoreAssessment, and the
 * supplier's band, p and net VaR are re-derived by the same functions as its figures, through an
 * `evaluate` function the caller builds from them. When the rules change, the values follow.
 */

/** What the figures would be with a set of findings fixed. */
export interface WhatIfOutcome {
  band: Band | null;
  /** Whole pounds. */
  netValueAtRisk: number;
  /** Any measure that rises as the control score rises (the sum of the assessments' overall scores): it orders the fixes that do not yet change a band. */
  progress: number;
}

export type WhatIf = (fixed: ReadonlySet<string>) => WhatIfOutcome;

/** The answers with each of these questions counted at s = 1 (as a review adjustment would), the rest as they were. */
export function withQuestionsMet(
  answers: ReadonlyMap<string, ScoredAnswer>,
  codes: Iterable<string>,
): Map<string, ScoredAnswer> {
  const out = new Map(answers);
  for (const code of codes) {
    const answer = answers.get(code);
    if (answer) out.set(code, { ...answer, adjustment: { score: 1, reason: 'what if the finding were fixed' } });
  }
  return out;
}

/** reductionPerPound = reduction / cost (section 10), to four decimal places; none without a cost (or with a cost of 0). */
export function reductionPerPound(reduction: number | null, cost: number | null): number | null {
  return reduction === null || !cost ? null : Math.round((reduction / cost) * 10_000) / 10_000;
}

/** reduction = net VaR now - net VaR with that one finding fixed, for each (whole pounds, never below 0). */
export function riskReductions(findingIds: readonly string[], evaluate: WhatIf): Map<string, number> {
  const now = evaluate(new Set()).netValueAtRisk;
  return new Map(findingIds.map((id) => [id, Math.max(0, now - evaluate(new Set([id])).netValueAtRisk)]));
}

export interface PathToBand {
  /** False when even fixing every candidate leaves the supplier below the target band. */
  reachable: boolean;
  /** The fewest findings whose fixing lifts the supplier to the target band or better (empty when unreachable). */
  findingIds: string[];
  /** The band after the path; when unreachable, the band after fixing every candidate. */
  bandAfter: Band | null;
  /** Net VaR the path removes (0 when unreachable). */
  riskReduction: number;
}

const rank = (band: Band | null) => (band === null ? BANDS.length : BANDS.indexOf(band));

/**
 * The smallest set of findings whose fixing lifts the supplier to `target` or better (fewest
 * findings, then the largest reduction). Fixing more never lowers a score, so: a finding is
 * indispensable when fixing all the others falls short; from those, fixes are added by what they
 * move most (band, then score, then net VaR) until the target is met, and any fix the result can
 * do without is dropped again. With a score that adds up question by question, as section 1's
 * does, this gives the fewest findings.
 */
export function pathToBand(candidates: readonly string[], evaluate: WhatIf, target: Band = 'B'): PathToBand {
  const goal = BANDS.indexOf(target);
  const now = evaluate(new Set());
  const meets = (o: WhatIfOutcome) => rank(o.band) <= goal;
  if (meets(now)) return { reachable: true, findingIds: [], bandAfter: now.band, riskReduction: 0 };
  const everything = evaluate(new Set(candidates));
  if (!meets(everything)) return { reachable: false, findingIds: [], bandAfter: everything.band, riskReduction: 0 };
  const chosen = new Set(
    candidates.filter((id) => !meets(evaluate(new Set(candidates.filter((other) => other !== id))))),
  );
  let outcome = evaluate(chosen);
  while (!meets(outcome)) {
    let best: { id: string; outcome: WhatIfOutcome } | null = null;
    for (const id of candidates) {
      if (chosen.has(id)) continue;
      const o = evaluate(new Set([...chosen, id]));
      if (
        !best ||
        rank(o.band) < rank(best.outcome.band) ||
        (rank(o.band) === rank(best.outcome.band) &&
          (o.progress > best.outcome.progress ||
            (o.progress === best.outcome.progress && o.netValueAtRisk < best.outcome.netValueAtRisk)))
      )
        best = { id, outcome: o };
    }
    chosen.add(best!.id);
    outcome = best!.outcome;
  }
  for (const id of [...chosen].reverse()) {
    const without = new Set([...chosen].filter((other) => other !== id));
    const o = evaluate(without);
    if (meets(o)) {
      chosen.delete(id);
      outcome = o;
    }
  }
  const findingIds = candidates.filter((id) => chosen.has(id));
  return {
    reachable: true,
    findingIds,
    bandAfter: outcome.band,
    riskReduction: Math.max(0, now.netValueAtRisk - outcome.netValueAtRisk),
  };
}
