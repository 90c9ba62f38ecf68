import { BullModule, InjectQueue } from '@nestjs/bull';
import { Injectable, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { OutboxModule } from '@app/notifications';
import { RiskStaleness, SuppliersModule } from '@app/suppliers';

export const RISK_QUEUE = 'risk';
/** Every day at 06:00 London time, before anyone reads a report. */
export const STALENESS_CRON = '0 6 * * *';

/** The daily staleness run on its own queue, registered once however many workers run. */
@Injectable()
export class RiskWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @InjectQueue(RISK_QUEUE) private readonly queue: Queue,
    private readonly staleness: RiskStaleness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    void this.queue.process('staleness', 1, () => this.staleness.run());
    const register = () => this.queue.add('staleness', {}, { repeat: { cron: STALENESS_CRON, tz: 'Europe/London' }, removeOnComplete: true, removeOnFail: 30 });
    await register();
    this.queue.client.on('ready', () => void register().catch(() => undefined)); // a Redis restarted empty forgets repeatables
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

@Module({ imports: [OutboxModule, SuppliersModule, BullModule.registerQueue({ name: RISK_QUEUE })], providers: [RiskWorker] })
export class RiskWorkerModule {}
