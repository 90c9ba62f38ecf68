import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PORTAL_SAVE_ANSWERS as PREVIOUS } from './1764723000000-portal-save-answers-quiet-audit.js';

/**
 * `portal_save_answers` (see portal-save-answers and the migrations after it) writes a save of one
 * answer, the commonest, in one statement: the update at the version the supplier read (or the
 * insert of a new answer nobody wrote meanwhile) is itself the staleness check, so the separate
 * count of moved answers is left to saves of several. Same outcomes: a stale save writes nothing.
 * Its list of answerable statuses is still checked against `ANSWERABLE_STATUSES` by
 * test/rules-in-sql.e2e-spec.ts.
 */
export class PortalSaveAnswersOneAnswer1764724000000 implements MigrationInterface {
  name = 'PortalSaveAnswersOneAnswer1764724000000';

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
        one record;
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
        IF jsonb_array_length(p_answers) = 1 THEN
          -- One answer, the commonest save: written only at the version the supplier read (a new
          -- one only if nobody wrote it meanwhile); nothing written means stale, and nothing was.
          SELECT * INTO one FROM jsonb_to_record(p_answers -> 0) AS r(code text, value jsonb, "notApplicable" boolean, comment text, version integer);
          IF one.version = 0 THEN
            INSERT INTO assessment_answer (assessment_id, question_code, value, not_applicable, comment, version)
            VALUES (p_assessment, one.code, NULLIF(one.value, 'null'::jsonb), one."notApplicable", one.comment, 1)
            ON CONFLICT (assessment_id, question_code) DO NOTHING;
          ELSE
            UPDATE assessment_answer x
               SET value = NULLIF(one.value, 'null'::jsonb), not_applicable = one."notApplicable", comment = one.comment, version = one.version + 1, updated_at = now()
             WHERE x.assessment_id = p_assessment AND x.question_code = one.code AND x.version = one.version;
          END IF;
          IF NOT FOUND THEN RETURN 'stale'; END IF;
        ELSE
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
        END IF;
        IF current_status <> 'in_progress' THEN
          UPDATE assessment a SET status = 'in_progress', updated_at = now() WHERE a.id = p_assessment;
        END IF;
        -- The audit rows for the answers, and the one saying the questionnaire was started from the
        -- status it was actually in.
        PERFORM audit_append_quiet(p_audit || COALESCE(p_started -> current_status, '[]'::jsonb));
        RETURN 'ok';
      END $$`;
