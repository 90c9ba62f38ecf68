import { daysBetween } from '@app/platform';
import { common, consoleUrl, type EmailSettings } from './contexts.js';
import { dateText, daysAgo, inDays, label } from './wording.js';

/** The assurance notices' words: a certificate expiring, a way in not reviewed for a year. */

export interface CertificationExpiryFacts {
  supplierId: string;
  supplierName: string;
  /** In words, e.g. "Cyber Essentials Plus certificate". */
  certification: string;
  reference: string | null;
  scope: string | null;
  /** YYYY-MM-DD */
  expiresOn: string;
  expired: boolean;
  today: string;
  /** Whether the reader's role may record certificates (procurement); the page itself opens for every role. */
  canAct: boolean;
}

/** To procurement (the supplier's owner): a certificate expires in 30 days, or has expired; ask for the renewed one. */
export function certificationExpiryContext(s: EmailSettings, c: CertificationExpiryFacts) {
  return {
    ...common(s, false),
    supplier: { name: c.supplierName },
    certification: c.certification,
    reference: c.reference,
    scope: c.scope,
    expiresOn: dateText(c.expiresOn),
    expired: c.expired,
    when: inDays(daysBetween(c.today, c.expiresOn)),
    canAct: c.canAct,
    url: consoleUrl(s, `/suppliers/${c.supplierId}/assurance#certifications`),
  };
}

export interface AccessPathReviewFacts {
  supplierId: string;
  supplierName: string;
  /** Stored values (`remote_support`, `none`): shown in words. */
  kind: string;
  description: string;
  mfa: string;
  monitored: boolean;
  /** YYYY-MM-DD: its last review (or when it was recorded). */
  lastReviewed: string;
  today: string;
  /** Whether the reader's role may change access paths (procurement); the page itself opens for every role. */
  canAct: boolean;
}

/** To the supplier's owner: a way into our systems has not been reviewed for 12 months. */
export function accessPathReviewContext(s: EmailSettings, p: AccessPathReviewFacts) {
  return {
    ...common(s, false),
    supplier: { name: p.supplierName },
    kind: label(p.kind),
    description: p.description,
    mfa: label(p.mfa),
    monitored: p.monitored,
    lastReviewed: dateText(p.lastReviewed),
    ago: daysAgo(daysBetween(p.lastReviewed, p.today)),
    canAct: p.canAct,
    url: consoleUrl(s, `/suppliers/${p.supplierId}/assurance#access-paths`),
  };
}
