import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `portal_save_answers`, the supplier's answer save, in the migration named for it (it was first
 * made in audit-chain-head; a database migrated before this one gets the same body again). Its
 * list of statuses a supplier may still answer in is `ANSWERABLE_STATUSES`
 * (libs/assessments/src/entities.ts): test/rules-in-sql.e2e-spec.ts fails when the two differ. A
 * change of the function is a new migration that replaces it, named for it too.
 */
export class PortalSaveAnswers1764605000000 implements MigrationInterface {
  name = 'PortalSaveAnswers1764605000000';

  async up(q: QueryRunner): Promise<void> {
    // A supplier's answer save, the busiest write in the product, as one statement: one round trip,
    // its own transaction. The application has checked the input against the questionnaire and
    // built the audit rows; this checks, under the assessment's row lock, that the link still works,
    // that the questionnaire is open and that every answer is at the version the supplier read
    // (every change of an answer bumps its version), and only then writes the answers, the status
    // and the audit rows. Any other outcome than 'ok' means nothing was written.
    await q.query(PORTAL_SAVE_ANSWERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION portal_save_answers(uuid, uuid, timestamptz, jsonb, jsonb, jsonb)');
  }
}

/** `portal_save_answers` as this migration leaves it: the next migration of it restores it on the way down. */
export const PORTAL_SAVE_ANSWERS = `
      CREATE OR REPLACE FUNCTION portal_save_answers(p_invitation uuid, p_assessment uuid, p_now timestamptz, p_answers jsonb, p_audit jsonb, p_started jsonb) RETURNS text LANGUAGE plpgsql AS $$
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
      END $$`;
