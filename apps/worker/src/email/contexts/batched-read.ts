import type { EntityManager } from 'typeorm';

interface Waiting<R> {
  resolve: (row: R | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * One read by key, made for many keys at once: the reads asked for on one manager in the same turn
 * of the event loop (a batch of emails prepared together) become one statement. A read asked for
 * alone is a statement for one key, so callers need not know whether they are batched.
 */
export class BatchedRead<A extends { key: string }, R> {
  private readonly pending = new Map<EntityManager, Map<string, { args: A; waiting: Waiting<R>[] }>>();

  /** @param readMany reads every key given, answering each key's row (a missing key: no row). */
  constructor(private readonly readMany: (m: EntityManager, args: A[]) => Promise<Map<string, R>>) {}

  read(m: EntityManager, args: A): Promise<R | undefined> {
    let batch = this.pending.get(m);
    if (!batch) {
      batch = new Map();
      this.pending.set(m, batch);
      setImmediate(() => void this.flush(m));
    }
    let entry = batch.get(args.key);
    if (!entry) batch.set(args.key, (entry = { args, waiting: [] }));
    const waiting = entry.waiting;
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  }

  private async flush(m: EntityManager): Promise<void> {
    const batch = this.pending.get(m)!;
    this.pending.delete(m);
    const entries = [...batch.values()];
    try {
      const rows = await this.readMany(
        m,
        entries.map((e) => e.args),
      );
      for (const entry of entries) for (const w of entry.waiting) w.resolve(rows.get(entry.args.key));
    } catch (error) {
      for (const entry of entries) for (const w of entry.waiting) w.reject(error);
    }
  }
}
