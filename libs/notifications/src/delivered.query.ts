import type { EntityManager } from 'typeorm';

/**
 * When emails of one template about an assessment reached their recipients, and to whom (the sent
 * outbox rows, oldest first): how another domain shows a delivery (an incident's timeline: "supplier
 * notified") without writing rows of its own from the worker.
 */
export async function deliveriesAbout(
  m: EntityManager,
  assessmentId: string,
  template: string,
): Promise<{ at: Date; to: string[] }[]> {
  const rows = await m.query<{ sent_at: Date; recipients: string[] }[]>(
    "SELECT sent_at, recipients FROM outbox_message WHERE status = 'sent' AND template = $2 AND refs->>'assessmentId' = $1 ORDER BY sent_at, id",
    [assessmentId, template],
  );
  return rows.map((r) => ({ at: r.sent_at, to: r.recipients }));
}
