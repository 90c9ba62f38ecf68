import type { DataSource } from 'typeorm';

/**
 * PostgreSQL's transaction snapshot (`pg_current_snapshot()`: the next transaction id and those in
 * flight). Any committed write anywhere since moves it, whoever made it (the API, a worker, SQL by
 * hand), so a figure worked out after reading it is never older than the last change while it reads
 * the same. Reads write nothing, so they keep it still.
 */
export async function databaseSnapshot(dataSource: DataSource): Promise<string> {
  const [{ snapshot }] = await dataSource.query<{ snapshot: string }[]>(
    'SELECT pg_current_snapshot()::text AS snapshot',
  );
  return snapshot;
}

/**
 * Values worked out once per key (a key carries the snapshot read before the work), the newest
 * `capacity` kept; a failed one is forgotten, not kept.
 */
export class SnapshotMemo<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 1) {}

  get(key: string, work: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) return known;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const value = work();
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
    return value;
  }
}
