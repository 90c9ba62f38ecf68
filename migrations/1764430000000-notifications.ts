import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery bookkeeping for the outbox (when a row last changed, so the sweeper can tell a row whose
 * enqueue was lost from one just written; why a row was skipped) and each open assessment's
 * escalation level, which reports flag.
 */
export class Notifications1764430000000 implements MigrationInterface {
  name = 'Notifications1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE outbox_message ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()');
    await q.query('ALTER TABLE outbox_message ADD COLUMN skip_reason text');
    await q.query('DROP INDEX outbox_message_pending');
    // The sweeper's scan: rows not yet delivered, oldest change first.
    await q.query(
      "CREATE INDEX outbox_message_undelivered ON outbox_message (updated_at) WHERE status IN ('pending', 'queued', 'failed')",
    );
    await q.query(
      "CREATE INDEX outbox_message_assessment ON outbox_message ((refs->>'assessmentId')) WHERE refs ? 'assessmentId'",
    );
    await q.query('CREATE INDEX outbox_message_created ON outbox_message (created_at DESC, id)');
    await q.query(
      'ALTER TABLE assessment ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment DROP COLUMN escalation_level');
    await q.query('DROP INDEX outbox_message_created');
    await q.query('DROP INDEX outbox_message_assessment');
    await q.query('DROP INDEX outbox_message_undelivered');
    await q.query("CREATE INDEX outbox_message_pending ON outbox_message (created_at) WHERE status = 'pending'");
    await q.query('ALTER TABLE outbox_message DROP COLUMN skip_reason');
    await q.query('ALTER TABLE outbox_message DROP COLUMN updated_at');
  }
}
