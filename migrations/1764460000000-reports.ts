import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly snapshots of every supplier's figures, for trends and "what changed since the last report". */
export class Reports1764460000000 implements MigrationInterface {
  name = 'Reports1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_snapshot (
        period text PRIMARY KEY CHECK (period ~ '^\\d{4}-\\d{2}$'),
        taken_on date NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        suppliers integer NOT NULL,
        value_at_risk numeric(18, 0) NOT NULL,
        net_value_at_risk numeric(18, 0) NOT NULL,
        ratings jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE risk_snapshot (
        period text NOT NULL REFERENCES report_snapshot(period),
        supplier_id uuid NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        criticality text NOT NULL,
        tier smallint NOT NULL,
        band text,
        likelihood_level smallint NOT NULL,
        impact_level smallint NOT NULL,
        single_loss_estimate numeric(16, 0) NOT NULL,
        value_at_risk numeric(16, 0) NOT NULL,
        net_value_at_risk numeric(16, 0) NOT NULL,
        rating text NOT NULL,
        assessment_expired boolean NOT NULL,
        PRIMARY KEY (period, supplier_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE risk_snapshot');
    await q.query('DROP TABLE report_snapshot');
  }
}
