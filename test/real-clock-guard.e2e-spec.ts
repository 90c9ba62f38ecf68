import { Clock } from '@app/platform';
// eslint-disable-next-line no-restricted-imports -- a stand-in for product code, not a library
import { nowFromTheMachine, todayFromTheMachine } from './fixtures/libs/clock-reader/src/reads-clock.js';
import { takeRealClockReads } from './support/real-clock-guard.js';

describe('the real-clock guard (every test fails when product code reads the machine clock)', () => {
  it('records new Date() and Date.now() called from product code, naming the line', () => {
    todayFromTheMachine();
    nowFromTheMachine();
    const reads = takeRealClockReads();
    expect(reads).toHaveLength(2);
    expect(reads[0]).toContain('reads-clock.ts');
  });

  it('lets the injected Clock, the tests and dates built from values through', () => {
    const clock = new Clock();
    clock.now();
    clock.freeze('2026-03-02T09:00:00Z');
    expect(clock.today()).toBe('2026-03-02');
    expect(new Date('2026-03-02T00:00:00Z').getTime()).toBe(Date.UTC(2026, 2, 2));
    new Date(); // the test's own read
    expect(takeRealClockReads()).toEqual([]);
  });
});
