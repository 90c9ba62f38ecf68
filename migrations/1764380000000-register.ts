import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity, the supplier register, the data-sharing ledger and the append-only audit trail.
 */
export class Register1764380000000 implements MigrationInterface {
  name = 'Register1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'procurement', 'governance', 'viewer')),
        active boolean NOT NULL DEFAULT true,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE supplier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other')),
        companies_house_number text,
        ods_code text,
        ukprn text,
        website text,
        services text,
        criticality text NOT NULL CHECK (criticality IN ('none', 'low', 'moderate', 'high', 'critical')),
        status text NOT NULL CHECK (status IN ('onboarding', 'active', 'offboarded')),
        owner_id uuid REFERENCES app_user(id),
        tags text[] NOT NULL DEFAULT '{}',
        notes text,
        tier smallint NOT NULL,
        impact_level smallint NOT NULL,
        single_loss_estimate numeric(16, 0) NOT NULL,
        risk_inputs jsonb NOT NULL,
        offboarded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE UNIQUE INDEX supplier_companies_house_number_key ON supplier (companies_house_number) WHERE companies_house_number IS NOT NULL',
    );
    await q.query('CREATE UNIQUE INDEX supplier_ods_code_key ON supplier (ods_code) WHERE ods_code IS NOT NULL');
    await q.query('CREATE UNIQUE INDEX supplier_ukprn_key ON supplier (ukprn) WHERE ukprn IS NOT NULL');
    await q.query('CREATE INDEX supplier_name_trgm ON supplier USING gin (lower(name) gin_trgm_ops)');
    await q.query('CREATE INDEX supplier_tags ON supplier USING gin (tags)');

    await q.query(`
      CREATE TABLE supplier_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        name text NOT NULL,
        email citext NOT NULL,
        phone text,
        role text NOT NULL CHECK (role IN ('primary', 'security', 'escalation', 'dpo')),
        position smallint NOT NULL DEFAULT 0
      )`);
    await q.query('CREATE INDEX supplier_contact_supplier ON supplier_contact (supplier_id)');

    await q.query(`
      CREATE TABLE data_asset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        classification text NOT NULL CHECK (classification IN ('public', 'official', 'personal', 'special_category')),
        categories text[] NOT NULL DEFAULT '{}',
        record_count bigint NOT NULL CHECK (record_count >= 0),
        system_of_record text,
        owner_id uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE data_sharing_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        data_asset_id uuid NOT NULL REFERENCES data_asset(id),
        purpose text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('outbound', 'inbound', 'both')),
        record_count bigint NOT NULL CHECK (record_count >= 0),
        pseudonymisation text NOT NULL CHECK (pseudonymisation IN ('identifiable', 'pseudonymised', 'anonymised')),
        article6_basis text,
        article9_condition text,
        confidentiality_basis text,
        agreement_type text,
        agreement_ref text,
        transfer_method text,
        processing_location text NOT NULL,
        processing_country text,
        start_date date,
        review_date date,
        end_date date,
        status text NOT NULL CHECK (status IN ('proposed', 'active', 'suspended', 'ended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await q.query('CREATE INDEX data_sharing_link_supplier ON data_sharing_link (supplier_id)');
    await q.query('CREATE INDEX data_sharing_link_asset ON data_sharing_link (data_asset_id)');

    await q.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'supplier', 'system')),
        actor_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        changes jsonb NOT NULL,
        request_id text,
        ip text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query('CREATE INDEX audit_event_entity ON audit_event (entity_type, entity_id)');
    await q.query('CREATE INDEX audit_event_actor ON audit_event (actor_id)');
    await q.query('CREATE INDEX audit_event_time ON audit_event (occurred_at)');
    // Append-only, enforced by the database itself.
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      'CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()',
    );
    await q.query(
      'CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_event');
    await q.query('DROP FUNCTION audit_event_append_only');
    await q.query('DROP TABLE data_sharing_link');
    await q.query('DROP TABLE data_asset');
    await q.query('DROP TABLE supplier_contact');
    await q.query('DROP TABLE supplier');
    await q.query('DROP TABLE app_user');
  }
}
