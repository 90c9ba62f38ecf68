import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Console sign-ins: only the session id's hash is stored, with its CSRF token and its two timeouts. */
export class ConsoleSessions1764490000000 implements MigrationInterface {
  name = 'ConsoleSessions1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE console_session (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX console_session_user ON console_session (user_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE console_session');
  }
}
