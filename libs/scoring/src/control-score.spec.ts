import fc from 'fast-check';
import type { Question, QuestionnaireDefinition } from '@app/questionnaires';
import { scoreAssessment, type ScoredAnswer } from './control-score.js';
import { likelihood, residualRating, valueAtRisk } from './value-at-risk.js';

const q = (code: string, extra: Partial<Question> = {}): Question => ({
  code,
  text: `${code}?`,
  type: 'yes_no_partial',
  weight: 1,
  critical: false,
  required: true,
  allowNotApplicable: true,
  evidence: 'none',
  mappings: [{ framework: 'NCSC-CAF', ref: 'B2.a' }],
  recommendation: `Fix ${code}`,
  ...extra,
});

const DEFINITION: QuestionnaireDefinition = {
  key: 'test',
  version: 1,
  title: 'Test',
  sections: [
    {
      key: 'a',
      title: 'A',
      questions: [
        q('AAA-01', { weight: 5, critical: true }),
        q('AAA-02', { weight: 2 }),
        q('AAA-03', {
          type: 'single_choice',
          weight: 3,
          options: [
            { value: 'monthly', label: 'Monthly', score: 1 },
            { value: 'yearly', label: 'Yearly', score: 0.25 },
          ],
        }),
      ],
    },
    {
      key: 'b',
      title: 'B',
      questions: [
        q('BBB-01', { type: 'yes_no', weight: 4 }),
        q('BBB-02', { type: 'text', weight: 0 }),
        q('BBB-03', { weight: 2, showIf: { question: 'BBB-01', equals: 'yes' } }),
      ],
    },
  ],
};
const answers = (entries: Record<string, unknown>) =>
  new Map<string, ScoredAnswer>(
    Object.entries(entries).map(([code, value]) => [
      code,
      value === 'n/a' ? { value: null, notApplicable: true } : { value, notApplicable: false },
    ]),
  );

describe('control score (risk-model sections 1 and 2)', () => {
  it('scores by hand: sections and overall over counted questions, weighted', () => {
    const score = scoreAssessment(
      DEFINITION,
      answers({
        'AAA-01': 'yes',
        'AAA-02': 'partial',
        'AAA-03': 'yearly',
        'BBB-01': 'yes',
        'BBB-02': 'text',
        'BBB-03': 'no',
      }),
    );
    // A: (5x1 + 2x0.5 + 3x0.25) / 10 = 6.75 / 10; B: (4x1 + 2x0) / 6; overall: 10.75 / 16.
    expect(score.sections.map((s) => s.score)).toEqual([67.5, (100 * 4) / 6]);
    expect(score.overall).toBeCloseTo((100 * 10.75) / 16, 10);
    expect(score.band).toBe('C');
    expect(score.findings.map((f) => [f.questionCode, f.severity])).toEqual([
      ['AAA-02', 'low'],
      ['AAA-03', 'medium'],
      ['BBB-03', 'medium'],
    ]);
  });

  it('leaves N/A and hidden questions out of both sides of the formula', () => {
    const score = scoreAssessment(
      DEFINITION,
      answers({ 'AAA-01': 'yes', 'AAA-02': 'n/a', 'AAA-03': 'monthly', 'BBB-01': 'no', 'BBB-03': 'no' }),
    );
    // BBB-03 is hidden (BBB-01 is no): A = 100, B = 0 (only BBB-01), overall (5 + 3) / (5 + 3 + 4).
    expect(score.sections.map((s) => s.counted.map((c) => c.code))).toEqual([['AAA-01', 'AAA-03'], ['BBB-01']]);
    expect(score.overall).toBeCloseTo((100 * 8) / 12, 10);
    expect(score.findings.map((f) => [f.questionCode, f.severity])).toEqual([['BBB-01', 'high']]);
  });

  it('gives no score (null) when nothing is scorable', () => {
    const score = scoreAssessment(
      DEFINITION,
      answers({ 'AAA-01': 'n/a', 'AAA-02': 'n/a', 'AAA-03': 'n/a', 'BBB-01': 'n/a' }),
    );
    expect(score).toMatchObject({ overall: null, band: null, sections: [{ score: null }, { score: null }] });
  });

  it('caps the band at D after a critical failure, and says what it was', () => {
    const score = scoreAssessment(
      DEFINITION,
      answers({ 'AAA-01': 'no', 'AAA-02': 'yes', 'AAA-03': 'monthly', 'BBB-01': 'yes', 'BBB-03': 'yes' }),
    );
    // (0 + 2 + 3 + 4 + 2) / 16 = 68.75 -> C, capped to D.
    expect(score).toMatchObject({ band: 'D', uncappedBand: 'C', criticalFailures: ['AAA-01'] });
    expect(score.findings[0]).toMatchObject({
      questionCode: 'AAA-01',
      severity: 'critical',
      recommendation: 'Fix AAA-01',
    });
  });

  const answerArb = fc.record({
    'AAA-01': fc.constantFrom('yes', 'partial', 'no', 'n/a'),
    'AAA-02': fc.constantFrom('yes', 'partial', 'no', 'n/a'),
    'AAA-03': fc.constantFrom('monthly', 'yearly', 'n/a'),
    'BBB-01': fc.constantFrom('yes', 'no', 'n/a'),
    'BBB-03': fc.constantFrom('yes', 'partial', 'no', 'n/a'),
  });
  const better: Record<string, string> = { no: 'partial', partial: 'yes', yearly: 'monthly' };

  it('keeps every score within 0..100 (property)', () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const { overall, sections } = scoreAssessment(DEFINITION, answers(a));
        return [overall, ...sections.map((s) => s.score)].every((v) => v === null || (v >= 0 && v <= 100));
      }),
    );
  });

  it('never lowers the overall score when one answer improves (property)', () => {
    fc.assert(
      fc.property(answerArb, fc.constantFrom('AAA-01', 'AAA-02', 'AAA-03', 'BBB-03'), (a, code) => {
        const current = (a as Record<string, string>)[code];
        if (!better[current]) return true;
        const before = scoreAssessment(DEFINITION, answers(a)).overall;
        const after = scoreAssessment(DEFINITION, answers({ ...a, [code]: better[current] })).overall;
        return before === null || after === null || after >= before - 1e-9;
      }),
    );
  });

  it('changes nothing when an N/A question is added (property)', () => {
    const extended: QuestionnaireDefinition = {
      ...DEFINITION,
      sections: [...DEFINITION.sections, { key: 'c', title: 'C', questions: [q('CCC-01', { weight: 7 })] }],
    };
    fc.assert(
      fc.property(answerArb, (a) => {
        const base = scoreAssessment(DEFINITION, answers(a));
        const more = scoreAssessment(extended, answers({ ...a, 'CCC-01': 'n/a' }));
        return base.overall === more.overall && base.band === more.band;
      }),
    );
  });
});

