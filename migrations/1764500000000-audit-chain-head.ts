import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain's end in a one-row table, one function that appends to it, and the supplier's
 * answer save as one statement that appends its own audit rows. Appends stay
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
    await q.query(`INSERT INTO audit_chain_head (hash) SELECT COALESCE((SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), repeat('0', 64))`);
    await q.query(`
      CREATE FUNCTION audit_append(events jsonb) RETURNS TABLE (id bigint, prev_hash text, hash text) LANGUAGE plpgsql AS $$
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
      END $$`);

    // A supplier's answer save, the busiest write in the product, as one statement: one round trip,
    // its own transaction. The application has checked the input against the questionnaire and
    // built the audit rows; this checks, under the assessment's row lock, that the link still works,
    // that the questionnaire is open and that every answer is at the version the supplier read
    // (every change of an answer bumps its version), and only then writes the answers, the status
    // and the audit rows. Any other outcome than 'ok' means nothing was written.
    await q.query(`
      CREATE FUNCTION portal_save_answers(p_invitation uuid, p_assessment uuid, p_now timestamptz, p_answers jsonb, p_audit jsonb, p_started jsonb) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE
        current_status text;
        moved integer;
      BEGIN
        PERFORM 1 FROM assessment_invitation i WHERE i.id = p_invitation AND i.assessment_id = p_assessment AND i.revoked_at IS NULL AND i.expires_at > p_now;
        IF NOT FOUND THEN RETURN 'link'; END IF;
        SELECT a.status INTO current_status FROM assessment a WHERE a.id = p_assessment FOR UPDATE;
        IF current_status IS NULL OR current_status NOT IN ('sent', 'in_progress', 'returned') THEN RETURN 'status'; END IF;
        -- Starting needs its audit row, which the application leaves out when it saw the questionnaire started.
        IF current_status <> 'in_progress' AND p_started -> current_status IS NULL THEN RETURN 'status'; END IF;
        SELECT count(*) INTO moved
        FROM jsonb_to_recordset(p_answers) AS r(code text, version integer)
        LEFT JOIN assessment_answer x ON x.assessment_id = p_assessment AND x.question_code = r.code
        WHERE COALESCE(x.version, 0) <> r.version;
        IF moved > 0 THEN RETURN 'stale'; END IF;
        INSERT INTO assessment_answer AS x (assessment_id, question_code, value, not_applicable, comment, version)
        SELECT p_assessment, r.code, NULLIF(r.value, 'null'::jsonb), r."notApplicable", r.comment, r.version + 1
        FROM jsonb_to_recordset(p_answers) AS r(code text, value jsonb, "notApplicable" boolean, comment text, version integer)
        ON CONFLICT (assessment_id, question_code) DO UPDATE
          SET value = excluded.value, not_applicable = excluded.not_applicable, comment = excluded.comment, version = excluded.version, updated_at = now();
        IF current_status <> 'in_progress' THEN
          UPDATE assessment a SET status = 'in_progress', updated_at = now() WHERE a.id = p_assessment;
        END IF;
        -- The audit rows for the answers, and the one saying the questionnaire was started from the
        -- status it was actually in.
        PERFORM audit_append(p_audit || COALESCE(p_started -> current_status, '[]'::jsonb));
        RETURN 'ok';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION portal_save_answers(uuid, uuid, timestamptz, jsonb, jsonb, jsonb)');
    await q.query('DROP FUNCTION audit_append(jsonb)');
    await q.query('DROP TABLE audit_chain_head');
  }
}
