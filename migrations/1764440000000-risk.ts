import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Current risk on each supplier (likelihood from its latest completed assessment, VaR, net VaR,
 * rating, tier override), the findings raised by final scores, and risk treatment decisions.
 */
export class Risk1764440000000 implements MigrationInterface {
  name = 'Risk1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE supplier
        ADD COLUMN band text CHECK (band IN ('A', 'B', 'C', 'D', 'E')),
        ADD COLUMN probability numeric(6, 4) NOT NULL DEFAULT 0.10,
        ADD COLUMN likelihood_level smallint NOT NULL DEFAULT 5 CHECK (likelihood_level BETWEEN 1 AND 5),
        ADD COLUMN value_at_risk numeric(16, 0) NOT NULL DEFAULT 0,
        ADD COLUMN net_value_at_risk numeric(16, 0) NOT NULL DEFAULT 0,
        ADD COLUMN rating text NOT NULL DEFAULT 'low' CHECK (rating IN ('low', 'medium', 'high', 'critical')),
        ADD COLUMN assessment_expired boolean NOT NULL DEFAULT false,
        ADD COLUMN risk jsonb,
        ADD COLUMN tier_override smallint CHECK (tier_override BETWEEN 1 AND 4),
        ADD COLUMN tier_override_reason text`);
    // Suppliers already registered have never been assessed: p = 0.10, level 5 (risk-model section 3).
    await q.query(`
      UPDATE supplier SET value_at_risk = round(0.10 * single_loss_estimate), net_value_at_risk = round(0.10 * single_loss_estimate),
        rating = CASE WHEN 5 * impact_level <= 4 THEN 'low' WHEN 5 * impact_level <= 9 THEN 'medium' WHEN 5 * impact_level <= 14 THEN 'high' ELSE 'critical' END`);
    for (const column of ['band', 'rating', 'net_value_at_risk', 'value_at_risk'])
      await q.query(`CREATE INDEX supplier_${column} ON supplier (${column})`);

    await q.query(`
      CREATE TABLE risk_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        decision text NOT NULL CHECK (decision IN ('accept', 'mitigate', 'transfer', 'avoid')),
        rationale text NOT NULL,
        review_date date NOT NULL,
        insurer text,
        policy_ref text,
        insurance_limit numeric(16, 0),
        insurance_excess numeric(16, 0),
        expires_on date,
        end_links_by date,
        finding_ids uuid[] NOT NULL DEFAULT '{}',
        current boolean NOT NULL DEFAULT true,
        decided_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz,
        CHECK (decision <> 'transfer' OR (insurer IS NOT NULL AND policy_ref IS NOT NULL AND insurance_limit IS NOT NULL AND insurance_excess IS NOT NULL AND expires_on IS NOT NULL)),
        CHECK (decision <> 'avoid' OR end_links_by IS NOT NULL)
      )`);
    await q.query('CREATE UNIQUE INDEX risk_decision_current ON risk_decision (supplier_id) WHERE current');
    await q.query('CREATE INDEX risk_decision_supplier ON risk_decision (supplier_id, created_at DESC)');

    await q.query(`
      CREATE TABLE finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        assessment_id uuid NOT NULL REFERENCES assessment(id),
        question_code text NOT NULL,
        question_text text NOT NULL,
        section_title text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'remediation_planned', 'resolved', 'accepted')),
        answer jsonb,
        comment text,
        recommendation text,
        mappings jsonb NOT NULL DEFAULT '{}',
        owner_id uuid,
        due_date date,
        planned_action text,
        resolution_evidence text,
        acceptance_reason text,
        accepted_until date,
        superseded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (assessment_id, question_code)
      )`);
    await q.query('CREATE INDEX finding_supplier ON finding (supplier_id) WHERE superseded_at IS NULL');
    await q.query('CREATE INDEX finding_open ON finding (severity, status) WHERE superseded_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE finding');
    await q.query('DROP TABLE risk_decision');
    for (const column of ['band', 'rating', 'net_value_at_risk', 'value_at_risk'])
      await q.query(`DROP INDEX supplier_${column}`);
    await q.query(`
      ALTER TABLE supplier DROP COLUMN band, DROP COLUMN probability, DROP COLUMN likelihood_level, DROP COLUMN value_at_risk,
        DROP COLUMN net_value_at_risk, DROP COLUMN rating, DROP COLUMN assessment_expired, DROP COLUMN risk, DROP COLUMN tier_override, DROP COLUMN tier_override_reason`);
  }
}
