import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/platform';
import {
  lossSimulationSource,
  RISK_SETTINGS,
  valueAtRisk,
  type LossDistribution,
  type LossExposure,
  type LossSimulationSettings,
  type LossSummary,
  type RiskSettings,
} from '@app/scoring';
import { lossExposures } from '@app/suppliers';

/** `GET /api/v1/risk/loss-distribution` (api.md "Resource fields"). */
export interface LossDistributionView {
  asOf: string;
  years: number;
  seed: number;
  lossSpread: number;
  gross: LossSummary;
  net: LossSummary;
  tailContributors: { supplierId: string; name: string; share: number }[];
  /** Suppliers simulated, and the sum of their VaR and net VaR the means reconcile with. */
  suppliers: number;
  sumOfValueAtRisk: number;
  sumOfNetValueAtRisk: number;
}

// The worker evaluates the simulation's own functions (lossSimulationSource) and runs them once.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
${lossSimulationSource()}
parentPort.postMessage(simulateLossDistribution(workerData.exposures, workerData.settings));
`;

/**
 * The portfolio's simulated annual loss (risk-model section 9), from every supplier's current
 * figures. The simulation runs in a worker thread, never on the request thread; its result is kept
 * for the inputs that made it (a hash of every p, SLE, insurance and the settings), so that any
 * change of figures computes it afresh and no change serves it at once. Concurrent requests for
 * the same inputs share one run.
 */
@Injectable()
export class LossDistributionService {
  private cached: { key: string; result: Promise<LossDistribution> } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(RISK_SETTINGS) private readonly settings: RiskSettings,
  ) {}

  async current(): Promise<LossDistributionView> {
    const asOf = this.clock.now().toISOString();
    const named = await lossExposures(this.dataSource);
    const exposures: LossExposure[] = named.map(({ id, probability, singleLossEstimate, insurance }) => ({
      id,
      probability,
      singleLossEstimate,
      insurance,
    }));
    const settings: LossSimulationSettings = {
      lossSpread: this.settings.lossSpread,
      simulationYears: this.settings.simulationYears,
      simulationSeed: this.settings.simulationSeed,
    };
    const key = createHash('sha256')
      .update(JSON.stringify([settings, exposures]))
      .digest('hex');
    if (this.cached?.key !== key) {
      const result = runInWorker(exposures, settings);
      this.cached = { key, result };
      result.catch(() => {
        if (this.cached?.result === result) this.cached = null;
      }); // a failed run is not kept
    }
    const result = await this.cached.result;
    const names = new Map(named.map((e) => [e.id, e.name]));
    return {
      asOf,
      years: result.years,
      seed: result.seed,
      lossSpread: result.lossSpread,
      gross: result.gross,
      net: result.net,
      tailContributors: result.tailContributors.map((t) => ({
        supplierId: t.supplierId,
        name: names.get(t.supplierId) ?? '',
        share: t.share,
      })),
      suppliers: exposures.length,
      sumOfValueAtRisk: Math.round(
        exposures.reduce(
          (sum, e) => sum + valueAtRisk(e.probability, e.singleLossEstimate, e.insurance).valueAtRisk,
          0,
        ),
      ),
      sumOfNetValueAtRisk: Math.round(
        exposures.reduce(
          (sum, e) => sum + valueAtRisk(e.probability, e.singleLossEstimate, e.insurance).netValueAtRisk,
          0,
        ),
      ),
    };
  }
}

function runInWorker(exposures: LossExposure[], settings: LossSimulationSettings): Promise<LossDistribution> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { exposures, settings } });
    worker.once('message', (result: LossDistribution) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the loss simulation stopped with code ${code}`));
    });
  });
}
