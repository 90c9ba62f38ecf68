import type { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity.js';

export interface OwedEmail {
  kind: string;
  recipients: string[];
  template: string;
  /** Ids the email refers to; the worker reloads them when it sends. Never a secret in clear. */
  refs: Record<string, string>;
  /** Unique per email owed, e.g. `assessment:<id>:reminder:3d`: the same email is never owed twice. */
  dedupeKey: string;
}

const OWED_IDS = 'owedEmailIds';

/**
 * The transactional outbox: a use-case records the emails it owes with the manager of its own
 * transaction, so state and mail commit (or roll back) together. Returns the row's id, or null when
 * the same email (by dedupe key) was already owed. The ids are remembered on the transaction so the
 * dispatcher can enqueue them the moment it commits.
 */
export async function oweEmail(manager: EntityManager, email: OwedEmail): Promise<string | null> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxMessage)
    .values({
      kind: email.kind,
      recipients: email.recipients,
      template: email.template,
      refs: email.refs,
      dedupeKey: email.dedupeKey,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  const id = (result.raw as { id: string }[])[0]?.id ?? null;
  if (id) noteOwed(manager, [id]);
  return id;
}

/** For set-based inserts into the outbox (campaigns, the scheduler): remember the ids written. */
export function noteOwed(manager: EntityManager, ids: string[]): void {
  const data = manager.queryRunner?.data as Record<string, string[] | undefined> | undefined;
  if (!data) return; // outside a transaction's runner: the sweeper enqueues them
  data[OWED_IDS] = [...(data[OWED_IDS] ?? []), ...ids];
}

/** The ids owed in a transaction, taken (so each is handed over once). */
export function takeOwed(data: Record<string, unknown> | undefined): string[] {
  if (!data) return [];
  const ids = (data[OWED_IDS] as string[] | undefined) ?? [];
  delete data[OWED_IDS];
  return ids;
}

/**
 * Owes many single-recipient emails in one statement (the scheduler's run); those already owed (by
 * dedupe key) are skipped. Returns the ids written, remembered on the transaction like oweEmail's.
 */
export async function oweEmails(m: EntityManager, emails: OwedEmail[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await m.query<{ id: string }[]>(
    `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key)
     SELECT e.kind, ARRAY[e.recipient], e.template, e.refs, e.dedupe_key
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[]) AS e(kind, recipient, template, refs, dedupe_key)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      emails.map((e) => e.kind),
      emails.map((e) => e.recipients[0]),
      emails.map((e) => e.template),
      emails.map((e) => JSON.stringify(e.refs)),
      emails.map((e) => e.dedupeKey),
    ],
  );
  const ids = rows.map((r) => r.id);
  noteOwed(m, ids);
  return ids;
}
