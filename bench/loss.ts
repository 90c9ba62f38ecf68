import { simulateLossDistribution, type LossExposure } from '@app/scoring';
import { goalLine } from './load.js';

/**
 * The loss distribution (risk-model section 9) at 10,000 suppliers x 20,000 years, timed against a
 * plain loop that only sums as many draws of the same generator as the simulation made, in the same
 * run (goal: at most 3x). Five rounds, each timing one then the other: the ratio reported is the
 * median of the rounds' ratios (the machine is shared, so a round's two timings see the same load),
 * with the fastest of each beside it. Memory: the typed arrays the simulation allocates (they do not grow with suppliers x
 * years), and the process's peak resident set before and after.
 */
export async function lossBench(suppliers = 10_000, years = 20_000): Promise<void> {
  const p = [0.025, 0.04, 0.06, 0.08, 0.1];
  const exposures: LossExposure[] = Array.from({ length: suppliers }, (_, i) => ({
    id: `supplier-${String(i).padStart(5, '0')}`,
    probability: p[i % 5],
    singleLossEstimate: ((i % 97) + 1) * 250_000,
    insurance: i % 10 === 0 ? { limit: 5_000_000, excess: 250_000 } : null,
  }));
  const settings = { lossSpread: 0.8, simulationYears: years, simulationSeed: 1 };
  const simulationMs: number[] = [];
  const loopMs: number[] = [];
  let result = simulateLossDistribution(exposures.slice(0, 200), settings); // warm the JIT
  plainLoop(result.draws);
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  for (let round = 0; round < 5; round++) {
    let started = performance.now();
    result = simulateLossDistribution(exposures, settings);
    simulationMs.push(performance.now() - started);
    await new Promise((resolve) => setImmediate(resolve));
    started = performance.now();
    plainLoop(result.draws);
    loopMs.push(performance.now() - started);
  }
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  const sim = Math.min(...simulationMs);
  const loop = Math.min(...loopMs);
  const ratios = simulationMs.map((ms, i) => ms / loopMs[i]).sort((a, b) => a - b);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  // Annual totals gross and net (side by side, then apart), three sorted copies, the year stamps and
  // the tail mask (per year); the event-size table, the draw buffer; one contribution per supplier.
  const held = years * (8 * 7 + 4 + 1) + 65_537 * 4 + 4096 * 4 + suppliers * 8;
  console.log(
    `loss distribution: ${suppliers.toLocaleString('en-GB')} suppliers x ${years.toLocaleString('en-GB')} years, lossSpread 0.8: ${result.events.toLocaleString('en-GB')} events, ${result.draws.toLocaleString('en-GB')} draws`,
  );
  console.log(
    `  plain loop summing ${result.draws.toLocaleString('en-GB')} draws (baseline)        ${loop.toFixed(0).padStart(7)} ms`,
  );
  console.log(
    `  simulation (two passes: totals, then the tail's suppliers)   ${sim.toFixed(0).padStart(7)} ms   ratio ${ratios[2].toFixed(2)} (goal <= 3; rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}; fastest/fastest ${(sim / loop).toFixed(2)})`,
  );
  goalLine('loss distribution: simulation / plain loop of its draws (time)', ratios[2], { atMost: 3 }, ratios);
  console.log(
    `  memory: typed arrays allocated ${mb(held)}; peak resident set ${mb(peakAfter)} (${mb(peakBefore)} before the runs)`,
  );
  console.log(
    `  gross mean ${result.gross.mean.toLocaleString('en-GB')} (sum of VaR ${Math.round(exposures.reduce((s, e) => s + e.probability * e.singleLossEstimate, 0)).toLocaleString('en-GB')}), P95 ${result.gross.p95.toLocaleString('en-GB')}, P99 ${result.gross.p99.toLocaleString('en-GB')}`,
  );
}

/** The yardstick: the same generator, drawn as many times, each draw scaled and summed. */
function plainLoop(draws: number): number {
  const s = new Uint32Array([0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x12345678]);
  const toUnit = 1 / 4294967296;
  let sum = 0;
  for (let i = 0; i < draws; i++) {
    // xoshiro128**, as the simulation draws it (inlined here so the loop is nothing but draws).
    const s0 = s[0],
      s1 = s[1],
      s2 = s[2] ^ s0,
      s3 = s[3] ^ s1;
    const m = Math.imul(s1, 5);
    sum += (Math.imul((m << 7) | (m >>> 25), 9) >>> 0) * toUnit;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
  }
  if (sum < 0) console.log(sum); // keeps the sum alive
  return sum;
}
