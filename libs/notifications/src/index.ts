export { OutboxMessage, OUTBOX_STATUSES, type OutboxRow, type OutboxStatus } from './outbox-message.entity.js';
export { oweEmail, oweEmails, noteOwed, type OwedEmail } from './outbox.js';
export {
  EMAIL_CONTEXT_BUILDERS,
  contextBuilderMap,
  type EmailContextBuilder,
  type Prepared,
} from './email-context-builder.js';
export { EMAIL_QUEUE, JOB, RISK_QUEUE, RISK_JOB, type SendJob } from './queues.js';
export { OutboxDispatcher } from './outbox-dispatcher.js';
export { OutboxModule } from './outbox.module.js';
export { NotificationsService, NOTIFICATION_SORTS, type NotificationQuery } from './notifications.service.js';
export { EmailRenderer, type RenderedEmail } from './email-renderer.js';
export { Mailer } from './mailer.js';
export { humanDate, isWorkingDay, londonTime, nthWorkingDay, workingTime } from './working-time.js';
export * from './emails/index.js';
// When each reminder, escalation and notice is owed, and to whom (the worker's scheduler applies them).
export * from './schedule/index.js';
export { deliveriesAbout } from './delivered.query.js';
