/**
 * Calendar arithmetic on `YYYY-MM-DD` dates and instants, in one place (UTC, no time zone surprises).
 * Callers pass the time in (from the injected `Clock`); nothing here reads the machine's clock.
 */
export const DAY_MS = 86_400_000;

/** The date `days` after (or before, when negative) a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant `days` after (or before) another. */
export function addDaysTo(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The `YYYY-MM-DD` date of an instant in Europe/London (as SQL's `(t AT TIME ZONE 'Europe/London')::date`). */
export function londonDate(instant: Date): string {
  return LONDON_DAY.format(instant);
}

/** Whole days from one `YYYY-MM-DD` date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
