export { OutboxMessage, OUTBOX_STATUSES, type OutboxStatus } from './outbox-message.entity.js';
export { oweEmail, type OwedEmail } from './outbox.js';
