import fc from 'fast-check';
import {
  eventSize,
  eventSizeTable,
  lossSimulationSource,
  simulateLossDistribution,
  summariseLosses,
  type LossExposure,
  type LossSimulationSettings,
} from './loss-distribution.js';
import { binomialCount, normalQuantile } from './random-draws.js';
import { DEFAULT_RISK_SETTINGS, resolveRiskSettings, RiskSettingsError } from './settings.js';

const FLAT: LossSimulationSettings = { lossSpread: 0, simulationYears: 20_000, simulationSeed: 1 };
const supplier = (
  id: string,
  probability: number,
  singleLossEstimate: number,
  insurance: LossExposure['insurance'] = null,
): LossExposure => ({ id, probability, singleLossEstimate, insurance });

describe('loss distribution (risk-model section 9), worked by hand with lossSpread 0', () => {
  it('one supplier of p = 0.08: P90 is 0 and P95 is the SLE, as the spec says', () => {
    const sle = 1_000_000;
    const result = simulateLossDistribution([supplier('s1', 0.08, sle)], FLAT);
    // About 8% of 20,000 years have the event: P50 and P90 fall in the 92% of years without one,
    // P95 (index 18,999) and P99 (index 19,799) in the years with one, each costing exactly the SLE.
    expect(result.gross).toMatchObject({ p50: 0, p90: 0, p95: sle, p99: sle });
    expect(result.net).toEqual(result.gross); // no insurance
    const eventYears = result.events;
    expect(eventYears).toBeGreaterThan(1_500);
    expect(eventYears).toBeLessThan(1_700);
    // The mean is the SLE times the share of years with an event, and the curve says the same.
    expect(result.gross.mean).toBe(Math.round((sle * eventYears) / 20_000));
    expect(result.gross.exceedance[0]).toEqual({ loss: 0, probability: eventYears / 20_000 });
    expect(result.gross.exceedance.at(-1)).toEqual({ loss: sle, probability: 0 });
    expect(result.gross.exceedance.length).toBeGreaterThanOrEqual(50);
    // It reconciles with VaR = 0.08 x SLE = 80,000 within 3 standard errors.
    expect(Math.abs(result.gross.mean - 0.08 * sle)).toBeLessThanOrEqual(3 * result.gross.standardError);
    expect(result.tailContributors).toEqual([{ supplierId: 's1', share: 1 }]);
    expect(result.draws).toBeGreaterThanOrEqual(1 + eventYears); // one count, then one draw per year placed (more on a repeat)
  });

  it('an event every year: every quantile is the SLE, and insurance takes min(max(SLE - excess, 0), limit) off each', () => {
    // covered = min(max(2,000,000 - 250,000, 0), 1,000,000) = 1,000,000, so each event nets 1,000,000.
    const result = simulateLossDistribution(
      [supplier('insured', 1, 2_000_000, { limit: 1_000_000, excess: 250_000 }), supplier('never', 0, 9_000_000)],
      { ...FLAT, simulationYears: 1_000 },
    );
    expect(result.gross).toMatchObject({
      mean: 2_000_000,
      standardError: 0,
      p50: 2_000_000,
      p90: 2_000_000,
      p95: 2_000_000,
      p99: 2_000_000,
    });
    expect(result.net).toMatchObject({ mean: 1_000_000, p50: 1_000_000, p95: 1_000_000, p99: 1_000_000 });
    expect(result.events).toBe(1_000);
    // A small loss under the excess is not covered at all; a loss above excess + limit keeps the rest.
    const small = simulateLossDistribution([supplier('small', 1, 200_000, { limit: 1_000_000, excess: 250_000 })], {
      ...FLAT,
      simulationYears: 100,
    });
    expect(small.net.mean).toBe(200_000);
  });

  it('shares the years beyond P95 among the suppliers that caused them', () => {
    const result = simulateLossDistribution([supplier('a', 1, 100), supplier('b', 1, 300)], {
      ...FLAT,
      simulationYears: 200,
    });
    expect(result.gross).toMatchObject({ mean: 400, p50: 400, p99: 400 });
    expect(result.tailContributors).toEqual([
      { supplierId: 'b', share: 0.75 },
      { supplierId: 'a', share: 0.25 },
    ]);
    expect(
      simulateLossDistribution([supplier('none', 0, 100)], { ...FLAT, simulationYears: 200 }).tailContributors,
    ).toEqual([]);
  });

  it('takes quantiles at index ceil(q x years) - 1 of the sorted annual totals', () => {
    const totals = Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 100); // 0..99, shuffled
    expect(summariseLosses(totals)).toMatchObject({ mean: 50, p50: 49, p90: 89, p95: 94, p99: 98 });
    expect(summariseLosses(totals).exceedance.slice(0, 2)).toEqual([
      { loss: 0, probability: 0.99 },
      { loss: 1, probability: 0.98 },
    ]);
  });
});

