import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EmailRenderer, Mailer, type OutboxRow, type OutboxStatus } from '@app/notifications';
import { Clock, MailConfig } from '@app/platform';
import { EmailContent } from './email-content.js';
import { Slots } from './slots.js';

const COLUMNS = 'id, kind, recipients, template, refs, status';
/** The job's own row, locked for the attempt (waiting for a worker that holds it). */
const LOCK_ROW = `SELECT ${COLUMNS} FROM outbox_message WHERE id = $1 FOR UPDATE`;
/**
 * Other emails to send with it: queued, never tried, and held by nobody (rows another worker has
 * locked are skipped, not waited for). Emails being retried keep their own job's backoff.
 */
const CLAIM_AHEAD = `SELECT ${COLUMNS} FROM outbox_message
  WHERE status = 'queued' AND attempts = 0 AND id <> $1 ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`;
const FINAL: ReadonlySet<OutboxStatus> = new Set(['sent', 'skipped', 'dead']);

export type Delivery = 'sent' | 'skipped' | 'nothing to do' | 'failed' | 'dead';

/** Thrown to make Bull retry the job with its backoff; the outbox row already says `failed`. */
export class DeliveryFailed extends Error {}

type Attempt =
  | { row: OutboxRow; result: 'sent'; messageId: string }
  | { row: OutboxRow; result: 'skipped'; reason: string }
  | { row: OutboxRow; result: 'failed'; error: string };

/**
 * Sends outbox rows, each exactly once in normal running. A send job locks its row for the whole
 * attempt (a second job for the same row waits, then finds it `sent` and does nothing) and claims,
 * in the same transaction, queued rows that nobody holds, EMAIL_BATCH rows in all; their content is
 * read together (one statement per kind of read), they are sent over the SMTP pool, and all are
 * marked in the transaction that held them. The jobs of rows sent that way find them in hand or
 * done in this worker and do nothing (a job on another worker waits for the lock, then finds the
 * row sent). A worker killed between sending and committing resends what it held when the jobs run
 * again (at most EMAIL_BATCH for each of the EMAIL_CONCURRENCY batches it runs at once; the locks die
 * with the connection), with the same Message-ID (derived from the row), so that mail clients fold
 * the repeat away. Once a row is sent or skipped, the invitation token sealed in its refs is
 * removed: only its hash stays.
 */
@Injectable()
export class EmailDelivery {
  private readonly logger = new Logger('EmailDelivery');
  /** Rows this worker holds now, with the outcome each reaches once its transaction commits. */
  private readonly inHand = new Map<string, Promise<Delivery>>();
  /** Rows this worker sent or skipped (committed): their own jobs have nothing left to do. */
  private readonly done = new Set<string>();
  /** EMAIL_CONCURRENCY batches at once, whoever runs them: the bound on what a killed worker repeats. */
  private readonly slots: Slots;

  constructor(
    private readonly renderer: EmailRenderer,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly content: EmailContent,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly mail: MailConfig,
  ) {
    this.slots = new Slots(mail.concurrency);
  }

  /** @param attempt 1 for the first try; @param lastAttempt whether a failure now is final. */
  async deliver(id: string, attempt: number, lastAttempt: boolean): Promise<Delivery> {
    if (this.done.has(id)) return 'nothing to do';
    const held = this.inHand.get(id);
    if (held) return this.outcomeOfHeld(id, await held, lastAttempt);
    // Sent meanwhile by another worker: no transaction to open.
    const [state] = await this.dataSource.query<{ status: OutboxStatus }[]>(
      'SELECT status FROM outbox_message WHERE id = $1',
      [id],
    );
    if (!state || FINAL.has(state.status)) return 'nothing to do';
    return this.inTurn(id, attempt, lastAttempt);
  }

  /** Sends the row's batch once a slot is free, unless another batch of this worker took it meanwhile. */
  private async inTurn(id: string, attempt: number, lastAttempt: boolean): Promise<Delivery> {
    const release = await this.slots.take();
    let taken: Promise<Delivery> | undefined;
    try {
      if (this.done.has(id)) return 'nothing to do';
      taken = this.inHand.get(id);
      if (!taken) return await this.deliverBatch(id, attempt, lastAttempt);
    } finally {
      release();
    }
    return this.outcomeOfHeld(id, await taken, lastAttempt);
  }

  /** The job of a row that another job of this worker sent with its own. */
  private async outcomeOfHeld(id: string, outcome: Delivery, lastAttempt: boolean): Promise<Delivery> {
    if (outcome !== 'failed') return outcome;
    if (lastAttempt) {
      await this.dataSource.query("UPDATE outbox_message SET status = 'dead', updated_at = now() WHERE id = $1", [id]);
      return 'dead';
    }
    throw new DeliveryFailed('the email failed when sent with others; it will be retried');
  }

