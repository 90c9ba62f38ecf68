import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each invitation link records whom it was issued to (and why: a first invitation, a resend, or a
 * reassignment to another contact), so the worker can check, when it renders an email, that a link
 * only ever goes to the contact it was issued to. Existing links were all issued to their
 * assessment's recipient (there was no reassignment before).
 */
export class InvitationRecipient1764560000000 implements MigrationInterface {
  name = 'InvitationRecipient1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE assessment_invitation ADD COLUMN recipient_contact_id uuid, ADD COLUMN recipient_email citext, ADD COLUMN reason text NOT NULL DEFAULT 'invitation'`,
    );
    await q.query(
      'UPDATE assessment_invitation i SET recipient_contact_id = a.recipient_contact_id, recipient_email = a.recipient_email FROM assessment a WHERE a.id = i.assessment_id',
    );
    await q.query('ALTER TABLE assessment_invitation ALTER COLUMN recipient_email SET NOT NULL');
    await q.query(
      `ALTER TABLE assessment_invitation ADD CONSTRAINT assessment_invitation_reason CHECK (reason IN ('invitation', 'resend', 'reassign'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE assessment_invitation DROP CONSTRAINT assessment_invitation_reason, DROP COLUMN reason, DROP COLUMN recipient_email, DROP COLUMN recipient_contact_id',
    );
  }
}
