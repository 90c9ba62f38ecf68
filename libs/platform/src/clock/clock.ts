import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The time, injected. Domain code asks the clock instead of calling `new Date()`, so that tests
 * can move time (reminders due, tokens expiring, assessments going stale).
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozen: Date | null = null;

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date(Date.now() + this.offsetMs);
  }

  /** Today's date in UTC as YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** Test helper: stop time at the given instant. */
  freeze(at: Date | string): void {
    this.frozen = new Date(at);
  }

  /** Test helper: move time forward (or back) by the given milliseconds. */
  advance(ms: number): void {
    if (this.frozen) this.frozen = new Date(this.frozen.getTime() + ms);
    else this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozen = null;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
