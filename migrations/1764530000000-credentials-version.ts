import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's credentials version: every bearer token carries the version it was issued under, and a
 * password reset raises it, so that the tokens issued before the reset stop working at once (as a
 * disabled user's do). Tokens issued before this column existed carry no version and count as 0.
 */
export class CredentialsVersion1764530000000 implements MigrationInterface {
  name = 'CredentialsVersion1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user ADD COLUMN credentials_version integer NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE app_user DROP COLUMN credentials_version');
  }
}
