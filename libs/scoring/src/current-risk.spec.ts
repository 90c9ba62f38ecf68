import fc from 'fast-check';
import { currentRisk, monthsBetween } from './current-risk.js';
import { inherentRisk } from './inherent-risk.js';
import { BANDS } from './settings.js';

// 180 x (100,000 + 0.1 x 900,000) = 34,200,000 + 500,000 (moderate) = 34,700,000: impact 5, tier 1.
const inherent = inherentRisk('moderate', [
  { assetId: 'a', assetName: 'Trauma', classification: 'special_category', recordCount: 1_000_000 },
]);
const SLE = 34_700_000;

describe('current risk (risk-model sections 3 to 6)', () => {
  it('counts months between dates, fractions included', () => {
    expect(monthsBetween('2026-01-15', '2027-01-15')).toBe(12);
    expect(monthsBetween('2026-01-15', '2027-01-14')).toBeLessThan(12);
    expect(monthsBetween('2026-01-15', '2027-01-16')).toBeGreaterThan(12);
  });

  it('uses the latest band, and one band worse once older than the tier interval (E stays E)', () => {
    const fresh = currentRisk(
      inherent,
      { assessmentId: 'x', band: 'B', completedOn: '2026-06-01' },
      '2027-06-01',
      null,
    );
    expect(fresh).toMatchObject({
      tier: 1,
      band: 'B',
      probability: 0.04,
      likelihoodLevel: 2,
      assessmentExpired: false,
      valueAtRisk: 0.04 * SLE,
      rating: 'high',
    }); // 2 x 5 = 10
    const stale = currentRisk(
      inherent,
      { assessmentId: 'x', band: 'B', completedOn: '2026-06-01' },
      '2027-06-02',
      null,
    );
    expect(stale).toMatchObject({
      band: 'B',
      probability: 0.06,
      likelihoodLevel: 3,
      assessmentExpired: true,
      valueAtRisk: 0.06 * SLE,
      rating: 'critical',
    }); // 3 x 5 = 15
    expect(stale.explanation.likelihood.expiredBecause).toContain('older than the tier 1 interval of 12 months');
    expect(
      currentRisk(inherent, { assessmentId: 'x', band: 'E', completedOn: '2020-01-01' }, '2027-06-02', null)
        .probability,
    ).toBe(0.1);
  });

  it('a tier override sets the reassessment interval', () => {
    const overridden = currentRisk(
      inherent,
      { assessmentId: 'x', band: 'B', completedOn: '2026-06-01' },
      '2027-06-02',
      null,
      { tier: 3, reason: 'Read-only access, agreed by the SIRO' },
    );
    expect(overridden).toMatchObject({ tier: 3, assessmentExpired: false, probability: 0.04 });
    expect(overridden.explanation.tier).toMatchObject({ inherent: 1, override: { tier: 3 }, reassessmentMonths: 24 });
  });

  it('insurance above and below the excess', () => {
    const insured = currentRisk(inherent, null, '2027-01-01', { limit: 20_000_000, excess: 1_000_000 });
    expect(insured).toMatchObject({ valueAtRisk: 3_470_000, netValueAtRisk: Math.round(0.1 * (SLE - 20_000_000)) });
    const small = inherentRisk('low', []); // SLE 50,000, below a 100,000 excess: nothing covered
    expect(currentRisk(small, null, '2027-01-01', { limit: 20_000_000, excess: 100_000 })).toMatchObject({
      valueAtRisk: 5_000,
      netValueAtRisk: 5_000,
    });
  });

  it('properties: VaR never negative, net VaR never above VaR', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BANDS, null),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.option(fc.record({ limit: fc.integer({ min: 0, max: 1e8 }), excess: fc.integer({ min: 0, max: 1e8 }) }), {
          nil: null,
        }),
        (band, records, insurance) => {
          const risk = currentRisk(
            inherentRisk('high', [{ assetId: 'a', assetName: 'A', classification: 'personal', recordCount: records }]),
            band ? { assessmentId: 'x', band, completedOn: '2026-12-01' } : null,
            '2027-01-01',
            insurance,
          );
          return risk.valueAtRisk >= 0 && risk.netValueAtRisk >= 0 && risk.netValueAtRisk <= risk.valueAtRisk;
        },
      ),
    );
  });
});
