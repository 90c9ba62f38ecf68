/**
 * The product reads the time only through the injected `Clock`, so that tests can set it. This set-up
 * (every test file, before the tests) makes that a checked rule: a `new Date()` or `Date.now()` called
 * directly from the product's own code (apps/, libs/, outside the Clock) is recorded, and the test
 * in which it happened fails, naming the line. Libraries (node_modules) and the tests themselves may
 * read the real clock; the demo's launcher (apps/demo/src/main.ts, services.ts) runs against
 * the real machine and is left out.
 */
const RealDate = Date;
const PRODUCT = /\/(apps|libs)\/[^/]+\/src\//;
const ALLOWED = [
  /\/libs\/platform\/src\/clock\/clock\.ts/,
  /\/apps\/demo\/src\/(main|services)\.ts/,
  /\/node_modules\//,
  /\.spec\.ts/,
];
const seen: string[] = [];

function check(): void {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  // The first frame outside this file is the caller of `new Date()` / `Date.now()`.
  const caller = frames.find((line) => !line.includes('real-clock-guard'));
  if (caller && PRODUCT.test(caller) && !ALLOWED.some((re) => re.test(caller))) seen.push(caller.trim());
}

class GuardedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) check();
    // @ts-expect-error -- forwarding whatever the caller passed
    super(...args);
  }

  static override now(): number {
    check();
    return RealDate.now();
  }
}

globalThis.Date = GuardedDate as DateConstructor;

afterEach(() => {
  if (seen.length === 0) return;
  const where = [...new Set(seen.splice(0))].join('\n  ');
  throw new Error(`The product read the machine's clock instead of the injected Clock:\n  ${where}`);
});

/** For the guard's own test: what it has recorded since the last check, cleared. */
export function takeRealClockReads(): string[] {
  return seen.splice(0);
}
