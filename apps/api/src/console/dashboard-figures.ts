import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/platform';
import { SupplyChainReports, type SupplyChainReport } from '@app/reports';
import { LossDistributionService, type LossDistributionView } from '@app/risk';

/**
 * The register-wide figures the dashboard shows (the committee report's totals and the loss
 * distribution), worked out again only when the database changed. Their cost grows with the
 * register; the page is read far more often than the register changes.
 *
 * "Changed" is PostgreSQL's own transaction snapshot (`pg_current_snapshot()`: the next
 * transaction id and those in flight), read before the figures: any committed write anywhere
 * since moves it, so a cached figure is never older than the last change, whoever made it (the
 * API, a worker, SQL by hand). The day is part of the key too (overdue and expiry counts). Page
 * loads write nothing (console sessions are touched at most once a minute), so they keep it still.
 */
/** One figure for one key, worked out once; a failed one is forgotten, not kept. */
class Memo<T> {
  private entry: { key: string; value: Promise<T> } | null = null;

  get(key: string, work: () => Promise<T>): Promise<T> {
    if (this.entry?.key !== key) {
      const entry = { key, value: work() };
      entry.value.catch(() => {
        if (this.entry === entry) this.entry = null;
      });
      this.entry = entry;
    }
    return this.entry.value;
  }
}

@Injectable()
export class DashboardFigures {
  private readonly report = new Memo<SupplyChainReport>();
  private readonly loss = new Memo<LossDistributionView>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: SupplyChainReports,
    private readonly lossDistribution: LossDistributionService,
    private readonly clock: Clock,
  ) {}

  async current(withLoss: boolean): Promise<{ report: SupplyChainReport; loss: LossDistributionView | null }> {
    const [{ snapshot }] = await this.dataSource.query<{ snapshot: string }[]>(
      'SELECT pg_current_snapshot()::text AS snapshot',
    );
    const key = `${this.clock.today()} ${snapshot}`;
    const report = this.report.get(key, () => this.reports.build());
    const loss = withLoss ? this.loss.get(key, () => this.lossDistribution.current()) : null;
    return { report: await report, loss: loss ? { ...(await loss), asOf: this.clock.now().toISOString() } : null };
  }
}