describe('loss distribution: generator and draws', () => {
  it('gives the same figures for the same inputs and seed, and others for another seed', () => {
    const portfolio = [
      supplier('a', 0.06, 24_800_000),
      supplier('b', 0.1, 3_000_000, { limit: 2_000_000, excess: 100_000 }),
      supplier('c', 0.025, 800_000),
    ];
    const settings = { lossSpread: 0.8, simulationYears: 5_000, simulationSeed: 7 };
    expect(simulateLossDistribution(portfolio, settings)).toEqual(simulateLossDistribution(portfolio, settings));
    expect(simulateLossDistribution(portfolio, { ...settings, simulationSeed: 8 }).gross.mean).not.toBe(
      simulateLossDistribution(portfolio, settings).gross.mean,
    );
  });

  it('draws binomial counts exactly: each count owns an interval of the uniform as long as its probability', () => {
    const n = 12,
      p = 0.3,
      steps = 50_000;
    const seen = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < steps; i++) seen[binomialCount(n, p, (i + 0.5) / steps)]++;
    let choose = 1;
    for (let k = 0; k <= n; k++) {
      expect(seen[k] / steps).toBeCloseTo(choose * p ** k * (1 - p) ** (n - k), 4);
      choose = (choose * (n - k)) / (k + 1);
    }
    expect(binomialCount(20_000, 0, 0.5)).toBe(0);
    expect(binomialCount(20_000, 1, 0.5)).toBe(20_000);
    // 20,000 years at p = 0.08: mean 1,600, variance 1,472, over an even grid of uniforms.
    const counts = Array.from({ length: 20_000 }, (_, i) => binomialCount(20_000, 0.08, (i + 0.5) / 20_000));
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeCloseTo(1_600, 1);
    expect(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length).toBeCloseTo(1_472, -1);
  });

  it('turns a uniform into a standard normal (AS241)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
  });

  it('reads the event size f from its quantile table within 1e-6 of exp(mu + sigma z), exactly in the outer cells', () => {
    const sigma = 0.8,
      sizes = eventSizeTable(sigma);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const draw = Math.floor(((i + 0.37) / 200_000) * 4294967296) >>> 0;
      const exact = Math.exp(-(sigma ** 2) / 2 + sigma * normalQuantile((draw + 0.5) / 4294967296));
      worst = Math.max(worst, Math.abs(eventSize(draw, sizes, sigma) / exact - 1));
    }
    expect(worst).toBeLessThan(1e-6);
    expect(eventSize(0xffffffff, sizes, sigma)).toBe(
      Math.exp(-0.32 + 0.8 * normalQuantile((0xffffffff + 0.5) / 4294967296)),
    );
  });

  it('runs the same from its source text, as a worker thread runs it', () => {
    const portfolio = [supplier('a', 0.2, 1_000_000), supplier('b', 0.05, 5_000_000, { limit: 1_000_000, excess: 0 })];
    const settings = { lossSpread: 0.8, simulationYears: 2_000, simulationSeed: 3 };
    const run = new Function(
      'exposures',
      'settings',
      `${lossSimulationSource()}\nreturn simulateLossDistribution(exposures, settings);`,
    );
    expect(run(portfolio, settings)).toEqual(simulateLossDistribution(portfolio, settings));
  });

  it('has its settings in the one risk settings object, checked', () => {
    expect(DEFAULT_RISK_SETTINGS).toMatchObject({ lossSpread: 0.8, simulationYears: 20_000, simulationSeed: 1 });
    expect(resolveRiskSettings({ lossSpread: 0, simulationYears: 500 })).toMatchObject({
      lossSpread: 0,
      simulationYears: 500,
      simulationSeed: 1,
    });
    const problems = (() => {
      try {
        resolveRiskSettings({ lossSpread: 4, simulationYears: 10.5, simulationSeed: 2 ** 33 });
      } catch (error) {
        return (error as RiskSettingsError).problems.map((p) => p.path);
      }
      return [];
    })();
    expect(problems).toEqual(['settings.lossSpread', 'settings.simulationYears', 'settings.simulationSeed']);
  });
});

