import type { Question, QuestionnaireDefinition } from '@app/questionnaires';
import { scoreAssessment, scoreText, type ScoredAnswer } from './control-score.js';
import { currentRisk, probabilityText, supplierBand } from './current-risk.js';
import { inherentRisk, inherentTier, linkCounts, linkLoss } from './inherent-risk.js';
import { DEFAULT_RISK_SETTINGS, resolveRiskSettings } from './settings.js';
import { heatMapCells } from './value-at-risk.js';

/** The rules issue 16 corrected (risk-model.md sections 1 to 6), one test per rule, figures by hand. */

const q = (code: string, extra: Partial<Question> = {}): Question => ({
  code,
  text: `${code}?`,
  type: 'yes_no_partial',
  weight: 1,
  critical: false,
  required: true,
  allowNotApplicable: false,
  evidence: 'none',
  mappings: [],
  recommendation: `Fix ${code}`,
  ...extra,
});
const answers = (entries: Record<string, string>) =>
  new Map<string, ScoredAnswer>(
    Object.entries(entries).map(([code, value]) => [code, { value, notApplicable: false }]),
  );
const definition = (questions: Question[], purpose?: 'security' | 'incident'): QuestionnaireDefinition => ({
  key: 'rules',
  version: 1,
  title: 'Rules',
  ...(purpose ? { purpose } : {}),
  sections: [{ key: 's', title: 'S', questions }],
});

describe('section 1: weight 0 is context', () => {
  it('is never counted and never a finding, whatever the answer', () => {
    const set = definition([q('CTX-01', { type: 'yes_no', weight: 0 }), q('CTL-01', { weight: 2 })]);
    const reassuring = scoreAssessment(set, answers({ 'CTX-01': 'no', 'CTL-01': 'yes' }));
    const worrying = scoreAssessment(set, answers({ 'CTX-01': 'yes', 'CTL-01': 'yes' }));
    for (const score of [reassuring, worrying]) {
      expect(score).toMatchObject({ overall: 100, band: 'A', findings: [] });
      expect(score.sections[0].counted.map((c) => c.code)).toEqual(['CTL-01']);
    }
  });
});

describe('section 1: knock-out caps', () => {
  // BAK-01 critical weight 5, ten other questions of weight 5 all met: overall 100 x (50 + 5s) / 55.
  const set = definition([
    q('BAK-01', { weight: 5, critical: true }),
    ...Array.from({ length: 10 }, (_, i) => q(`OTH-${String(i + 1).padStart(2, '0')}`, { weight: 5 })),
  ]);
  const allYes = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`OTH-${String(i + 1).padStart(2, '0')}`, 'yes']),
  );

  it('a partial answer on a critical question caps the band at C, and says so', () => {
    const score = scoreAssessment(set, answers({ ...allYes, 'BAK-01': 'partial' }));
    // 100 x 52.5 / 55 = 95.45: band A before the cap.
    expect(score.overall).toBeCloseTo((100 * 52.5) / 55, 10);
    expect(score).toMatchObject({
      uncappedBand: 'A',
      band: 'C',
      cap: { band: 'C', kind: 'partial', questions: ['BAK-01'] },
      criticalPartials: ['BAK-01'],
      criticalFailures: [],
    });
    expect(score.findings).toEqual([expect.objectContaining({ questionCode: 'BAK-01', severity: 'high' })]);
    expect(scoreText(score)).toBe('95.5, band A, capped at C by BAK-01 (partial answer)');
  });

  it('a critical failure caps at D and names the question ("91, band A, capped at D by BAK-01")', () => {
    const score = scoreAssessment(set, answers({ ...allYes, 'BAK-01': 'no' }));
    expect(score.overall).toBeCloseTo((100 * 50) / 55, 10);
    expect(score).toMatchObject({
      uncappedBand: 'A',
      band: 'D',
      cap: { band: 'D', kind: 'failure', questions: ['BAK-01'] },
    });
    expect(scoreText(score)).toBe('90.9, band A, capped at D by BAK-01');
  });

  it('a band already below the cap stays, with no cap shown', () => {
    const score = scoreAssessment(
      set,
      answers({ ...Object.fromEntries(Object.keys(allYes).map((k) => [k, 'no'])), 'BAK-01': 'partial' }),
    );
    expect(score).toMatchObject({ band: 'E', uncappedBand: 'E', cap: null, criticalPartials: ['BAK-01'] });
  });

  it('the caps are settings', () => {
    const settings = resolveRiskSettings({ criticalCaps: { partial: 'B' } });
    expect(scoreAssessment(set, answers({ ...allYes, 'BAK-01': 'partial' }), settings)).toMatchObject({
      band: 'B',
      cap: { band: 'B' },
    });
  });
});

