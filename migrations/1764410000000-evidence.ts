import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence files attached to answers, kept in the database with their SHA-256. */
export class Evidence1764410000000 implements MigrationInterface {
  name = 'Evidence1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessment(id),
        question_code text NOT NULL,
        file_name text NOT NULL,
        original_name text NOT NULL,
        media_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0 AND size <= 10485760),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX assessment_evidence_assessment ON assessment_evidence (assessment_id, question_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE assessment_evidence');
  }
}
