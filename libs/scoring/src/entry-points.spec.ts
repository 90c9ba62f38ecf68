import { currentRisk } from './current-risk.js';
import { withEntryPoints, type EntryPoint } from './entry-points.js';
import { inherentRisk } from './inherent-risk.js';

// 180 x (100,000 + 0.1 x 900,000) = 34,200,000 + 500,000 (moderate) = 34,700,000: impact 5.
const inherent = inherentRisk('moderate', [
  { assetId: 'a', assetName: 'Trauma', classification: 'special_category', recordCount: 1_000_000 },
]);
const SLE = 34_700_000;
const TODAY = '2027-01-10';
const assessed = (band: 'A' | 'B' | 'C' | 'D' | 'E') =>
  currentRisk(inherent, { assessmentId: 'x', band, completedOn: '2026-12-01' }, TODAY, null);
const path = (over: Partial<EntryPoint> = {}): EntryPoint => ({
  id: 'p1',
  kind: 'remote_support',
  description: 'TeamViewer to PACS',
  mfa: 'enforced',
  monitored: true,
  status: 'active',
  ...over,
});

describe('entry points (risk-model section 3: an unprotected way in worsens the band used for p by one step)', () => {
  it('leaves the figures alone when every active way in has MFA and is monitored', () => {
    const risk = withEntryPoints(assessed('B'), [
      path(),
      path({ id: 'p2', mfa: 'none', status: 'disabled' }),
      path({ id: 'p3', monitored: false, status: 'removed' }),
    ]);
    expect(risk).toMatchObject({ probability: 0.04, likelihoodLevel: 2, valueAtRisk: Math.round(0.04 * SLE) });
    expect(risk.explanation.entryPoints).toEqual({
      unprotected: [],
      bandBefore: 'B',
      bandAfter: 'B',
      stepApplied: false,
    });
  });

  it('an active path without MFA moves the band used one step, and names the path', () => {
    const risk = withEntryPoints(assessed('B'), [path({ mfa: 'none' })]);
    expect(risk).toMatchObject({
      band: 'B',
      probability: 0.06,
      likelihoodLevel: 3,
      valueAtRisk: Math.round(0.06 * SLE),
      netValueAtRisk: Math.round(0.06 * SLE),
      rating: 'critical',
    });
    expect(risk.explanation.likelihood).toMatchObject({ bandUsed: 'C', probability: 0.06, level: 3 });
    expect(risk.explanation.entryPoints).toMatchObject({
      bandBefore: 'B',
      bandAfter: 'C',
      stepApplied: true,
      unprotected: [{ id: 'p1', reasons: ['no MFA'] }],
    });
    expect(risk.explanation.summary).toContain(
      'band B counts as C because of an unprotected way in: TeamViewer to PACS (no MFA)',
    );
  });

  it('several unprotected paths still move it one step only; E and never assessed stay', () => {
    const two = withEntryPoints(assessed('A'), [
      path({ mfa: 'none' }),
      path({ id: 'p2', description: 'Vendor VPN', monitored: false }),
      path({ id: 'p3', mfa: 'none', monitored: false }),
    ]);
    expect(two.explanation.likelihood.bandUsed).toBe('B');
    expect(two.probability).toBe(0.04);
    expect(two.explanation.entryPoints.unprotected.map((p) => p.reasons)).toEqual([
      ['no MFA'],
      ['not monitored'],
      ['no MFA', 'not monitored'],
    ]);
    expect(withEntryPoints(assessed('E'), [path({ mfa: 'none' })])).toMatchObject({
      probability: 0.1,
      explanation: { likelihood: { bandUsed: 'E' }, entryPoints: { stepApplied: false } },
    });
    const never = withEntryPoints(currentRisk(inherent, null, TODAY, null), [path({ mfa: 'none' })]);
    expect(never).toMatchObject({
      probability: 0.1,
      explanation: {
        likelihood: { bandUsed: 'never' },
        entryPoints: { stepApplied: false, unprotected: [{ id: 'p1' }] },
      },
    });
  });

  it('follows insurance into the net figure', () => {
    const insured = currentRisk(inherent, { assessmentId: 'x', band: 'C', completedOn: '2026-12-01' }, TODAY, {
      limit: 10_000_000,
      excess: 700_000,
    });
    const risk = withEntryPoints(insured, [path({ monitored: false })]);
    expect(risk).toMatchObject({
      probability: 0.08,
      valueAtRisk: Math.round(0.08 * SLE),
      netValueAtRisk: Math.round(0.08 * (SLE - 10_000_000)),
    });
  });
});
