import { Injectable } from '@nestjs/common';
import { RiskStaleness } from '@app/suppliers';
import { FindingsService } from './findings.service.js';

/**
 * The daily risk run (the worker, 06:00 London time): lapsed finding acceptances reopen, then the
 * figures that time alone changed are recomputed (staleness, insurance no longer current).
 */
@Injectable()
export class DailyRiskRun {
  constructor(
    private readonly findings: FindingsService,
    private readonly staleness: RiskStaleness,
  ) {}

  async run(): Promise<{ acceptancesLapsed: number; recomputed: number }> {
    const lapsed = await this.findings.lapseAcceptances();
    const { recomputed } = await this.staleness.run();
    return { acceptancesLapsed: lapsed.length, recomputed };
  }
}
