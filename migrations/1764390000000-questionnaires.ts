import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The questionnaire catalogue: immutable (key, version) definitions. */
export class Questionnaires1764390000000 implements MigrationInterface {
  name = 'Questionnaires1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE questionnaire_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        title text NOT NULL,
        description text,
        definition jsonb NOT NULL,
        checksum text NOT NULL,
        question_count integer NOT NULL,
        source text NOT NULL CHECK (source IN ('shipped', 'imported')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (key, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE questionnaire_version');
  }
}
