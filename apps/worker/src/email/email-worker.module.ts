import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { EMAIL_CONTEXT_BUILDERS, Mailer, OutboxModule, type EmailContextBuilder } from '@app/notifications';
import { ReportsModule } from '@app/reports';
import { AssessmentEmailContext } from './contexts/assessment-email-context.js';
import { AccessPathReviewEmailContext, CertificationExpiryEmailContext } from './contexts/assurance-email-context.js';
import { DigestEmailContext } from './contexts/digest-email-context.js';
import { ExpiringEmailContext } from './contexts/expiring-email-context.js';
import { IncidentOpenedEmailContext } from './contexts/incident-email-context.js';
import { LinkDueEmailContext } from './contexts/link-due-email-context.js';
import { ReassessmentEmailContext } from './contexts/reassessment-email-context.js';
import { EmailContent } from './email-content.js';
import { EmailDelivery } from './email-delivery.js';
import { EmailWorker } from './email-worker.js';
import { NotificationScheduler } from './notification-scheduler.js';

/** Every email context builder: a new email adds its builder here (EmailContent refuses a template claimed twice). */
const CONTEXT_BUILDERS = [
  AssessmentEmailContext,
  LinkDueEmailContext,
  ReassessmentEmailContext,
  ExpiringEmailContext,
  DigestEmailContext,
  IncidentOpenedEmailContext,
  CertificationExpiryEmailContext,
  AccessPathReviewEmailContext,
];

@Module({
  imports: [OutboxModule, AuditModule, AssessmentsModule, ReportsModule],
  providers: [
    ...CONTEXT_BUILDERS,
    {
      provide: EMAIL_CONTEXT_BUILDERS,
      useFactory: (...builders: EmailContextBuilder[]) => builders,
      inject: CONTEXT_BUILDERS,
    },
    Mailer,
    EmailContent,
    EmailDelivery,
    NotificationScheduler,
    EmailWorker,
  ],
  exports: [EmailDelivery, NotificationScheduler],
})
export class EmailWorkerModule {}
