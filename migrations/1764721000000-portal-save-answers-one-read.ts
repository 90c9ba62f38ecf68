import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PORTAL_SAVE_ANSWERS as PREVIOUS } from './1764605000000-portal-save-answers.js';

/**
 * `portal_save_answers` (see portal-save-answers) reads the link and takes the assessment's row lock
 * in one statement instead of two; the link is read again only when that finds nothing, to say
 * whether the link or the assessment refused. Same outcomes, one statement less per save. Its list
 * of answerable statuses is still checked against `ANSWERABLE_STATUSES` by
 * test/rules-in-sql.e2e-spec.ts.
 */
export class PortalSaveAnswersOneRead1764721000000 implements MigrationInterface {
  name = 'PortalSaveAnswersOneRead1764721000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(PORTAL_SAVE_ANSWERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS);
  }
}

/** `portal_save_answers` as this migration leaves it: the next migration of it restores it on the way down. */
export const PORTAL_SAVE_ANSWERS = `
      CREATE OR REPLACE FUNCTION portal_save_answers(p_invitation uuid, p_assessment uuid, p_now timestamptz, p_answers jsonb, p_audit jsonb, p_started jsonb) RETURNS text LANGUAGE plpgsql AS $$
      DECLARE
        current_status text;
        moved integer;
      BEGIN
        -- The link and the assessment's row lock in one read; when it finds nothing, the link says why.
        SELECT a.status INTO current_status
          FROM assessment a JOIN assessment_invitation i ON i.assessment_id = a.id
         WHERE a.id = p_assessment AND i.id = p_invitation AND i.revoked_at IS NULL AND i.expires_at > p_now
           FOR UPDATE OF a;
        IF NOT FOUND THEN
          PERFORM 1 FROM assessment_invitation i WHERE i.id = p_invitation AND i.assessment_id = p_assessment AND i.revoked_at IS NULL AND i.expires_at > p_now;
          RETURN CASE WHEN FOUND THEN 'status' ELSE 'link' END;
        END IF;
        IF current_status NOT IN ('sent', 'in_progress', 'returned') THEN RETURN 'status'; END IF;
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
