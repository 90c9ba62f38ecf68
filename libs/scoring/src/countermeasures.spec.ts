import type { Question, QuestionnaireDefinition } from '@app/questionnaires';
import { scoreAssessment, type ScoredAnswer } from './control-score.js';
import { pathToBand, reductionPerPound, riskReductions, withQuestionsMet, type WhatIf } from './countermeasures.js';
import { likelihood, valueAtRisk } from './value-at-risk.js';

const q = (code: string, weight: number, critical = false): Question => ({
  code,
  text: `${code}?`,
  type: 'yes_no',
  weight,
  critical,
  required: true,
  allowNotApplicable: false,
  evidence: 'none',
  mappings: [{ framework: 'NCSC-CAF', ref: 'B2.a' }],
  recommendation: `Fix ${code}`,
});

/**
 * Worked by hand: KO-01 (critical, w5) no, AB-02 (w3) no, AB-03 (w2) yes, AB-04 (w10) yes, AB-05 (w4) no.
 * Score (0 + 0 + 2 + 10 + 0) / 24 = 50: band D (and capped at D by KO-01).
 * Fix KO-01: 17 / 24 = 70.8, C. Fix KO-01 + AB-05: 21 / 24 = 87.5, B. Fix KO-01 + AB-02: 20 / 24 = 83.3, B.
 * Fix KO-01 + AB-02 + AB-05: 100, A. Fix AB-02 + AB-05 (no KO-01): 79.2, capped D.
 */
const DEFINITION: QuestionnaireDefinition = {
  key: 't',
  version: 1,
  title: 'T',
  sections: [
    {
      key: 's',
      title: 'S',
      questions: [q('KO-01', 5, true), q('AB-02', 3), q('AB-03', 2), q('AB-04', 10), q('AB-05', 4)],
    },
  ],
};
const ANSWERS = new Map<string, ScoredAnswer>(
  Object.entries({ 'KO-01': 'no', 'AB-02': 'no', 'AB-03': 'yes', 'AB-04': 'yes', 'AB-05': 'no' }).map(
    ([code, value]) => [code, { value, notApplicable: false }],
  ),
);
const SLE = 10_000_000;

/** A supplier with this one assessment: the figures through the library's own functions. */
const evaluate =
  (answers: Map<string, ScoredAnswer>): WhatIf =>
  (fixed) => {
    const score = scoreAssessment(DEFINITION, withQuestionsMet(answers, fixed));
    const l = likelihood(score.band, 0, 12);
    return {
      band: score.band,
      netValueAtRisk: Math.round(valueAtRisk(l.probability, SLE).netValueAtRisk),
      progress: score.overall ?? 0,
    };
  };

describe('countermeasures (risk-model section 10)', () => {
  it('re-scores with the question met: the knock-out alone lifts D to C, a fix behind the cap moves nothing', () => {
    const reductions = riskReductions(['KO-01', 'AB-02', 'AB-05'], evaluate(ANSWERS));
    // D 0.08 x 10M = 800,000; C 0.06 x 10M = 600,000.
    expect(Object.fromEntries(reductions)).toEqual({ 'KO-01': 200_000, 'AB-02': 0, 'AB-05': 0 });
  });

  it('finds the fewest fixes to band B, preferring the larger lift', () => {
    // Two findings are needed: the knock-out and AB-05 (87.5) rather than AB-02 (83.3): both B, the same p.
    expect(pathToBand(['KO-01', 'AB-02', 'AB-05'], evaluate(ANSWERS))).toEqual({
      reachable: true,
      findingIds: ['KO-01', 'AB-05'],
      bandAfter: 'B',
      riskReduction: 800_000 - 400_000,
    });
    expect(pathToBand(['KO-01', 'AB-02', 'AB-05'], evaluate(ANSWERS), 'A')).toEqual({
      reachable: true,
      findingIds: ['KO-01', 'AB-02', 'AB-05'],
      bandAfter: 'A',
      riskReduction: 800_000 - 250_000,
    });
  });

  it('says none where even fixing every candidate leaves the supplier below B', () => {
    // The knock-out is accepted (not a candidate): fixing the rest still leaves the cap at D.
    expect(pathToBand(['AB-02', 'AB-05'], evaluate(ANSWERS))).toEqual({
      reachable: false,
      findingIds: [],
      bandAfter: 'D',
      riskReduction: 0,
    });
  });

  it('divides the reduction by the cost where there is one', () => {
    expect(reductionPerPound(800_000, 300_000)).toBe(2.6667);
    expect(reductionPerPound(800_000, null)).toBeNull();
    expect(reductionPerPound(800_000, 0)).toBeNull();
  });
});
