import { Module, type DynamicModule } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { AppConfig, ClockModule, ConfigModule, RedisModule } from '@app/platform';
import { RiskSettingsModule } from '@app/scoring';
import { EmailWorkerModule } from './email/email-worker.module.js';
import { QueueHealth } from './queue-health.js';
import { RiskWorkerModule } from './risk/risk-worker.js';

/** The worker: Bull processors and scheduled jobs, no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        RiskSettingsModule,
        RedisModule,
        DatabaseModule,
        EmailWorkerModule,
        RiskWorkerModule,
      ],
      providers: [QueueHealth],
    };
  }
}
