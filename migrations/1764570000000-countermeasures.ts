import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Countermeasures (risk-model.md section 10): a finding's remediation cost estimate (GBP, set by
 * procurement with the plan) and its risk reduction (the net VaR fixing it would remove, whole
 * pounds), recomputed with the supplier's figures.
 */
export class Countermeasures1764570000000 implements MigrationInterface {
  name = 'Countermeasures1764570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE finding ADD COLUMN remediation_cost numeric(16, 0) CHECK (remediation_cost >= 0), ADD COLUMN risk_reduction numeric(16, 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE finding DROP COLUMN remediation_cost, DROP COLUMN risk_reduction');
  }
}
