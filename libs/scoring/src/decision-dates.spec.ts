import { decisionIsCurrent, decisionLapsesOn } from './decision-dates.js';

describe('when a risk decision lapses', () => {
  it('an acceptance stands until the end of its review date', () => {
    const d = { reviewDate: '2026-06-15', expiresOn: null };
    expect(decisionLapsesOn(d)).toBe('2026-06-15');
    expect(decisionIsCurrent(d, '2026-06-15')).toBe(true);
    expect(decisionIsCurrent(d, '2026-06-16')).toBe(false);
  });

  it('insurance lapses at its policy expiry or its review date, whichever comes first', () => {
    expect(decisionLapsesOn({ reviewDate: '2026-09-01', expiresOn: '2026-06-30' })).toBe('2026-06-30');
    expect(decisionLapsesOn({ reviewDate: '2026-06-01', expiresOn: '2026-12-31' })).toBe('2026-06-01');
    expect(decisionIsCurrent({ reviewDate: '2026-09-01', expiresOn: '2026-06-30' }, '2026-07-01')).toBe(false);
  });
});
