import { isWorkingDay, workingTime } from '../working-time.js';
import { ladderOf, stepOwed } from './ladder.js';

const settings = { reminderDays: [7, 3, 1], overdueDays: 1, escalationDays: [7, 14] };
const due = '2027-01-13'; // a Wednesday
const sentOn = '2026-12-01';

describe('the reminder and escalation ladder', () => {
  it('lists the steps in date order', () => {
    expect(ladderOf(due, settings).map((s) => `${s.key}@${s.date}`)).toEqual([
      'reminder:7d@2027-01-06',
      'reminder:3d@2027-01-10',
      'reminder:1d@2027-01-12',
      'overdue@2027-01-14',
      'escalation-1@2027-01-20',
      'escalation-2@2027-01-27',
    ]);
  });

  it('owes nothing before the first reminder, then the latest step reached', () => {
    expect(stepOwed('2027-01-05', due, sentOn, settings)).toBeNull();
    expect(stepOwed('2027-01-06', due, sentOn, settings)?.key).toBe('reminder:7d');
    expect(stepOwed('2027-01-11', due, sentOn, settings)?.key).toBe('reminder:3d'); // the Sunday's step, on Monday
    expect(stepOwed('2027-01-12', due, sentOn, settings)?.key).toBe('reminder:1d');
    expect(stepOwed('2027-01-13', due, sentOn, settings)?.key).toBe('reminder:1d'); // due day: nothing new
    expect(stepOwed('2027-01-14', due, sentOn, settings)).toMatchObject({ key: 'overdue', level: 0 });
    expect(stepOwed('2027-01-20', due, sentOn, settings)).toMatchObject({ key: 'escalation-1', level: 1 });
    expect(stepOwed('2027-02-20', due, sentOn, settings)).toMatchObject({ key: 'escalation-2', level: 2 });
  });

  it('never reminds on or before the day the questionnaire was sent', () => {
    expect(stepOwed('2027-01-11', due, '2027-01-10', settings)).toBeNull();
    expect(stepOwed('2027-01-12', due, '2027-01-10', settings)?.key).toBe('reminder:1d');
  });

  it('uses configured offsets, and no level 2 when only one escalation day is set', () => {
    const custom = { reminderDays: [2], overdueDays: 2, escalationDays: [5] };
    expect(ladderOf(due, custom).map((s) => s.key)).toEqual(['reminder:2d', 'overdue', 'escalation-1']);
    expect(stepOwed('2027-03-01', due, sentOn, custom)?.key).toBe('escalation-1');
  });
});

describe('working time (Europe/London)', () => {
  it('knows weekends and England and Wales bank holidays', () => {
    expect(isWorkingDay('2027-01-13')).toBe(true);
    expect(isWorkingDay('2027-01-16')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2027-05-31')).toBe(false); // spring bank holiday
    expect(isWorkingDay('2027-03-17')).toBe(true); // St Patrick's Day is a holiday in Northern Ireland only
  });

  it('sends between 08:00 and 18:00 London time, summer time included', () => {
    expect(workingTime(new Date('2027-01-13T07:59:00Z'), '08:00-18:00').working).toBe(false);
    expect(workingTime(new Date('2027-01-13T08:00:00Z'), '08:00-18:00').working).toBe(true);
    expect(workingTime(new Date('2027-01-13T18:00:00Z'), '08:00-18:00').working).toBe(false);
    expect(workingTime(new Date('2027-07-14T07:30:00Z'), '08:00-18:00')).toMatchObject({
      today: '2027-07-14',
      working: true,
    }); // 08:30 BST
    expect(workingTime(new Date('2027-07-14T17:30:00Z'), '08:00-18:00').working).toBe(false); // 18:30 BST
    expect(workingTime(new Date('2027-01-12T23:30:00Z'), '08:00-18:00').today).toBe('2027-01-12');
    expect(workingTime(new Date('2027-07-13T23:30:00Z'), '08:00-18:00').today).toBe('2027-07-14');
  });
});
