import { humanDate, isWorkingDay, londonTime, nthWorkingDay, workingTime } from './working-time.js';

describe('working time (Europe/London, England and Wales bank holidays)', () => {
  it('reads London time across the clock change', () => {
    expect(londonTime(new Date('2027-01-15T09:30:00Z'))).toEqual({ date: '2027-01-15', minutes: 9 * 60 + 30 }); // GMT
    expect(londonTime(new Date('2027-06-15T09:30:00Z'))).toEqual({ date: '2027-06-15', minutes: 10 * 60 + 30 }); // BST
    expect(londonTime(new Date('2027-06-15T23:30:00Z')).date).toBe('2027-06-16'); // after midnight in London
  });

  it('knows weekends and bank holidays', () => {
    expect(isWorkingDay('2027-01-15')).toBe(true); // a Friday
    expect(isWorkingDay('2027-01-16')).toBe(false); // Saturday
    expect(isWorkingDay('2027-05-31')).toBe(false); // spring bank holiday
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute (26th is a Saturday)
  });

  it('says why reminders wait', () => {
    expect(workingTime(new Date('2027-01-15T07:59:00Z'), '08:00-18:00')).toMatchObject({
      working: false,
      why: 'outside working hours (08:00-18:00 Europe/London)',
    });
    expect(workingTime(new Date('2027-01-15T08:00:00Z'), '08:00-18:00')).toMatchObject({
      working: true,
      today: '2027-01-15',
    });
    expect(workingTime(new Date('2027-01-15T18:00:00Z'), '08:00-18:00').working).toBe(false);
    expect(workingTime(new Date('2027-05-31T10:00:00Z'), '08:00-18:00')).toMatchObject({
      working: false,
      why: '2027-05-31 is not a working day',
    });
  });

  it('finds the n-th working day of a month', () => {
    expect(nthWorkingDay('2027-02', 1)).toBe('2027-02-01'); // a Monday
    expect(nthWorkingDay('2027-01', 1)).toBe('2027-01-04'); // 1 Jan is a holiday, then a weekend
    expect(nthWorkingDay('2027-01', 3)).toBe('2027-01-06');
  });

  it('writes dates as people do', () => expect(humanDate('2027-01-12')).toBe('12 Jan 2027'));
});
