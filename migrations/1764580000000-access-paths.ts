import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Entry points: each concrete way a supplier reaches into our systems (api.md, access paths). */
export class AccessPaths1764580000000 implements MigrationInterface {
  name = 'AccessPaths1764580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_path (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        kind text NOT NULL CHECK (kind IN ('remote_support', 'vpn', 'site_to_site', 'api_integration', 'privileged_account', 'managed_device', 'cloud_admin', 'other')),
        description text NOT NULL,
        systems text[] NOT NULL DEFAULT '{}',
        data_asset_ids uuid[] NOT NULL DEFAULT '{}',
        mfa text NOT NULL CHECK (mfa IN ('enforced', 'partial', 'none', 'not_applicable')),
        monitored boolean NOT NULL,
        device_count int CHECK (device_count >= 0),
        unsupported_device_count int CHECK (unsupported_device_count >= 0 AND unsupported_device_count <= coalesce(device_count, unsupported_device_count)),
        last_reviewed_on date,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'removed')),
        disabled_by_incident uuid REFERENCES incident(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX access_path_supplier ON access_path (supplier_id, status)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE access_path');
  }
}