describe('likelihood, value at risk and rating (sections 3 and 5)', () => {
  it('uses the band of the latest assessment, one step worse once it is older than the interval', () => {
    expect(likelihood('A', 6, 12)).toEqual({ bandUsed: 'A', probability: 0.025, level: 1, assessmentExpired: false });
    expect(likelihood('A', 13, 12)).toEqual({ bandUsed: 'B', probability: 0.04, level: 2, assessmentExpired: true });
    expect(likelihood('E', 40, 36)).toMatchObject({ bandUsed: 'E', probability: 0.1 });
    expect(likelihood(null, null, 12)).toEqual({
      bandUsed: 'never',
      probability: 0.1,
      level: 5,
      assessmentExpired: false,
    });
  });

  it('applies insurance above and below the excess', () => {
    // SLE 36,050,000 at p = 0.06: VaR 2,163,000.
    expect(valueAtRisk(0.06, 36_050_000)).toEqual({ valueAtRisk: 2_163_000, covered: 0, netValueAtRisk: 2_163_000 });
    // Excess 1m, limit 20m: covered 20m, net = 0.06 x 16,050,000.
    expect(valueAtRisk(0.06, 36_050_000, { limit: 20_000_000, excess: 1_000_000 }).netValueAtRisk).toBeCloseTo(
      963_000,
      6,
    );
    // SLE below the excess: nothing covered.
    expect(valueAtRisk(0.1, 500_000, { limit: 20_000_000, excess: 1_000_000 })).toEqual({
      valueAtRisk: 50_000,
      covered: 0,
      netValueAtRisk: 50_000,
    });
  });

  it('keeps VaR non-negative and net VaR at most VaR (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.option(fc.record({ limit: fc.integer({ min: 0, max: 1e9 }), excess: fc.integer({ min: 0, max: 1e9 }) })),
        (p, sle, insurance) => {
          const { valueAtRisk: v, netValueAtRisk: net } = valueAtRisk(p, sle, insurance);
          return v >= 0 && net >= 0 && net <= v + 1e-6;
        },
      ),
    );
  });

  it('rates the heat-map cell', () => {
    expect([
      residualRating(1, 4),
      residualRating(1, 5),
      residualRating(3, 3),
      residualRating(2, 5),
      residualRating(3, 5),
      residualRating(5, 5),
    ]).toEqual(['low', 'medium', 'medium', 'high', 'critical', 'critical']);
  });
});

describe('review adjustments', () => {
  const definition = {
    key: 'adj',
    version: 1,
    title: 'Adjusted',
    sections: [
      {
        key: 's',
        title: 'S',
        questions: [
          {
            code: 'ADJ-01',
            text: 'MFA?',
            type: 'yes_no',
            weight: 3,
            critical: true,
            required: true,
            mappings: [],
            recommendation: 'Turn on MFA.',
          },
          { code: 'ADJ-02', text: 'Backups?', type: 'yes_no', weight: 1, required: true, mappings: [] },
        ],
      },
    ],
  } as never;

  it('counts the reviewer’s score instead of the answer’s, with the reason, and raises the finding it implies', () => {
    const plain = scoreAssessment(
      definition,
      new Map([
        ['ADJ-01', { value: 'yes', notApplicable: false }],
        ['ADJ-02', { value: 'yes', notApplicable: false }],
      ]),
    );
    expect(plain).toMatchObject({ overall: 100, band: 'A', criticalFailures: [], findings: [] });
    const adjusted = scoreAssessment(
      definition,
      new Map([
        [
          'ADJ-01',
          {
            value: 'yes',
            notApplicable: false,
            adjustment: { score: 0, reason: 'No MFA on the VPN in the evidence.' },
          },
        ],
        ['ADJ-02', { value: 'yes', notApplicable: false }],
      ]),
    );
    // 100 x (3 x 0 + 1 x 1) / 4 = 25; a critical question at 0 is a critical failure.
    expect(adjusted).toMatchObject({ overall: 25, band: 'E', criticalFailures: ['ADJ-01'] });
    expect(adjusted.sections[0].counted[0]).toEqual({
      code: 'ADJ-01',
      weight: 3,
      s: 0,
      contribution: 0,
      adjusted: { from: 1, reason: 'No MFA on the VPN in the evidence.' },
    });
    expect(adjusted.findings).toEqual([
      expect.objectContaining({ questionCode: 'ADJ-01', severity: 'critical', answer: 'yes' }),
    ]);
  });
});