describe('section 1: only security questionnaires are scored', () => {
  it('an incident follow-up has no score, no band and no finding, however it is answered', () => {
    const set = definition([q('EXF-01', { type: 'yes_no', weight: 5, critical: true })], 'incident');
    expect(scoreAssessment(set, answers({ 'EXF-01': 'no' }))).toMatchObject({
      purpose: 'incident',
      overall: null,
      band: null,
      findings: [],
      criticalFailures: [],
    });
  });

  it('a definition without a purpose is a security one', () => {
    expect(scoreAssessment(definition([q('SEC-01')]), answers({ 'SEC-01': 'yes' }))).toMatchObject({
      purpose: 'security',
      band: 'A',
    });
  });
});

describe('section 3: the supplier band is the worst of its security questionnaires', () => {
  const core = {
    assessmentId: 'core',
    questionnaireKey: 'supplier-security-core',
    band: 'B' as const,
    completedOn: '2026-06-01',
    overall: 80,
    uncappedBand: 'B' as const,
    cap: null,
  };
  const research = {
    assessmentId: 'research',
    questionnaireKey: 'research-data-partner',
    band: 'D' as const,
    completedOn: '2026-03-01',
    overall: 91.6,
    uncappedBand: 'A' as const,
    cap: { band: 'D' as const, kind: 'failure' as const, questions: ['TRE-03'] },
  };

  it('takes the weakest link and names which assessment set it', () => {
    const band = supplierBand([core, research], '2026-11-28', 12);
    expect(band).toMatchObject({
      band: 'D',
      bandUsed: 'D',
      assessmentExpired: false,
      setBy: { assessmentId: 'research' },
    });
    const risk = currentRisk(inherentRisk('low', []), [core, research], '2026-11-28', null);
    expect(risk).toMatchObject({ band: 'D', probability: 0.08 });
    expect(risk.explanation.summary).toContain(
      'The band D comes from the weakest of its security assessments, research-data-partner completed 2026-03-01 (91.6, band A, capped at D by TRE-03)',
    );
    expect(risk.explanation.summary).toContain(
      'also counted: supplier-security-core completed 2026-06-01 (80.0, band B)',
    );
  });

  it('drops an out-of-date assessment a step before taking the worst, and flags it', () => {
    const band = supplierBand(
      [
        { ...core, completedOn: '2025-06-01' },
        { ...research, band: 'C' },
      ],
      '2026-11-28',
      12,
    );
    // core: B, 18 months old > 12 -> C; research C: a tie, the worse as scored wins (both C), then the most recent.
    expect(band).toMatchObject({ band: 'C', bandUsed: 'C', assessmentExpired: true });
    expect(band.counted.find((a) => a.assessmentId === 'core')).toMatchObject({ bandUsed: 'C', expired: true });
  });

  it('ignores assessments with nothing scorable; none at all is never assessed', () => {
    expect(supplierBand([{ ...core, band: null }], '2026-11-28', 12)).toMatchObject({
      band: null,
      bandUsed: 'never',
      setBy: null,
    });
    expect(currentRisk(inherentRisk('low', []), null, '2026-11-28', null)).toMatchObject({
      band: null,
      probability: 0.1,
    });
  });
});

