import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Countermeasures } from '@app/assessments';
import { Roles } from '@app/identity';
import { LossDistributionService } from '@app/risk';
import { CountermeasuresResponse, LossDistributionResponse } from './portfolio-risk.view.js';

/** The portfolio's risk as a whole: what a bad year costs, and which fixes cut the most (risk-model sections 9 and 10). */
@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/risk')
export class PortfolioRiskController {
  constructor(
    private readonly lossDistribution: LossDistributionService,
    private readonly countermeasures: Countermeasures,
  ) {}

  /** The simulated annual loss, gross and net: mean, P50, P90, P95, P99, the exceedance curve and the suppliers behind the tail. */
  @Get('loss-distribution')
  @Roles('governance')
  async loss(): Promise<LossDistributionResponse> {
    return this.lossDistribution.current();
  }

  /** Open findings by the net VaR their fix removes (then severity), and each supplier's path to band B. */
  @Get('countermeasures')
  @Roles('procurement', 'governance')
  async countermeasureList(): Promise<CountermeasuresResponse> {
    const [actions, paths] = [await this.countermeasures.actions(), await this.countermeasures.paths()];
    return {
      actions: actions.map(({ supplierName, questionText, status, ...a }) => ({
        ...a,
        supplierName,
        questionText,
        status,
      })),
      paths: paths.map((p) => ({
        supplierId: p.supplierId,
        supplierName: p.supplierName,
        band: p.band,
        findingIds: p.findingIds,
        bandAfter: p.bandAfter,
        riskReduction: p.riskReduction,
        reachable: p.reachable,
      })),
    };
  }
}
