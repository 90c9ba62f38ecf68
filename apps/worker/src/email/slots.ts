/**
 * At most `size` holders at once; the others wait their turn, first come first served.
 *
 * Bull's concurrency is not a bound on one job name: every `queue.process` adds its own loops, and
 * any loop takes whichever job is next (the email queue's sweep and schedule loops take send jobs
 * too). The rows a worker holds are bounded here instead, where they are taken.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** Waits for a slot; the function returned gives it back (once, however often it is called). */
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
