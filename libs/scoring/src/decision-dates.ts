/**
 * When a risk decision stops standing (risk-model section 5). A decision holds until its review
 * date; a transfer (insurance) also ends when its policy expires, whichever comes first. Every page,
 * report, email and risk figure asks this one function, and SQL uses the fragment built beside it,
 * so "current", "expired" and "expiring" can never disagree (test/rules-in-sql.e2e-spec.ts checks
 * the two against each other).
 */
export interface DecisionDates {
  reviewDate: string;
  expiresOn: string | null;
}

/** The decisions that lapse and are flagged to governance ahead of their day (a mitigation or an avoidance is followed up otherwise); SQL takes it as a parameter. */
export const EXPIRING_DECISIONS: readonly string[] = ['accept', 'transfer'];

/** The last day a decision stands: its review date, or a policy expiry that comes sooner. */
export function decisionLapsesOn(d: DecisionDates): string {
  return d.expiresOn !== null && d.expiresOn < d.reviewDate ? d.expiresOn : d.reviewDate;
}

/** Still standing on `today` (it lapses at the end of its last day). */
export const decisionIsCurrent = (d: DecisionDates, today: string): boolean => decisionLapsesOn(d) >= today;

/** `decisionLapsesOn` for a `risk_decision` row aliased `alias` (Postgres LEAST ignores a NULL expiry). */
export const decisionLapsesOnSql = (alias: string): string => `LEAST(${alias}.review_date, ${alias}.expires_on)`;

/** `decisionIsCurrent` for a `risk_decision` row aliased `alias`; `today` is a parameter placeholder such as `$1`. */
export const decisionIsCurrentSql = (alias: string, today: string): string =>
  `${decisionLapsesOnSql(alias)} >= ${today}::date`;
