import { ApiProperty } from '@nestjs/swagger';

// Responses of the portfolio routes as classes, for the OpenAPI document (api.md: loss distribution, countermeasures).

export class ExceedancePoint {
  /** Whole pounds. */
  loss: number;
  /** The probability that a year's loss exceeds `loss`. */
  probability: number;
}

/** One side (gross or net) of the simulated annual loss, whole pounds. */
export class LossSummaryView {
  mean: number;
  /** The mean's standard error. */
  standardError: number;
  p50: number;
  p90: number;
  /** The 1-in-20-year loss. */
  p95: number;
  /** The 1-in-100-year loss. */
  p99: number;
  exceedance: ExceedancePoint[];
}

export class TailContributorView {
  supplierId: string;
  name: string;
  /** Share of the net loss in the years beyond P95. */
  share: number;
}

/** `GET /api/v1/risk/loss-distribution` (risk-model section 9). */
export class LossDistributionResponse {
  asOf: string;
  years: number;
  seed: number;
  lossSpread: number;
  gross: LossSummaryView;
  net: LossSummaryView;
  tailContributors: TailContributorView[];
  suppliers: number;
  sumOfValueAtRisk: number;
  sumOfNetValueAtRisk: number;
}

export class CountermeasureActionView {
  findingId: string;
  supplierId: string;
  supplierName: string;
  questionCode: string;
  questionText: string;
  @ApiProperty({ enum: ['critical', 'high', 'medium', 'low'] })
  severity: string;
  status: string;
  /** Net VaR its fix removes, whole pounds. */
  riskReduction: number | null;
  remediationCost: number | null;
  reductionPerPound: number | null;
}

export class SupplierPathView {
  supplierId: string;
  supplierName: string;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'], nullable: true })
  band: string | null;
  /** The fewest open findings whose fixing lifts it to band B or better (empty when none can). */
  findingIds: string[];
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E'], nullable: true })
  bandAfter: string | null;
  riskReduction: number;
  /** False when even fixing every open finding leaves it below B. */
  reachable: boolean;
}

/** `GET /api/v1/risk/countermeasures` (risk-model section 10). */
export class CountermeasuresResponse {
  actions: CountermeasureActionView[];
  paths: SupplierPathView[];
}
