import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain's end in a one-row table and one function that appends to it (the supplier's
 * answer save, first made here, has its own migration: portal-save-answers). Appends stay
 * serialised (the row lock replaces the advisory lock), but an append is now one round trip instead
 * of three (lock, read the last hash, insert), and the lock is held for less time: every audited
 * write in the product waits on it. The row's content (the canonical JSON) is still made by the
 * application, so that `AuditTrail.verify` recomputes exactly the same hash:
 * sha256(previous hash || '\n' || content).
 */
export class AuditChainHead1764500000000 implements MigrationInterface {
  name = 'AuditChainHead1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        hash text NOT NULL
      )`);
    await q.query(
      `INSERT INTO audit_chain_head (hash) SELECT COALESCE((SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), repeat('0', 64))`,
    );
    await q.query(AUDIT_APPEND);

    // The supplier's answer save, made here at first, lives in 1764605000000-portal-save-answers.ts.
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS portal_save_answers(uuid, uuid, timestamptz, jsonb, jsonb, jsonb)');
    await q.query('DROP FUNCTION audit_append(jsonb)');
    await q.query('DROP TABLE audit_chain_head');
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
        UPDATE audit_chain_head h SET hash = last WHERE h.id;
        -- Inserted in chain order, so identity ids follow the chain.
        RETURN QUERY
          INSERT INTO audit_event AS a (occurred_at, actor_type, actor_id, action, entity_type, entity_id, changes, request_id, ip, prev_hash, hash)
          SELECT (x.e->>'occurredAt')::timestamptz, x.e->>'actorType', x.e->>'actorId', x.e->>'action', x.e->>'entityType', x.e->>'entityId',
                 x.e->'changes', x.e->>'requestId', x.e->>'ip', prevs[x.n], hashes[x.n]
          FROM jsonb_array_elements(events) WITH ORDINALITY AS x(e, n)
          ORDER BY x.n
          RETURNING a.id, a.prev_hash, a.hash;
      END $$`;
