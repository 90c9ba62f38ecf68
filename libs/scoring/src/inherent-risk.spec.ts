import { dataLoss, impactLevel, inherentRisk, inherentTier } from './inherent-risk.js';

const link = (
  assetId: string,
  classification: 'public' | 'official' | 'personal' | 'special_category',
  recordCount: number,
) => ({
  assetId,
  assetName: assetId,
  classification,
  recordCount,
});

describe('single-loss estimate (risk-model section 4)', () => {
  it('counts the first 100,000 records at the full rate', () => {
    expect(dataLoss('personal', 100_000).dataLoss).toBe(12_000_000);
    expect(dataLoss('special_category', 1).dataLoss).toBe(180);
  });

  it('counts records 100,001 to 10,000,000 at 10% and above at 1%', () => {
    // 1,100,000 special-category records: 180 x (100,000 + 0.1 x 1,000,000) = 36,000,000
    expect(dataLoss('special_category', 1_100_000).dataLoss).toBe(36_000_000);
    // 12,000,000 personal: 120 x (100,000 + 0.1 x 9,900,000 + 0.01 x 2,000,000) = 133,200,000
    const twelveMillion = dataLoss('personal', 12_000_000);
    expect(twelveMillion.recordsByTier).toEqual({ full: 100_000, middle: 9_900_000, top: 2_000_000 });
    expect(twelveMillion.dataLoss).toBeCloseTo(133_200_000, 6);
  });

  it('gives public and official data no data-loss value', () => {
    expect(dataLoss('official', 5_000_000).dataLoss).toBe(0);
    expect(dataLoss('public', 5_000_000).dataLoss).toBe(0);
  });

  it('counts the same asset once, at its largest active link, and adds operational loss', () => {
    const risk = inherentRisk('moderate', [
      link('ed', 'personal', 20_000),
      link('ed', 'personal', 50_000),
      link('payroll', 'personal', 1_000),
    ]);
    // ed: 120 x 50,000 = 6,000,000; payroll: 120,000; operational 500,000
    expect(risk.singleLossEstimate).toBe(6_620_000);
    expect(risk.explanation.assets.map((a) => [a.assetId, a.records])).toEqual([
      ['ed', 50_000],
      ['payroll', 1_000],
    ]);
    expect(risk.impactLevel).toBe(3);
    expect(risk.tier).toBe(2);
  });

  it('gives a supplier with no data and no criticality impact 1, tier 4', () => {
    const risk = inherentRisk('none', []);
    expect(risk).toMatchObject({ singleLossEstimate: 0, impactLevel: 1, tier: 4 });
  });
});

describe('impact level and inherent tier', () => {
  it.each([
    [99_999, 1],
    [100_000, 2],
    [999_999, 2],
    [1_000_000, 3],
    [9_999_999, 3],
    [10_000_000, 4],
    [29_999_999, 4],
    [30_000_000, 5],
  ])('SLE %d is impact level %d', (sle, level) => {
    expect(impactLevel(sle)).toBe(level);
  });

  it('puts a critical service in tier 1 whatever its data, and a high one in tier 2', () => {
    expect(inherentTier(1, 'critical').tier).toBe(1);
    expect(inherentTier(1, 'high').tier).toBe(2);
    expect(inherentTier(2, 'low').tier).toBe(3);
    expect(inherentTier(1, 'moderate').tier).toBe(3);
    expect(inherentTier(1, 'low').tier).toBe(4);
    expect(inherentTier(4, 'none').tier).toBe(1);
  });

  it('makes a university holding the 1.1m-record trauma dataset tier 1 (SLE 36m, impact 5)', () => {
    const risk = inherentRisk('low', [link('trauma', 'special_category', 1_100_000)]);
    expect(risk).toMatchObject({ singleLossEstimate: 36_050_000, impactLevel: 5, tier: 1 });
    expect(risk.explanation.reassessmentMonths).toBe(12);
  });
});
