import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Review adjustments: the reviewer marks an answer not supported by evidence and sets the score it counts for. */
export class ReviewAdjustments1764450000000 implements MigrationInterface {
  name = 'ReviewAdjustments1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE assessment_answer
        ADD COLUMN adjusted_score numeric(3, 2) CHECK (adjusted_score BETWEEN 0 AND 1),
        ADD COLUMN adjustment_reason text,
        ADD COLUMN adjusted_by uuid,
        ADD COLUMN adjusted_at timestamptz,
        ADD CONSTRAINT assessment_answer_adjustment_reason CHECK ((adjusted_score IS NULL) = (adjustment_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE assessment_answer DROP CONSTRAINT assessment_answer_adjustment_reason, DROP COLUMN adjusted_score, DROP COLUMN adjustment_reason, DROP COLUMN adjusted_by, DROP COLUMN adjusted_at',
    );
  }
}
