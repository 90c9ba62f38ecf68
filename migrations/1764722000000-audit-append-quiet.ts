import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appending to the audit trail from another database function (the supplier's answer save), which
 * needs no rows back: `audit_append_quiet` moves the chain's head and inserts one event without
 * returning a set (several events still go through `audit_append`). And the events' time index is a
 * BRIN index: events are appended in time order, the trail is read in id order, and time is only
 * ever a range filter, which a BRIN index serves at a fraction of a B-tree's cost on every append.
 */
export class AuditAppendQuiet1764722000000 implements MigrationInterface {
  name = 'AuditAppendQuiet1764722000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_append_quiet(events jsonb) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        e jsonb := events -> 0;
        p text;
        h text;
      BEGIN
        IF jsonb_array_length(events) <> 1 THEN
          PERFORM audit_append(events);
          RETURN;
        END IF;
        -- Waits for any other append to commit, then moves the end it left, in one statement.
        UPDATE audit_chain_head c
           SET prev_hash = c.hash,
               hash = encode(sha256(convert_to(c.hash || E'\\n' || (e->>'content'), 'UTF8')), 'hex'),
               event_count = c.event_count + 1
         WHERE c.id
        RETURNING c.prev_hash, c.hash INTO p, h;
        INSERT INTO audit_event (occurred_at, actor_type, actor_id, action, entity_type, entity_id, changes, request_id, ip, prev_hash, hash)
        VALUES ((e->>'occurredAt')::timestamptz, e->>'actorType', e->>'actorId', e->>'action', e->>'entityType', e->>'entityId',
                e->'changes', e->>'requestId', e->>'ip', p, h);
      END $$`);
    await q.query('DROP INDEX audit_event_time');
    await q.query('CREATE INDEX audit_event_time ON audit_event USING brin (occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX audit_event_time');
    await q.query('CREATE INDEX audit_event_time ON audit_event (occurred_at)');
    await q.query('DROP FUNCTION audit_append_quiet(jsonb)');
  }
}
