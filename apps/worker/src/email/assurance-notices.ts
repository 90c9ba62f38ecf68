import type { EntityManager } from 'typeorm';
import { ACCESS_PATH_REVIEW_MONTHS } from '@app/access-paths';
import { CERTIFICATION_NOTICE_DAYS } from '@app/certifications';
import type { OwedEmail } from '@app/notifications';
import { addDays } from '@app/platform';

/**
 * Proven assurance going out of date, to the supplier's owner in procurement: a certification
 * 30 days before it expires and again on expiry (each once: the dedupe key names the expiry date,
 * so a renewed certificate owes its own notices), and an access path not reviewed for 12 months.
 * Notices for expiries older than the notice window are not owed (a certificate recorded long
 * after it lapsed is shown as expired, not mailed about).
 */
export async function assuranceNotices(m: EntityManager, today: string): Promise<OwedEmail[]> {
  const certifications = await m.query<{ id: string; expires_on: string; owner_email: string }[]>(
    `SELECT c.id, c.expires_on::text, coalesce(o.email, cb.email)::text AS owner_email
       FROM certification c JOIN supplier s ON s.id = c.supplier_id
       LEFT JOIN app_user o ON o.id = s.owner_id AND o.active
       LEFT JOIN app_user cb ON cb.id = c.created_by AND cb.active
      WHERE s.status <> 'offboarded' AND c.expires_on BETWEEN $1::date AND $2::date AND coalesce(o.email, cb.email) IS NOT NULL`,
    [addDays(today, -CERTIFICATION_NOTICE_DAYS), addDays(today, CERTIFICATION_NOTICE_DAYS)],
  );
  const emails: OwedEmail[] = certifications.map((c) => {
    const step = c.expires_on <= today ? 'expiry' : `${CERTIFICATION_NOTICE_DAYS}d`;
    return {
      kind: `certification.${step === 'expiry' ? 'expired' : 'expiring'}`, recipients: [c.owner_email], template: 'certification-expiry',
      refs: { certificationId: c.id, expiresOn: c.expires_on, step }, dedupeKey: `certification:${c.id}:expiry:${c.expires_on}:${step}`,
    };
  });
  const paths = await m.query<{ id: string; basis: string; owner_email: string }[]>(
    `SELECT p.id, coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date)::text AS basis, o.email::text AS owner_email
       FROM access_path p JOIN supplier s ON s.id = p.supplier_id JOIN app_user o ON o.id = s.owner_id AND o.active
      WHERE p.status = 'active' AND s.status <> 'offboarded'
        AND coalesce(p.last_reviewed_on, (p.created_at AT TIME ZONE 'Europe/London')::date) + make_interval(months => $2) <= $1::date`,
    [today, ACCESS_PATH_REVIEW_MONTHS],
  );
  for (const p of paths) {
    emails.push({ kind: 'access-path.review-due', recipients: [p.owner_email], template: 'access-path-review-due', refs: { accessPathId: p.id, basis: p.basis }, dedupeKey: `access-path:${p.id}:review:${p.basis}` });
  }
  return emails;
}
