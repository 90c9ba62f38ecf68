import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The score of an assessment, provisional at submission and final at completion. */
export class AssessmentScore1764420000000 implements MigrationInterface {
  name = 'AssessmentScore1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment ADD COLUMN score jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assessment DROP COLUMN score');
  }
}
