/** Dates as people in the organisation read them: Europe/London, day month year, on one line. */
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
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

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) of an instant in Europe/London. */
export function londonDate(at: Date): string {
  return LONDON_DAY.format(at);
}

/** A day and time on the wall clock in London as an instant (GMT or BST as it was that day). */
export function londonToIso(day: string, time: string): string {
  const [h, m] = time.split(':').map(Number);
  const guess = new Date(`${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
  const offset =
    Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hour12: false }).format(guess),
    ) - guess.getUTCHours();
  const fixed = new Date(guess.getTime() - (((offset % 24) + 24) % 24) * 3_600_000);
  if (Number.isNaN(fixed.getTime())) throw new RangeError(`not a date: ${day} ${time}`);
  return fixed.toISOString().replace('.000Z', 'Z');
}
