import { addDays } from '@app/platform';
import type { OwedEmail } from '../outbox.js';

/** A certification expiring (or expired) within the notice window, with the owner to tell. */
export interface ExpiringCertificationRow {
  id: string;
  expires_on: string;
  owner_email: string;
}

/** An active access path not reviewed for the review interval. */
export interface UnreviewedPathRow {
  id: string;
  /** The day its review interval counts from: its last review, else the day it was recorded. */
  basis: string;
  owner_email: string;
}

/** The expiry dates a certification notice is owed for today: `noticeDays` either side of today. */
export function certificationNoticeWindow(today: string, noticeDays: number): { from: string; to: string } {
  return { from: addDays(today, -noticeDays), to: addDays(today, noticeDays) };
}

/**
 * Proven assurance going out of date, to the supplier's owner in procurement: a certification
 * `noticeDays` before it expires and again on expiry (each once: the dedupe key names the expiry date,
 * so a renewed certificate owes its own notices). Notices for expiries older than the notice window
 * are not owed (a certificate recorded long after it lapsed is shown as expired, not mailed about).
 */
export function certificationNoticesOwed(
  today: string,
  rows: ExpiringCertificationRow[],
  noticeDays: number,
): OwedEmail[] {
  return rows.map((c) => {
    const step = c.expires_on <= today ? 'expiry' : `${noticeDays}d`;
    return {
      kind: `certification.${step === 'expiry' ? 'expired' : 'expiring'}`,
      recipients: [c.owner_email],
      template: 'certification-expiry',
      refs: { certificationId: c.id, expiresOn: c.expires_on, step },
      dedupeKey: `certification:${c.id}:expiry:${c.expires_on}:${step}`,
    };
  });
}

/** An access path's review notice, to the supplier's owner, once per review basis. */
export function accessPathReviewsOwed(rows: UnreviewedPathRow[]): OwedEmail[] {
  return rows.map((p) => ({
    kind: 'access-path.review-due',
    recipients: [p.owner_email],
    template: 'access-path-review-due',
    refs: { accessPathId: p.id, basis: p.basis },
    dedupeKey: `access-path:${p.id}:review:${p.basis}`,
  }));
}
