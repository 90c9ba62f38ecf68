/** Dates as people in the organisation read them: Europe/London, day month year, on one line. */
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "28 Nov 2026, 09:00" in Europe/London (GMT or BST as it was on the day). */
export function londonDateTime(at: Date): string {
  return DATE_TIME.format(at).replace(' at ', ', ');
}

/** A calendar date (YYYY-MM-DD) in words: "28 November 2026"; anything else as given. */
export function dateText(iso: string | null | undefined, empty = '–'): string {
  if (!iso) return empty;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? DATE.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) of an instant in Europe/London. */
export function londonDate(at: Date): string {
  return LONDON_DAY.format(at);
}
