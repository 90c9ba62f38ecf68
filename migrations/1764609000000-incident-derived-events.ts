import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An incident's "supplier notified" and "supplier answered" events are derived when the timeline is
 * read (from the follow-up's sent invitation and its submission), not written into `incident_event`
 * by the assessments library and the worker: the rows written before are removed so they are not
 * shown twice.
 */
export class IncidentDerivedEvents1764609000000 implements MigrationInterface {
  name = 'IncidentDerivedEvents1764609000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM incident_event WHERE kind IN ('supplier_notified', 'supplier_answered')");
  }

  async down(): Promise<void> {
    // Nothing to restore: the events are derived from the outbox and assessment rows.
  }
}
