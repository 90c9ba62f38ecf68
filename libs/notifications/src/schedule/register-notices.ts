import { addDays } from '@app/platform';
import type { OwedEmail } from '../outbox.js';
import { nthWorkingDay } from '../working-time.js';

/** Decisions and acceptances are flagged to governance this many days before they lapse. */
export const DECISION_NOTICE_DAYS = 30;

/** A data-sharing link's review or end date within the notice window, with the owner to tell. */
export interface LinkDateRow {
  id: string;
  field: 'review' | 'end';
  date: string;
  owner_email: string;
}

/** The link notice days, once each and nearest first, and the last day they look ahead to. */
export function linkNoticeWindow(today: string, noticeDays: number[]): { days: number[]; from: string; to: string } {
  const days = [...new Set(noticeDays)].sort((a, b) => a - b);
  return { days, from: today, to: addDays(today, days.at(-1)!) };
}

/**
 * Review and end dates of data-sharing links, to the data asset's owner (else the supplier's): one
 * notice per notice day reached (the nearest that has come), each once.
 */
export function linkNoticesOwed(today: string, rows: LinkDateRow[], days: number[]): OwedEmail[] {
  return rows.flatMap((l) => {
    const step = days.find((d) => addDays(l.date, -d) <= today);
    if (step === undefined) return [];
    return [
      {
        kind: `data-sharing-link.${l.field}-due`,
        recipients: [l.owner_email],
        template: 'data-sharing-link-due',
        refs: { linkId: l.id, field: l.field, date: l.date },
        dedupeKey: `link:${l.id}:${l.field}:${l.date}:${step}d`,
      },
    ];
  });
}

/** A supplier whose tier's interval since its last completed assessment has passed, with nothing new open. */
export interface ReassessmentRow {
  supplier_id: string;
  assessment_id: string;
  owner_email: string;
}

/** The reassessment notice, to the supplier's owner, once per completed assessment it follows. */
export function reassessmentsOwed(rows: ReassessmentRow[]): OwedEmail[] {
  return rows.map((r) => ({
    kind: 'reassessment.due',
    recipients: [r.owner_email],
    template: 'reassessment-due',
    refs: { supplierId: r.supplier_id, assessmentId: r.assessment_id },
    dedupeKey: `supplier:${r.supplier_id}:reassessment:${r.assessment_id}`,
  }));
}

/** A risk decision or an accepted finding lapsing within DECISION_NOTICE_DAYS. */
export interface ExpiringRow {
  kind: 'decision' | 'finding';
  id: string;
  date: string;
}

/**
 * To governance, DECISION_NOTICE_DAYS ahead: an acceptance reaching its review date, insurance
 * reaching its expiry, and an accepted finding reaching the end of its acceptance (once per date).
 */
export function expiringOwed(rows: ExpiringRow[], governanceEmail: string | undefined): OwedEmail[] {
  if (!governanceEmail) return [];
  return rows.map((r): OwedEmail => ({
    kind: `${r.kind === 'decision' ? 'risk-decision' : 'finding-acceptance'}.expiring`,
    recipients: [governanceEmail],
    template: 'risk-acceptance-expiring',
    refs: { [r.kind === 'decision' ? 'decisionId' : 'findingId']: r.id, date: r.date },
    dedupeKey: `${r.kind}:${r.id}:expiring:${r.date}`,
  }));
}

/** The committee digest, on the configured working day of the month (or the first run after it); 0 turns it off. */
export function digestOwed(today: string, governanceEmail: string | undefined, digestWorkingDay: number): OwedEmail[] {
  const month = today.slice(0, 7);
  if (!governanceEmail || digestWorkingDay === 0 || today < nthWorkingDay(month, digestWorkingDay)) return [];
  return [
    {
      kind: 'committee.digest',
      recipients: [governanceEmail],
      template: 'committee-digest',
      refs: { period: month },
      dedupeKey: `digest:${month}`,
    },
  ];
}
