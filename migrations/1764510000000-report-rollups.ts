import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals for the committee report, so that it reads a few hundred rows whatever the size of
 * the register (issue 7: 10,000 suppliers may cost at most twice 1,000).
 *
 * Writers never touch a shared total: statement triggers on `supplier` and `finding` append what
 * each statement changed to a delta table (inserts only: no hot row, no lock order, nothing for two
 * transactions to deadlock on). The report reads totals plus the deltas not yet folded in, in one
 * statement, so it is exact at any moment; `report_rollups_compact()` (the worker, every minute)
 * folds deltas into the totals in one transaction.
 *
 * - supplier_rollup: suppliers not offboarded, counted and summed (VaR, net VaR, records shared by
 *   classification) per tier, kind, rating, likelihood, impact and "has a current assessment".
 * - finding_age_rollup: open findings (open or remediation planned, not superseded, of a supplier not
 *   offboarded) per severity, creation date and due date.
 * - finding_group / finding_group_supplier: the same findings per framework group (CAF principle,
 *   Cyber Essentials theme ...), with how many suppliers have at least one.
 */
export class ReportRollups1764510000000 implements MigrationInterface {
  name = 'ReportRollups1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE supplier_rollup (
        tier smallint NOT NULL,
        kind text NOT NULL,
        rating text NOT NULL,
        likelihood_level smallint NOT NULL,
        impact_level smallint NOT NULL,
        current boolean NOT NULL,
        suppliers bigint NOT NULL,
        value_at_risk numeric NOT NULL,
        net_value_at_risk numeric NOT NULL,
        records_public bigint NOT NULL,
        records_official bigint NOT NULL,
        records_personal bigint NOT NULL,
        records_special_category bigint NOT NULL,
        PRIMARY KEY (tier, kind, rating, likelihood_level, impact_level, current)
      )`);
    await q.query('CREATE TABLE supplier_rollup_delta (LIKE supplier_rollup)');
    await q.query(`
      CREATE TABLE finding_age_rollup (
        severity text NOT NULL,
        created_on date NOT NULL,
        due_date date,
        findings bigint NOT NULL,
        UNIQUE NULLS NOT DISTINCT (severity, created_on, due_date)
      )`);
    await q.query(`
      CREATE TABLE finding_group_supplier (
        framework text NOT NULL,
        grp text NOT NULL,
        supplier_id uuid NOT NULL,
        findings bigint NOT NULL,
        PRIMARY KEY (framework, grp, supplier_id)
      )`);
    await q.query(`
      CREATE TABLE finding_group (
        framework text NOT NULL,
        grp text NOT NULL,
        findings bigint NOT NULL,
        suppliers bigint NOT NULL,
        PRIMARY KEY (framework, grp)
      )`);
    await q.query(`
      CREATE TABLE finding_rollup_delta (
        supplier_id uuid NOT NULL,
        severity text NOT NULL,
        created_on date NOT NULL,
        due_date date,
        mappings jsonb NOT NULL,
        findings integer NOT NULL
      )`);

    // What one supplier row adds to the totals (sign -1 takes it away).
    await q.query(`
      CREATE FUNCTION supplier_rollup_row(s supplier, sign integer) RETURNS supplier_rollup LANGUAGE sql IMMUTABLE AS $$
        SELECT s.tier, s.kind, s.rating, s.likelihood_level, s.impact_level, s.band IS NOT NULL AND NOT s.assessment_expired,
               sign::bigint, (sign * s.value_at_risk)::numeric, (sign * s.net_value_at_risk)::numeric,
               sign * COALESCE((s.records_shared->>'public')::bigint, 0), sign * COALESCE((s.records_shared->>'official')::bigint, 0),
               sign * COALESCE((s.records_shared->>'personal')::bigint, 0), sign * COALESCE((s.records_shared->>'special_category')::bigint, 0)
      $$`);
    await q.query(`
      CREATE FUNCTION supplier_rollup_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO supplier_rollup_delta SELECT (supplier_rollup_row(n, 1)).* FROM new_rows n WHERE n.status <> 'offboarded';
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO supplier_rollup_delta SELECT (supplier_rollup_row(o, -1)).* FROM old_rows o WHERE o.status <> 'offboarded';
        ELSE
          -- Only rows whose contribution changed (most updates are a name, a contact, a note).
          INSERT INTO supplier_rollup_delta
          SELECT c.* FROM old_rows o JOIN new_rows n ON n.id = o.id
            CROSS JOIN LATERAL (SELECT (supplier_rollup_row(o, -1)).* WHERE o.status <> 'offboarded'
                                UNION ALL SELECT (supplier_rollup_row(n, 1)).* WHERE n.status <> 'offboarded') c
           WHERE (o.status = 'offboarded', supplier_rollup_row(o, 1)) IS DISTINCT FROM (n.status = 'offboarded', supplier_rollup_row(n, 1));
          -- A supplier offboarded (or back): its open findings leave (or rejoin) the finding totals.
          INSERT INTO finding_rollup_delta
          SELECT f.supplier_id, f.severity, f.created_at::date, f.due_date, f.mappings, CASE WHEN n.status = 'offboarded' THEN -1 ELSE 1 END
            FROM old_rows o JOIN new_rows n ON n.id = o.id AND (o.status = 'offboarded') <> (n.status = 'offboarded')
            JOIN finding f ON f.supplier_id = n.id AND f.superseded_at IS NULL AND f.status IN ('open', 'remediation_planned');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER supplier_rollup_insert AFTER INSERT ON supplier REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rollup_track()',
    );
    await q.query(
      'CREATE TRIGGER supplier_rollup_update AFTER UPDATE ON supplier REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rollup_track()',
    );
    await q.query(
      'CREATE TRIGGER supplier_rollup_delete AFTER DELETE ON supplier REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION supplier_rollup_track()',
    );

    await q.query(`
      CREATE FUNCTION finding_rollup_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO finding_rollup_delta
          SELECT n.supplier_id, n.severity, n.created_at::date, n.due_date, n.mappings, 1 FROM new_rows n JOIN supplier s ON s.id = n.supplier_id
           WHERE s.status <> 'offboarded' AND n.superseded_at IS NULL AND n.status IN ('open', 'remediation_planned');
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO finding_rollup_delta
          SELECT o.supplier_id, o.severity, o.created_at::date, o.due_date, o.mappings, -1 FROM old_rows o JOIN supplier s ON s.id = o.supplier_id
           WHERE s.status <> 'offboarded' AND o.superseded_at IS NULL AND o.status IN ('open', 'remediation_planned');
        ELSE
          INSERT INTO finding_rollup_delta
          SELECT c.* FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN supplier s ON s.id = n.supplier_id AND s.status <> 'offboarded'
            CROSS JOIN LATERAL (SELECT o.supplier_id, o.severity, o.created_at::date, o.due_date, o.mappings, -1 WHERE o.superseded_at IS NULL AND o.status IN ('open', 'remediation_planned')
                                UNION ALL
                                SELECT n.supplier_id, n.severity, n.created_at::date, n.due_date, n.mappings, 1 WHERE n.superseded_at IS NULL AND n.status IN ('open', 'remediation_planned')) c
           WHERE (o.superseded_at IS NULL AND o.status IN ('open', 'remediation_planned'), o.supplier_id, o.severity, o.created_at::date, o.due_date, o.mappings)
                 IS DISTINCT FROM (n.superseded_at IS NULL AND n.status IN ('open', 'remediation_planned'), n.supplier_id, n.severity, n.created_at::date, n.due_date, n.mappings);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER finding_rollup_insert AFTER INSERT ON finding REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_rollup_track()',
    );
    await q.query(
      'CREATE TRIGGER finding_rollup_update AFTER UPDATE ON finding REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_rollup_track()',
    );
    await q.query(
      'CREATE TRIGGER finding_rollup_delete AFTER DELETE ON finding REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_rollup_track()',
    );

    // The group a finding's mapping counts under: a CAF principle (B2 of B2.a), else the reference itself.
    await q.query(`
      CREATE FUNCTION finding_group_of(mapping jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN mapping->>'framework' = 'NCSC-CAF' THEN split_part(mapping->>'ref', '.', 1) ELSE mapping->>'ref' END
      $$`);

    // Folds the deltas into the totals, one compaction at a time; rows that fell to zero are removed.
    await q.query(`
      CREATE FUNCTION report_rollups_compact() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('report_rollups_compact'));
        WITH moved AS (DELETE FROM supplier_rollup_delta RETURNING *)
        INSERT INTO supplier_rollup AS r
        SELECT tier, kind, rating, likelihood_level, impact_level, current, sum(suppliers), sum(value_at_risk), sum(net_value_at_risk),
               sum(records_public), sum(records_official), sum(records_personal), sum(records_special_category)
          FROM moved GROUP BY tier, kind, rating, likelihood_level, impact_level, current
          ORDER BY tier, kind, rating, likelihood_level, impact_level, current
        ON CONFLICT (tier, kind, rating, likelihood_level, impact_level, current) DO UPDATE SET
          suppliers = r.suppliers + excluded.suppliers, value_at_risk = r.value_at_risk + excluded.value_at_risk,
          net_value_at_risk = r.net_value_at_risk + excluded.net_value_at_risk, records_public = r.records_public + excluded.records_public,
          records_official = r.records_official + excluded.records_official, records_personal = r.records_personal + excluded.records_personal,
          records_special_category = r.records_special_category + excluded.records_special_category;
        DELETE FROM supplier_rollup WHERE suppliers = 0;

        CREATE TEMPORARY TABLE moved_findings ON COMMIT DROP AS
          WITH moved AS (DELETE FROM finding_rollup_delta RETURNING *) SELECT * FROM moved;
        INSERT INTO finding_age_rollup AS r
        SELECT severity, created_on, due_date, sum(findings) FROM moved_findings GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (severity, created_on, due_date) DO UPDATE SET findings = r.findings + excluded.findings;
        DELETE FROM finding_age_rollup WHERE findings = 0;

        CREATE TEMPORARY TABLE moved_groups ON COMMIT DROP AS
          SELECT m->>'framework' AS framework, finding_group_of(m) AS grp, f.supplier_id, sum(f.findings) AS findings
            FROM moved_findings f CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f.mappings) = 'array' THEN f.mappings ELSE '[]' END) m
           GROUP BY 1, 2, 3 HAVING sum(f.findings) <> 0;
        -- Suppliers per group move when a supplier's count leaves or reaches zero.
        WITH before AS (
          SELECT g.framework, g.grp, g.supplier_id, g.findings, COALESCE(s.findings, 0) AS was
            FROM moved_groups g LEFT JOIN finding_group_supplier s USING (framework, grp, supplier_id)
        )
        INSERT INTO finding_group AS r
        SELECT framework, grp, sum(findings), sum(CASE WHEN was = 0 AND was + findings > 0 THEN 1 WHEN was > 0 AND was + findings = 0 THEN -1 ELSE 0 END)
          FROM before GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (framework, grp) DO UPDATE SET findings = r.findings + excluded.findings, suppliers = r.suppliers + excluded.suppliers;
        INSERT INTO finding_group_supplier AS r SELECT * FROM moved_groups ORDER BY 1, 2, 3
        ON CONFLICT (framework, grp, supplier_id) DO UPDATE SET findings = r.findings + excluded.findings;
        DELETE FROM finding_group_supplier WHERE findings = 0;
        DELETE FROM finding_group WHERE findings = 0;
      END $$`);

    // Today's totals, from what is already stored.
    await q.query(
      `INSERT INTO supplier_rollup_delta SELECT (supplier_rollup_row(s, 1)).* FROM supplier s WHERE s.status <> 'offboarded'`,
    );
    await q.query(`
      INSERT INTO finding_rollup_delta
      SELECT f.supplier_id, f.severity, f.created_at::date, f.due_date, f.mappings, 1 FROM finding f JOIN supplier s ON s.id = f.supplier_id
       WHERE s.status <> 'offboarded' AND f.superseded_at IS NULL AND f.status IN ('open', 'remediation_planned')`);
    await q.query('SELECT report_rollups_compact()');

    // The report's lists read these instead of scanning whole tables.
    await q.query(
      `CREATE INDEX supplier_expired ON supplier (tier, net_value_at_risk DESC, name) WHERE assessment_expired AND status <> 'offboarded'`,
    );
    await q.query(
      `CREATE INDEX assessment_escalated ON assessment (supplier_id) WHERE escalation_level = 2 AND status IN ('sent', 'in_progress', 'returned')`,
    );
    await q.query('CREATE INDEX risk_decision_created ON risk_decision (created_at)');
    await q.query(`CREATE INDEX supplier_offboarded ON supplier (id) WHERE status = 'offboarded'`);
    await q.query(
      `CREATE INDEX assessment_completed ON assessment (supplier_id, completed_at DESC) WHERE status = 'completed'`,
    );
    await q.query(
      `CREATE INDEX data_sharing_link_records ON data_sharing_link (record_count DESC) WHERE status <> 'ended'`,
    );
    await q.query(
      `CREATE INDEX data_sharing_link_no_agreement ON data_sharing_link (record_count DESC) WHERE status <> 'ended' AND (agreement_ref IS NULL OR agreement_type IS NULL)`,
    );
    await q.query(`CREATE INDEX data_sharing_link_review ON data_sharing_link (review_date) WHERE status <> 'ended'`);
    await q.query(`CREATE INDEX data_sharing_link_end ON data_sharing_link (end_date) WHERE status <> 'ended'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'supplier_expired',
      'assessment_escalated',
      'risk_decision_created',
      'assessment_completed',
      'supplier_offboarded',
      'data_sharing_link_records',
      'data_sharing_link_no_agreement',
      'data_sharing_link_review',
      'data_sharing_link_end',
    ])
      await q.query(`DROP INDEX ${index}`);
    for (const [table, trigger] of [
      ['supplier', 'supplier_rollup'],
      ['finding', 'finding_rollup'],
    ]) {
      for (const op of ['insert', 'update', 'delete']) await q.query(`DROP TRIGGER ${trigger}_${op} ON ${table}`);
    }
    await q.query(
      'DROP FUNCTION report_rollups_compact(), finding_group_of(jsonb), finding_rollup_track(), supplier_rollup_track(), supplier_rollup_row(supplier, integer)',
    );
    for (const table of [
      'finding_rollup_delta',
      'finding_group',
      'finding_group_supplier',
      'finding_age_rollup',
      'supplier_rollup_delta',
      'supplier_rollup',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
