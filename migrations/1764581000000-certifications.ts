import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Certifications: what a supplier has proven (api.md), with expiry and who verified it. */
export class Certifications1764581000000 implements MigrationInterface {
  name = 'Certifications1764581000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        kind text NOT NULL CHECK (kind IN ('cyber_essentials', 'cyber_essentials_plus', 'iso27001', 'dspt', 'soc2_type2', 'other')),
        reference text,
        status text CHECK (status IN ('standards_exceeded', 'standards_met', 'approaching_standards', 'standards_not_met', 'not_published')),
        scope text,
        issued_on date,
        expires_on date,
        evidence text,
        evidence_file bytea,
        evidence_file_name text,
        evidence_media_type text,
        evidence_size int,
        evidence_sha256 text,
        verified_by uuid REFERENCES app_user(id),
        verified_on date,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'dspt') = (status IS NOT NULL)),
        CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on),
        CHECK ((verified_by IS NULL) = (verified_on IS NULL))
      )`);
    await q.query('CREATE INDEX certification_supplier ON certification (supplier_id, kind)');
    await q.query('CREATE INDEX certification_expiry ON certification (expires_on)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE certification');
  }
}
