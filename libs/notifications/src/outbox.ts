import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity.js';

export interface OwedEmail {
  kind: string;
  recipients: string[];
  template: string;
  /** Ids the email refers to; the worker reloads them when it sends. Never a secret. */
  refs: Record<string, string>;
  /** Unique per email owed, e.g. `assessment:<id>:reminder:3d`: the same email is never owed twice. */
  dedupeKey: string;
}

/**
 * The transactional outbox: a use-case records the emails it owes with the manager of its own
 * transaction, so state and mail commit (or roll back) together. The worker sends them.
 */
export async function oweEmail(manager: EntityManager, email: OwedEmail): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxMessage)
    .values({ kind: email.kind, recipients: email.recipients, template: email.template, refs: email.refs, dedupeKey: email.dedupeKey })
    .orIgnore()
    .execute();
}
