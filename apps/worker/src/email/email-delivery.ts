import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EmailRenderer, Mailer, OutboxMessage } from '@app/notifications';
import { Clock } from '@app/platform';
import { EmailContent } from './email-content.js';

export type Delivery = 'sent' | 'skipped' | 'nothing to do' | 'failed' | 'dead';

/** Thrown to make Bull retry the job with its backoff; the outbox row already says `failed`. */
export class DeliveryFailed extends Error {}

/**
 * Sends one outbox row, exactly once in normal running: the row is locked for the whole attempt
 * (a second job for the same row waits, then finds it `sent` and does nothing), the send and the
 * `sent` mark share a transaction, and a worker killed between the two resends it once when the
 * job runs again (at most one duplicate per crash; the lock dies with the connection), with the same
 * Message-ID (derived from the row), so that mail clients fold the repeat away. Once the row is sent or
 * skipped, the invitation token sealed in its refs is removed: only its hash stays.
 */
@Injectable()
export class EmailDelivery {
  private readonly logger = new Logger('EmailDelivery');

  constructor(
    private readonly renderer: EmailRenderer,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly content: EmailContent,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /** @param attempt 1 for the first try; @param lastAttempt whether a failure now is final. */
  async deliver(id: string, attempt: number, lastAttempt: boolean): Promise<Delivery> {
    let failure: unknown = null;
    const outcome = await this.dataSource.transaction(async (m): Promise<Delivery> => {
      const row = await m.findOne(OutboxMessage, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.status === 'sent' || row.status === 'skipped' || row.status === 'dead') return 'nothing to do';
      try {
        const prepared = await this.content.prepare(m, row);
        if ('skip' in prepared) {
          await m.query(
            "UPDATE outbox_message SET status = 'skipped', skip_reason = $2, refs = refs - 'sealedToken', updated_at = now() WHERE id = $1",
            [id, prepared.skip],
          );
          this.logger.log({ msg: 'email no longer owed', id, kind: row.kind, reason: prepared.skip });
          return 'skipped';
        }
        const email = this.renderer.render(prepared.template ?? row.template, prepared.context);
        const messageId = await this.mailer.send(
          row.recipients,
          email,
          { 'X-Assure-Notification': row.id },
          prepared.attachments,
          this.mailer.messageIdFor(row.id),
        );
        await m.query(
          "UPDATE outbox_message SET status = 'sent', attempts = attempts + 1, provider_message_id = $2, sent_at = $3, last_error = NULL, refs = refs - 'sealedToken', updated_at = now() WHERE id = $1",
          [id, messageId, this.clock.now()],
        );
        this.logger.log({ msg: 'email sent', id, kind: row.kind, attempt });
        return 'sent';
      } catch (error) {
        failure = error;
        const status = lastAttempt ? 'dead' : 'failed';
        // A dead row keeps its sealed token: it is still owed, and `POST /notifications/:id/retry` sends it.
        await m.query(
          'UPDATE outbox_message SET status = $2, attempts = attempts + 1, last_error = $3, updated_at = now() WHERE id = $1',
          [id, status, describe(error)],
        );
        this.logger.warn({
          msg: lastAttempt ? 'email dead after its last attempt' : 'email failed; will retry',
          id,
          kind: row.kind,
          attempt,
          error: describe(error),
        });
        return status;
      }
    });
    if (outcome === 'failed') throw new DeliveryFailed(describe(failure));
    return outcome;
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
