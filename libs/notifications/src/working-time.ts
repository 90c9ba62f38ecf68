import Holidays from 'date-holidays';
import { addDays } from '@app/platform';

const LONDON = 'Europe/London';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const bankHolidays = new Holidays('GB', 'ENG'); // England and Wales share their bank holidays

/** The date (YYYY-MM-DD) and minutes past midnight in London at an instant. */
export function londonTime(at: Date): { date: string; minutes: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** A weekday that is not an England and Wales bank holiday. */
export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (day === 0 || day === 6) return false;
  const holidays = bankHolidays.isHoliday(new Date(`${date}T12:00:00Z`));
  return !(holidays && holidays.some((h) => h.type === 'public' || h.type === 'bank'));
}

/** Whether reminders may go out now: a working day, within WORKING_HOURS (HH:MM-HH:MM), London time. */
export function workingTime(at: Date, hours: string): { today: string; working: boolean; why: string } {
  const { date, minutes } = londonTime(at);
  const [from, to] = hours.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));
  if (!isWorkingDay(date)) return { today: date, working: false, why: `${date} is not a working day` };
  if (minutes < from || minutes >= to)
    return { today: date, working: false, why: `outside working hours (${hours} Europe/London)` };
  return { today: date, working: true, why: 'working time' };
}

/** The n-th working day (1-based) of a month given as YYYY-MM. */
export function nthWorkingDay(month: string, n: number): string {
  let day = `${month}-01`;
  let seen = isWorkingDay(day) ? 1 : 0;
  while (seen < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) seen++;
  }
  return day;
}

const long = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "12 Jan 2027", as people write dates in emails. */
export function humanDate(date: string): string {
  return long.format(new Date(`${date}T00:00:00Z`));
}
