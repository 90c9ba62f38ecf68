import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from './assessment.entity.js';

/** Which suppliers a send is for: named ones, or a campaign's filter over the register. */
export interface SendScope {
  supplierIds?: string[];
  filter?: { kind?: string; tier?: number; tag?: string; status?: string };
  /** The contact it goes to; else each supplier's primary contact (the first by position). */
  recipientContactId?: string;
}

/** One targeted supplier: the contact it would go to, the open assessment in the way, and why it cannot be sent to, if so. */
export interface SendTarget {
  supplier_id: string;
  name: string | null;
  contact_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  open_id: string | null;
  open_status: string | null;
  reason: string | null;
}

/**
 * Who may be sent a questionnaire, the rule for one supplier or five thousand in one statement: not
 * offboarded, a recipient among its contacts, and no open assessment (`OPEN_STATUSES`) of the same
 * questionnaire. Named suppliers that do not exist come back as 'no such supplier'; a filter leaves
 * offboarded suppliers out.
 */
export function sendTargets(m: EntityManager, scope: SendScope, questionnaireKey: string): Promise<SendTarget[]> {
  return m.query<SendTarget[]>(
    `WITH wanted AS (
       SELECT s.id, s.name, s.status FROM supplier s
        WHERE ($1::uuid[] IS NULL OR s.id = ANY($1::uuid[]))
          AND ($2::text IS NULL OR s.kind = $2) AND ($3::int IS NULL OR s.tier = $3)
          AND ($4::text IS NULL OR $4 = ANY(s.tags)) AND ($5::text IS NULL OR s.status = $5)
          AND ($1::uuid[] IS NOT NULL OR s.status <> 'offboarded')
     ), missing AS (
       SELECT id FROM unnest(coalesce($1::uuid[], '{}')) AS id WHERE id NOT IN (SELECT id FROM wanted)
     )
     SELECT w.id AS supplier_id, w.name, c.id AS contact_id, c.name AS contact_name, c.email AS contact_email, open.id AS open_id, open.status AS open_status,
            CASE WHEN w.status = 'offboarded' THEN 'offboarded'
                 WHEN c.id IS NULL THEN CASE WHEN $8::uuid IS NULL THEN 'no primary contact' ELSE 'not a contact of this supplier' END
                 WHEN open.id IS NOT NULL THEN 'an open assessment of this questionnaire (' || open.status || ')'
            END AS reason
       FROM wanted w
       LEFT JOIN LATERAL (SELECT id, name, email FROM supplier_contact
                           WHERE supplier_id = w.id AND CASE WHEN $8::uuid IS NULL THEN role = 'primary' ELSE id = $8::uuid END
                           ORDER BY position LIMIT 1) c ON true
       LEFT JOIN LATERAL (SELECT id, status FROM assessment WHERE supplier_id = w.id AND questionnaire_key = $6 AND status = ANY($7::text[]) LIMIT 1) open ON true
     UNION ALL
     SELECT id, NULL, NULL, NULL, NULL, NULL, NULL, 'no such supplier' FROM missing`,
    [
      scope.supplierIds ?? null,
      scope.filter?.kind ?? null,
      scope.filter?.tier ?? null,
      scope.filter?.tag ?? null,
      scope.filter?.status ?? null,
      questionnaireKey,
      OPEN_STATUSES,
      scope.recipientContactId ?? null,
    ],
  );
}