describe('section 4: what a supplier holds', () => {
  it('counts outbound and both; active, suspended and ended until destruction is confirmed; never proposed or inbound', () => {
    const cases: [string, string, string | null, boolean][] = [
      ['outbound', 'active', null, true],
      ['both', 'suspended', null, true],
      ['outbound', 'ended', null, true],
      ['outbound', 'ended', '2026-10-01', false],
      ['outbound', 'proposed', null, false],
      ['inbound', 'active', null, false],
    ];
    for (const [direction, status, destructionConfirmedOn, counts] of cases)
      expect([
        direction,
        status,
        destructionConfirmedOn,
        linkCounts({ direction, status, destructionConfirmedOn }),
      ]).toEqual([direction, status, destructionConfirmedOn, counts]);
  });

  it('applies the pseudonymisation factor: identifiable 1, pseudonymised 0.5, anonymised 0', () => {
    const link = { assetId: 'a', assetName: 'A', classification: 'personal' as const, recordCount: 10_000 };
    expect(linkLoss(link).dataLoss).toBe(1_200_000);
    expect(linkLoss({ ...link, pseudonymisation: 'pseudonymised' }).dataLoss).toBe(600_000);
    expect(linkLoss({ ...link, pseudonymisation: 'anonymised' }).dataLoss).toBe(0);
  });

  it('takes the largest link loss of each asset, not the largest record count, and never adds links up', () => {
    const risk = inherentRisk('none', [
      {
        assetId: 'ed',
        assetName: 'ED extract',
        classification: 'personal',
        recordCount: 50_000,
        pseudonymisation: 'pseudonymised',
        linkId: 'big',
      },
      {
        assetId: 'ed',
        assetName: 'ED extract',
        classification: 'personal',
        recordCount: 40_000,
        pseudonymisation: 'identifiable',
        linkId: 'small',
      },
    ]);
    // big: 0.5 x 120 x 50,000 = 3,000,000; small: 120 x 40,000 = 4,800,000 -> 4,800,000.
    expect(risk.singleLossEstimate).toBe(4_800_000);
    expect(risk.explanation.assets).toEqual([
      expect.objectContaining({
        assetId: 'ed',
        records: 40_000,
        linkId: 'small',
        factor: 1,
        links: 2,
        dataLoss: 4_800_000,
      }),
    ]);
  });
});

describe('section 6 and settings: the tier rule and the heat map follow the settings', () => {
  it('reads the tier thresholds from the settings', () => {
    expect(inherentTier(3, 'low').tier).toBe(2);
    const stricter = resolveRiskSettings({ tierRule: { impactLevel: { 1: 3, 2: 2, 3: 1 } } });
    expect(inherentTier(3, 'low', stricter).tier).toBe(1);
    expect(() => resolveRiskSettings({ tierRule: { criticality: { 1: 'extreme' } } })).toThrow(
      /tierRule.criticality.1/,
    );
  });

  it('colours each heat-map cell by its rating under the bounds in force', () => {
    const byDefault = heatMapCells();
    expect(byDefault.find((c) => c.likelihood === 2 && c.impact === 2)).toMatchObject({
      rating: 'low',
      colour: DEFAULT_RISK_SETTINGS.ratingColours.low,
    });
    const wider = resolveRiskSettings({ ratingBounds: { low: 2, medium: 9, high: 14 } });
    expect(heatMapCells(wider).find((c) => c.likelihood === 2 && c.impact === 2)).toMatchObject({
      rating: 'medium',
      colour: DEFAULT_RISK_SETTINGS.ratingColours.medium,
    });
  });
});

describe('section 5: the words', () => {
  it('says what p is and what VaR is, money to two significant figures', () => {
    expect(probabilityText(0.08)).toBe('8% chance a year of a breach or outage that affects us');
    expect(probabilityText(0.025)).toBe('2.5% chance a year of a breach or outage that affects us');
    const risk = currentRisk(
      inherentRisk('high', [
        { assetId: 'p', assetName: 'Pathology results', classification: 'special_category', recordCount: 200_000 },
      ]),
      null,
      '2026-11-28',
      null,
    );
    // SLE 19,800,000 + 5,000,000; VaR 0.1 x 24,800,000 = 2,480,000.
    expect(risk.explanation.summary).toMatch(
      /^Value at risk \(expected annual loss\) £2\.5M: a 10% chance a year of a breach or outage that affects us, times a single-loss estimate of £25M\./,
    );
  });
});
