import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records each supplier holds by classification (per asset the largest active link), kept with its
 * other figures, so reports aggregate suppliers and never walk links; snapshots keep it too.
 */
export class SupplierRecords1764470000000 implements MigrationInterface {
  name = 'SupplierRecords1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE supplier ADD COLUMN records_shared jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE risk_snapshot ADD COLUMN records_shared jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE supplier s SET records_shared = r.shared
        FROM (SELECT per.supplier_id, jsonb_object_agg(per.classification, per.records) AS shared
                FROM (SELECT m.supplier_id, a.classification, sum(m.records) AS records
                        FROM (SELECT supplier_id, data_asset_id, max(record_count) AS records FROM data_sharing_link WHERE status = 'active' GROUP BY 1, 2) m
                        JOIN data_asset a ON a.id = m.data_asset_id
                       GROUP BY 1, 2) per
               GROUP BY per.supplier_id) r
       WHERE s.id = r.supplier_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE risk_snapshot DROP COLUMN records_shared');
    await q.query('ALTER TABLE supplier DROP COLUMN records_shared');
  }
}
