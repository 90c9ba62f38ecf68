import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: the extensions later tables rely on (case-insensitive emails, trigram search on
 * names and identifiers). The migrations table itself is TypeORM's.
 */
export class Init1764370000000 implements MigrationInterface {
  name = 'Init1764370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS citext');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS pg_trgm');
    await queryRunner.query('DROP EXTENSION IF EXISTS citext');
  }
}
