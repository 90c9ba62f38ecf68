import { BullModule, InjectQueue } from '@nestjs/bull';
import { Injectable, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AssessmentExpiry, AssessmentsModule } from '@app/assessments';
import { OutboxModule, RISK_JOB, RISK_QUEUE } from '@app/notifications';
import { ReportRollups, ReportsModule, Snapshots } from '@app/reports';
import { DailyRiskRun, RiskModule } from '@app/risk';
import { SuppliersModule } from '@app/suppliers';

/** Every day at 06:00 London time, before anyone reads a report. */
export const STALENESS_CRON = '0 6 * * *';
/** The monthly snapshot: the first of the month at 06:30 London time, after the staleness run. */
export const SNAPSHOT_CRON = '30 6 1 * *';
/** The report's running totals are folded every minute (the report is exact either way; this keeps it fast). */
export const ROLLUP_EVERY_MS = 60_000;

/** The daily risk run (lapsed acceptances, staleness) and expiry run, the monthly snapshot and the report's totals on their own queue, registered once however many workers run. */
@Injectable()
export class RiskWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @InjectQueue(RISK_QUEUE) private readonly queue: Queue,
    private readonly daily: DailyRiskRun,
    private readonly snapshots: Snapshots,
    private readonly expiry: AssessmentExpiry,
    private readonly rollups: ReportRollups,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.queue.process(RISK_JOB.staleness, 1, () => this.daily.run());
    void this.queue.process(RISK_JOB.snapshot, 1, () => this.snapshots.take());
    void this.queue.process(RISK_JOB.expire, 1, () => this.expiry.run());
    void this.queue.process(RISK_JOB.rollups, 1, () => this.rollups.compact());
    const register = async () => {
      await this.queue.add(
        RISK_JOB.staleness,
        {},
        { repeat: { cron: STALENESS_CRON, tz: 'Europe/London' }, removeOnComplete: true, removeOnFail: 30 },
      );
      await this.queue.add(
        RISK_JOB.snapshot,
        {},
        { repeat: { cron: SNAPSHOT_CRON, tz: 'Europe/London' }, removeOnComplete: true, removeOnFail: 30 },
      );
      await this.queue.add(
        RISK_JOB.expire,
        {},
        { repeat: { cron: STALENESS_CRON, tz: 'Europe/London' }, removeOnComplete: true, removeOnFail: 30 },
      );
      await this.queue.add(
        RISK_JOB.rollups,
        {},
        { repeat: { every: ROLLUP_EVERY_MS }, removeOnComplete: true, removeOnFail: 30 },
      );
    };
    await register();
    this.queue.client.on('ready', () => void register().catch(() => undefined)); // a Redis restarted empty forgets repeatables
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

@Module({
  imports: [
    OutboxModule,
    SuppliersModule,
    RiskModule,
    ReportsModule,
    AssessmentsModule,
    BullModule.registerQueue({ name: RISK_QUEUE }),
  ],
  providers: [RiskWorker],
})
export class RiskWorkerModule {}
