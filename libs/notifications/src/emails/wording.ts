import { humanDate } from '../working-time.js';

/** "1 day", "3 days": never "day(s)". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** How far off a date is, in words: "today", "tomorrow", "in 3 days". */
export function inDays(n: number): string {
  if (n <= 0) return 'today';
  if (n === 1) return 'tomorrow';
  return `in ${plural(n, 'day')}`;
}

/** How long ago: "today", "yesterday", "3 days ago". */
export function daysAgo(n: number): string {
  if (n <= 0) return 'today';
  if (n === 1) return 'yesterday';
  return `${plural(n, 'day')} ago`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as people read it in England: "14:30 on Tue 1 Dec 2026" (Europe/London, GMT or BST as it falls). */
export function londonDateTime(at: Date): string {
  const p = Object.fromEntries(dateTime.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute} on ${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** A calendar date (YYYY-MM-DD, already a London date) in words: "12 Jan 2027". */
export const dateText = humanDate;

const LABELS: Record<string, string> = {
  dpo: 'data protection officer',
  special_category: 'special category',
  supplier_notice: 'the supplier',
  press: 'the press',
  threat_intelligence: 'threat intelligence',
  research_partner: 'research partner',
  nhs_body: 'NHS body',
  insurance: 'insurance expires',
  acceptance: 'risk acceptance due for review',
};

/** A stored value (`special_category`, `supplier_report`) as words for a reader. */
export function label(value: string): string {
  return LABELS[value] ?? value.replace(/_/g, ' ');
}

/** "a, b and c" */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
