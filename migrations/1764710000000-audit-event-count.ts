import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_APPEND as PREVIOUS } from './1764500000000-audit-chain-head.js';

/**
 * The audit chain's head also counts the events appended (in the same statement that moves the
 * head, under its row lock), so that the audit trail's unfiltered total is one row read instead of
 * a count of every event, which grows with the trail (50,000 rows at 10,000 suppliers).
 */
export class AuditEventCount1764710000000 implements MigrationInterface {
  name = 'AuditEventCount1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN event_count bigint NOT NULL DEFAULT 0');
    await q.query('UPDATE audit_chain_head SET event_count = (SELECT count(*) FROM audit_event)');
    await q.query(AUDIT_APPEND);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS);
    await q.query('ALTER TABLE audit_chain_head DROP COLUMN event_count');
  }
}

/** `audit_append` as this migration leaves it: the next migration of it restores it on the way down. */
export const AUDIT_APPEND = `
      CREATE OR REPLACE FUNCTION audit_append(events jsonb) RETURNS TABLE (id bigint, prev_hash text, hash text) LANGUAGE plpgsql AS $$
      DECLARE
        last text;
        prevs text[] := '{}';
        hashes text[] := '{}';
        content text;
      BEGIN
        IF jsonb_array_length(events) = 0 THEN RETURN; END IF;
        -- Waits for any other append to commit, then reads the end it left.
        SELECT h.hash INTO STRICT last FROM audit_chain_head h WHERE h.id FOR UPDATE;
        FOR content IN SELECT e->>'content' FROM jsonb_array_elements(events) WITH ORDINALITY AS x(e, n) ORDER BY n LOOP
          prevs := prevs || last;
          last := encode(sha256(convert_to(last || E'\\n' || content, 'UTF8')), 'hex');
          hashes := hashes || last;
        END LOOP;
        UPDATE audit_chain_head h SET hash = last, event_count = h.event_count + jsonb_array_length(events) WHERE h.id;
        -- Inserted in chain order, so identity ids follow the chain.
        RETURN QUERY
          INSERT INTO audit_event AS a (occurred_at, actor_type, actor_id, action, entity_type, entity_id, changes, request_id, ip, prev_hash, hash)
          SELECT (x.e->>'occurredAt')::timestamptz, x.e->>'actorType', x.e->>'actorId', x.e->>'action', x.e->>'entityType', x.e->>'entityId',
                 x.e->'changes', x.e->>'requestId', x.e->>'ip', prevs[x.n], hashes[x.n]
          FROM jsonb_array_elements(events) WITH ORDINALITY AS x(e, n)
          ORDER BY x.n
          RETURNING a.id, a.prev_hash, a.hash;
      END $$`;
