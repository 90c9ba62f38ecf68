import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incident mode: a supplier breached, what of ours it holds, the follow-up and the timeline. */
export class Incidents1764480000000 implements MigrationInterface {
  name = 'Incidents1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supplier_id uuid NOT NULL REFERENCES supplier(id),
        summary text NOT NULL,
        detected_at timestamptz NOT NULL,
        source text NOT NULL CHECK (source IN ('supplier_notice', 'press', 'threat_intelligence', 'other')),
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        idempotency_key text UNIQUE,
        exposure_at_open jsonb NOT NULL,
        follow_up_assessment_id uuid REFERENCES assessment(id),
        opened_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query('CREATE INDEX incident_supplier ON incident (supplier_id, created_at DESC)');
    await q.query(`
      CREATE TABLE incident_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident(id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        actor_id text
      )`);
    await q.query('CREATE INDEX incident_event_incident ON incident_event (incident_id, at)');
    await q.query(
      'ALTER TABLE data_sharing_link ADD COLUMN suspended_by_incident uuid REFERENCES incident(id), ADD COLUMN suspended_at timestamptz',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE data_sharing_link DROP COLUMN suspended_by_incident, DROP COLUMN suspended_at');
    await q.query('DROP TABLE incident_event');
    await q.query('DROP TABLE incident');
  }
}
