import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in the order the busiest lists read: the register by name (the supplier list's default
 * order) and the findings board by severity, due date and id. A page of 50 is then read from the
 * index instead of sorting the whole register (or every open finding) on each load.
 */
export class ListOrderIndexes1764607000000 implements MigrationInterface {
  name = 'ListOrderIndexes1764607000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX supplier_name_order ON supplier (name, id)');
    await q.query(`
      CREATE INDEX finding_board_order ON finding ((CASE severity WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END), due_date NULLS LAST, id)
        WHERE superseded_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX finding_board_order');
    await q.query('DROP INDEX supplier_name_order');
  }
}
