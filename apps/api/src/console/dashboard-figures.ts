import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, databaseSnapshot, SnapshotMemo } from '@app/platform';
import { SupplyChainReports, type SupplyChainReport } from '@app/reports';
import { LossDistributionService, type LossDistributionView } from '@app/risk';

/**
 * The register-wide figures the dashboard shows (the committee report's totals and the loss
 * distribution), worked out again only when the database changed (its snapshot, `databaseSnapshot`,
 * read before the figures) or the day did (overdue and expiry counts). Their cost grows with the
 * register; the page is read far more often than the register changes, and page loads write nothing
 * (console sessions are touched at most once a minute).
 */
@Injectable()
export class DashboardFigures {
  private readonly report = new SnapshotMemo<SupplyChainReport>();
  private readonly loss = new SnapshotMemo<LossDistributionView>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: SupplyChainReports,
    private readonly lossDistribution: LossDistributionService,
    private readonly clock: Clock,
  ) {}

  async current(withLoss: boolean): Promise<{ report: SupplyChainReport; loss: LossDistributionView | null }> {
    const key = `${this.clock.today()} ${await databaseSnapshot(this.dataSource)}`;
    const report = this.report.get(key, () => this.reports.build());
    const loss = withLoss ? this.loss.get(key, () => this.lossDistribution.current()) : null;
    return { report: await report, loss: loss ? { ...(await loss), asOf: this.clock.now().toISOString() } : null };
  }
}
