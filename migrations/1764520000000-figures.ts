import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Figures a committee can defend (issue 16):
 * - questionnaire_version.purpose: `security` (scored, sets the band) or `incident` (the 72-hour
 *   follow-up, never scored). Versions published before it are security ones, except the shipped
 *   incident follow-up.
 * - data_sharing_link.destruction_confirmed_on / destruction_evidence: an ended link's records count
 *   as held until destruction is confirmed (risk-model.md section 4).
 * - finding.lapsed_acceptance: an acceptance that reached its expiry date and reopened the finding
 *   (the daily risk run), kept so that the report can list it.
 */
export class Figures1764520000000 implements MigrationInterface {
  name = 'Figures1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE questionnaire_version ADD COLUMN purpose text NOT NULL DEFAULT 'security' CHECK (purpose IN ('security', 'incident'))`,
    );
    await q.query(
      `UPDATE questionnaire_version SET purpose = 'incident' WHERE key = 'incident-follow-up' OR definition->>'purpose' = 'incident'`,
    );
    await q.query(
      'ALTER TABLE data_sharing_link ADD COLUMN destruction_confirmed_on date, ADD COLUMN destruction_evidence text',
    );
    await q.query(
      `ALTER TABLE data_sharing_link ADD CONSTRAINT data_sharing_link_destruction_when_ended CHECK (destruction_confirmed_on IS NULL OR status = 'ended')`,
    );
    // The ledger view "ended, destruction not confirmed" reads this.
    await q.query(
      `CREATE INDEX data_sharing_link_ended_held ON data_sharing_link (end_date) WHERE status = 'ended' AND destruction_confirmed_on IS NULL`,
    );
    await q.query('ALTER TABLE finding ADD COLUMN lapsed_acceptance jsonb');
    await q.query(
      `CREATE INDEX finding_acceptance_due ON finding (accepted_until) WHERE status = 'accepted' AND superseded_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX finding_acceptance_due');
    await q.query('ALTER TABLE finding DROP COLUMN lapsed_acceptance');
    await q.query('DROP INDEX data_sharing_link_ended_held');
    await q.query(
      'ALTER TABLE data_sharing_link DROP CONSTRAINT data_sharing_link_destruction_when_ended, DROP COLUMN destruction_confirmed_on, DROP COLUMN destruction_evidence',
    );
    await q.query('ALTER TABLE questionnaire_version DROP COLUMN purpose');
  }
}
