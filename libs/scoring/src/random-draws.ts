/**
 * The random draws behind the loss simulation (loss-distribution.ts): a seeded xoshiro128** generator,
 * binomial counts by inversion and the normal quantile. Like the simulation, these functions use nothing
 * from outside this file: `lossSimulationSource()` hands their text to a worker thread.
 */

/** Four 32-bit words of xoshiro128** state from a seed, by splitmix32 (a zero state is impossible). */
export function seedState(seed: number): Uint32Array {
  const state = new Uint32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return state;
}

/** The next 32-bit output of xoshiro128** (Blackman and Vigna), advancing the state. */
export function nextUint32(s: Uint32Array): number {
  const s0 = s[0],
    s1 = s[1],
    s2 = s[2] ^ s0,
    s3 = s[3] ^ s1;
  const m = Math.imul(s1, 5);
  const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
  s[0] = s0 ^ s3;
  s[1] = s1 ^ s2;
  s[2] = s2 ^ (s1 << 9);
  s[3] = (s3 << 11) | (s3 >>> 21);
  return result;
}

/**
 * The next `buffer.length` outputs of the generator, in order, into the buffer: the simulation reads
 * its draws from here, so the generator runs in a tight loop with its state in registers.
 */
export function refill(s: Uint32Array, buffer: Uint32Array): void {
  let s0 = s[0],
    s1 = s[1],
    s2 = s[2],
    s3 = s[3];
  for (let i = 0; i < buffer.length; i++) {
    const m = Math.imul(s1, 5);
    buffer[i] = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

/** ln(n!) : exact sums below 30, Stirling's series above (relative error far below 1e-12). */
export function logFactorial(n: number): number {
  if (n < 30) {
    let sum = 0;
    for (let k = 2; k <= n; k++) sum += Math.log(k);
    return sum;
  }
  const inv = 1 / n,
    inv2 = inv * inv;
  return (
    n * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI * n) +
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)))
  );
}

/**
 * A Binomial(n, p) count from one uniform u in [0, 1), by inversion: starting at the mode, the
 * probabilities of k are added alternately above and below until they pass u (each k owns an
 * interval of length P(k), so the count is exact; the walk is about a standard deviation long).
 */
export function binomialCount(n: number, p: number, u: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const odds = p / (1 - p);
  const atMode = Math.exp(
    logFactorial(n) - logFactorial(mode) - logFactorial(n - mode) + mode * Math.log(p) + (n - mode) * Math.log(1 - p),
  );
  let sum = atMode;
  if (u < sum) return mode;
  let hi = mode,
    lo = mode,
    pHi = atMode,
    pLo = atMode;
  while (hi < n || lo > 0) {
    if (hi < n) {
      pHi *= ((n - hi) / (hi + 1)) * odds;
      hi++;
      sum += pHi;
      if (u < sum) return hi;
    }
    if (lo > 0) {
      pLo *= lo / ((n - lo + 1) * odds);
      lo--;
      sum += pLo;
      if (u < sum) return lo;
    }
    if (pHi < 1e-300 && pLo < 1e-300) break; // the rest is below rounding: u fell in the last crumbs
  }
  return mode;
}

/** The standard normal quantile at u in (0, 1): Wichura's AS241 (relative accuracy about 1e-16). */
export function normalQuantile(u: number): number {
  const q = u - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((5226.495278852546 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? u : 1 - u;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    x =
      (((((((2.0103343992922881e-7 * r + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -x : x;
}
