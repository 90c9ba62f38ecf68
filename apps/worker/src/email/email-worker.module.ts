import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { Mailer, OutboxModule } from '@app/notifications';
import { ReportsModule } from '@app/reports';
import { EmailContent } from './email-content.js';
import { EmailDelivery } from './email-delivery.js';
import { EmailWorker } from './email-worker.js';
import { NotificationScheduler } from './notification-scheduler.js';

@Module({
  imports: [OutboxModule, AuditModule, AssessmentsModule, ReportsModule],
  providers: [Mailer, EmailContent, EmailDelivery, NotificationScheduler, EmailWorker],
  exports: [EmailDelivery, NotificationScheduler],
})
export class EmailWorkerModule {}
