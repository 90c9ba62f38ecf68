export { OutboxMessage, OUTBOX_STATUSES, type OutboxStatus } from './outbox-message.entity.js';
export { oweEmail, noteOwed, type OwedEmail } from './outbox.js';
export { EMAIL_QUEUE, JOB, sendJobOptions, type SendJob } from './email-queue.js';
export { OutboxDispatcher } from './outbox-dispatcher.js';
export { OutboxModule } from './outbox.module.js';
export { NotificationsService, type NotificationQuery } from './notifications.service.js';
export { EmailRenderer, type RenderedEmail } from './email-renderer.js';
export { Mailer } from './mailer.js';
export { humanDate, isWorkingDay, londonTime, nthWorkingDay, workingTime } from './working-time.js';
