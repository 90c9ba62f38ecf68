import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offboarding a supplier disables its ways in (issue 21), and marks the paths it disabled, so that
 * the console can say which stayed disabled when the supplier is reactivated (reactivation never
 * re-enables a way in on its own).
 */
export class AccessPathOffboarding1764603000000 implements MigrationInterface {
  name = 'AccessPathOffboarding1764603000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE access_path ADD COLUMN disabled_by_offboarding boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE access_path DROP COLUMN disabled_by_offboarding');
  }
}