describe('loss distribution: properties', () => {
  const exposure = fc.record({
    id: fc.uuid(),
    probability: fc.double({ min: 0, max: 0.3, noNaN: true }),
    singleLossEstimate: fc.integer({ min: 1_000, max: 50_000_000 }),
    insurance: fc.option(
      fc.record({ limit: fc.integer({ min: 0, max: 20_000_000 }), excess: fc.integer({ min: 0, max: 5_000_000 }) }),
      { nil: null },
    ),
  });
  const settings = fc.record({
    lossSpread: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    simulationYears: fc.integer({ min: 2_000, max: 5_000 }),
    simulationSeed: fc.integer({ min: 0, max: 0xffffffff }),
  });

  it('the mean reconciles with the sum of VaR within 3 standard errors, and net <= gross at every quantile', () => {
    fc.assert(
      fc.property(fc.array(exposure, { minLength: 1, maxLength: 8 }), settings, (portfolio, s) => {
        const result = simulateLossDistribution(portfolio, s);
        const sumOfVaR = portfolio.reduce((sum, e) => sum + e.probability * e.singleLossEstimate, 0);
        // The standard error of the mean from the model itself (a sample without any event has none):
        // one supplier's annual loss has variance p x SLE^2 x E[f^2] - (p x SLE)^2, with E[f^2] = exp(sigma^2).
        const variance = portfolio.reduce(
          (sum, e) =>
            sum +
            e.probability * e.singleLossEstimate ** 2 * Math.exp(s.lossSpread ** 2) -
            (e.probability * e.singleLossEstimate) ** 2,
          0,
        );
        const standardError = Math.sqrt(variance / s.simulationYears);
        expect(Math.abs(result.gross.mean - sumOfVaR)).toBeLessThanOrEqual(3 * standardError + 0.5); // + rounding to the pound
        for (const q of ['mean', 'p50', 'p90', 'p95', 'p99'] as const)
          expect(result.net[q]).toBeLessThanOrEqual(result.gross[q]);
        if (s.lossSpread === 0) {
          const sumOfNetVaR = portfolio.reduce(
            (sum, e) =>
              sum +
              e.probability *
                (e.singleLossEstimate -
                  (e.insurance
                    ? Math.min(Math.max(e.singleLossEstimate - e.insurance.excess, 0), e.insurance.limit)
                    : 0)),
            0,
          );
          const netVariance = portfolio.reduce(
            (sum, e) =>
              sum +
              e.probability *
                (1 - e.probability) *
                (e.singleLossEstimate -
                  (e.insurance
                    ? Math.min(Math.max(e.singleLossEstimate - e.insurance.excess, 0), e.insurance.limit)
                    : 0)) **
                  2,
            0,
          );
          expect(Math.abs(result.net.mean - sumOfNetVaR)).toBeLessThanOrEqual(
            3 * Math.sqrt(netVariance / s.simulationYears) + 0.5,
          );
        }
      }),
      { seed: 20, numRuns: 60 },
    );
  });
});