  private async deliverBatch(id: string, attempt: number, lastAttempt: boolean): Promise<Delivery> {
    const settle = new Map<string, { resolve: (d: Delivery) => void; reject: (e: unknown) => void }>();
    const outcomes = new Map<string, Delivery>();
    let ownFailure: string | null = null;
    try {
      const own = await this.dataSource.transaction(async (m): Promise<Delivery> => {
        const [row] = await m.query<OutboxRow[]>(LOCK_ROW, [id]);
        if (!row || FINAL.has(row.status)) return 'nothing to do';
        const ahead = this.mail.batch - 1;
        const rows = [row, ...(ahead > 0 ? await m.query<OutboxRow[]>(CLAIM_AHEAD, [id, ahead]) : [])];
        for (const r of rows) {
          const outcome = new Promise<Delivery>((resolve, reject) => settle.set(r.id, { resolve, reject }));
          outcome.catch(() => undefined); // a job waiting on it sees the rejection; none may be waiting
          this.inHand.set(r.id, outcome);
        }
        const attempts = await Promise.all(rows.map((r) => this.attempt(m, r)));
        await this.record(m, attempts, id, lastAttempt);
        for (const a of attempts) {
          const final = a.row.id === id && lastAttempt ? 'dead' : 'failed';
          outcomes.set(a.row.id, a.result === 'failed' ? final : a.result);
          this.log(a, a.row.id === id ? attempt : 1, final);
        }
        ownFailure = attempts[0].result === 'failed' ? attempts[0].error : null;
        return outcomes.get(id)!;
      });
      for (const [rowId, outcome] of outcomes) {
        if (outcome === 'sent' || outcome === 'skipped') this.remember(rowId);
        settle.get(rowId)!.resolve(outcome);
      }
      if (own === 'failed') throw new DeliveryFailed(ownFailure ?? 'the email failed');
      return own;
    } catch (error) {
      for (const { reject } of settle.values()) reject(error); // no-op for those already settled
      throw error;
    } finally {
      for (const rowId of settle.keys()) this.inHand.delete(rowId);
    }
  }

  /** Reads what one row's email says, renders and sends it; never throws. */
  private async attempt(m: EntityManager, row: OutboxRow): Promise<Attempt> {
    try {
      const prepared = await this.content.prepare(m, row);
      if ('skip' in prepared) return { row, result: 'skipped', reason: prepared.skip };
      const email = this.renderer.render(prepared.template ?? row.template, prepared.context);
      const messageId = await this.mailer.send(
        row.recipients,
        email,
        { 'X-Assure-Notification': row.id },
        prepared.attachments,
        this.mailer.messageIdFor(row.id),
      );
      return { row, result: 'sent', messageId };
    } catch (error) {
      return { row, result: 'failed', error: describe(error) };
    }
  }

  /** Marks the rows of a batch, one statement per outcome. A dead row keeps its sealed token: it is still owed, and `POST /notifications/:id/retry` sends it. */
  private async record(m: EntityManager, attempts: Attempt[], ownId: string, lastAttempt: boolean): Promise<void> {
    const sent = attempts.filter((a) => a.result === 'sent');
    const skipped = attempts.filter((a) => a.result === 'skipped');
    const failed = attempts.filter((a) => a.result === 'failed');
    if (sent.length)
      await m.query(
        `UPDATE outbox_message o SET status = 'sent', attempts = o.attempts + 1, provider_message_id = r.message_id, sent_at = $3,
                last_error = NULL, refs = o.refs - 'sealedToken', updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS r(id, message_id) WHERE o.id = r.id`,
        [sent.map((a) => a.row.id), sent.map((a) => a.messageId), this.clock.now()],
      );
    if (skipped.length)
      await m.query(
        `UPDATE outbox_message o SET status = 'skipped', skip_reason = r.reason, refs = o.refs - 'sealedToken', updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS r(id, reason) WHERE o.id = r.id`,
        [skipped.map((a) => a.row.id), skipped.map((a) => a.reason)],
      );
    if (failed.length)
      await m.query(
        `UPDATE outbox_message o SET status = r.status, attempts = o.attempts + 1, last_error = r.error, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, status, error) WHERE o.id = r.id`,
        [
          failed.map((a) => a.row.id),
          failed.map((a) => (a.row.id === ownId && lastAttempt ? 'dead' : 'failed')),
          failed.map((a) => a.error),
        ],
      );
  }

  private log(a: Attempt, attempt: number, final: 'dead' | 'failed'): void {
    const { id, kind } = a.row;
    if (a.result === 'sent') this.logger.log({ msg: 'email sent', id, kind, attempt });
    else if (a.result === 'skipped') this.logger.log({ msg: 'email no longer owed', id, kind, reason: a.reason });
    else
      this.logger.warn({
        msg: final === 'dead' ? 'email dead after its last attempt' : 'email failed; will retry',
        id,
        kind,
        attempt,
        error: a.error,
      });
  }

  private remember(id: string): void {
    if (this.done.size >= 10_000) this.done.clear();
    this.done.add(id);
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
