import { Worker } from 'node:worker_threads';

/**
 * The bench's load generators and how it reports: every goal is measured in rounds (subject and
 * baseline back to back, so a round's two figures see the same load on a shared machine), and
 * printed as the median of the rounds' ratios beside its goal.
 */
export const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
export const CONCURRENCY = 16;
export const ROUNDS = 3;

// The load comes from a worker thread (keep-alive node:http; fetch tops out first here), so that the
// client does not share the server's event loop. Each connection may carry its own headers (one
// signed-in session per connection).
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, headers, requests, concurrency, warmup } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const get = (h) => new Promise((resolve, reject) => {
  http.get(url, { agent, headers: h }, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(url + ' answered ' + res.statusCode))));
  }).on('error', reject);
});
const headersOf = (i) => (Array.isArray(headers) ? headers[i % headers.length] : headers);
(async () => {
  for (let i = 0; i < warmup; i++) await get(headersOf(i));
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, c) => { while (next++ < requests) await get(headersOf(c)); }));
  parentPort.postMessage(requests / ((performance.now() - started) / 1000));
  agent.destroy();
})().catch((error) => { throw error; });
`;

export interface LoadOptions {
  requests?: number;
  concurrency?: number;
  warmup?: number;
}

/** Requests per second of GET `url`; `headers` may be a list (one per connection, round robin). */
export function measure(
  url: string,
  headers: Record<string, string> | Record<string, string>[],
  options: LoadOptions = {},
): Promise<number> {
  const workerData = {
    url,
    headers,
    requests: options.requests ?? REQUESTS,
    concurrency: options.concurrency ?? CONCURRENCY,
    warmup: options.warmup ?? 200,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, { eval: true, workerData });
    worker.once('message', (rate: number) => resolve(rate));
    worker.once('error', reject);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface RoundResult {
  subject: number;
  baseline: number;
}

/** Runs `round` ROUNDS times; answers each round's figures and the median ratio subject / baseline. */
export async function rounds(
  round: () => Promise<RoundResult>,
  count = ROUNDS,
): Promise<{ results: RoundResult[]; ratios: number[]; ratio: number }> {
  const results: RoundResult[] = [];
  for (let i = 0; i < count; i++) results.push(await round());
  const ratios = results.map((r) => r.subject / r.baseline);
  return { results, ratios, ratio: median(ratios) };
}

/** One printed goal line: `name ... ratio 0.42 (goal >= 0.4: met; rounds 0.41 0.42 0.45)`. */
export function goalLine(
  name: string,
  ratio: number,
  goal: { atLeast?: number; atMost?: number },
  ratios: number[] = [],
  detail = '',
): string {
  const met = goal.atLeast !== undefined ? ratio >= goal.atLeast : ratio <= (goal.atMost ?? Infinity);
  const goalText = goal.atLeast !== undefined ? `>= ${goal.atLeast}` : `<= ${goal.atMost}`;
  const roundsText = ratios.length ? `; rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}` : '';
  const line = `GOAL ${name.padEnd(58)} ${ratio.toFixed(3).padStart(7)} (goal ${goalText}: ${met ? 'met' : 'MISSED'}${roundsText})${detail ? `   ${detail}` : ''}`;
  console.log(line);
  return line;
}

/** Requests/s printed with a name. */
export function rateLine(name: string, rate: number, unit = 'req/s', extra = ''): void {
  console.log(`  ${name.padEnd(64)} ${rate.toFixed(0).padStart(7)} ${unit}${extra ? `   ${extra}` : ''}`);
}
