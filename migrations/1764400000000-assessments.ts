import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessments, their invitation links and portal sessions, answers, and the email outbox. */
export class Assessments1764400000000 implements MigrationInterface {
  name = 'Assessments1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        questionnaire_version_id uuid NOT NULL REFERENCES questionnaire_version(id),
        questionnaire_key text NOT NULL,
        questionnaire_version integer NOT NULL,
        recipient_contact_id uuid NOT NULL REFERENCES supplier_contact(id),
        recipient_name text NOT NULL,
        recipient_email citext NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('sent', 'in_progress', 'submitted', 'returned', 'completed', 'cancelled', 'expired')),
        returned_questions text[] NOT NULL DEFAULT '{}',
        return_message text,
        attestation jsonb,
        submitted_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open assessment per supplier and questionnaire.
    await q.query(
      `CREATE UNIQUE INDEX assessment_one_open ON assessment (supplier_id, questionnaire_key) WHERE status IN ('sent', 'in_progress', 'submitted', 'returned')`,
    );
    await q.query('CREATE INDEX assessment_status ON assessment (status, due_date)');

    await q.query(`
      CREATE TABLE assessment_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessment(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX assessment_invitation_assessment ON assessment_invitation (assessment_id)');

    await q.query(`
      CREATE TABLE portal_session (
        id_hash text PRIMARY KEY,
        assessment_id uuid NOT NULL REFERENCES assessment(id),
        invitation_id uuid NOT NULL REFERENCES assessment_invitation(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE assessment_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessment(id),
        question_code text NOT NULL,
        value jsonb,
        not_applicable boolean NOT NULL DEFAULT false,
        comment text,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (assessment_id, question_code)
      )`);

    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        recipients text[] NOT NULL,
        template text NOT NULL,
        refs jsonb NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'sent', 'failed', 'dead', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        provider_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query("CREATE INDEX outbox_message_pending ON outbox_message (created_at) WHERE status = 'pending'");
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_message',
      'assessment_answer',
      'portal_session',
      'assessment_invitation',
      'assessment',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
