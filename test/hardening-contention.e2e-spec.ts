import pg from 'pg';
import { TRANSACTION_ATTEMPTS } from '@app/database';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

/**
 * Issue 17: a transaction that loses a race in PostgreSQL (a real deadlock here, 40P01) is run again
 * by the data source, and only when it loses every attempt does the client see anything: a 503
 * problem with Retry-After and a stable code, never a 500, and nothing saved.
 *
 * How the deadlock is made: PATCH /api/v1/data-sharing-links/:id locks the link row, then updates
 * its supplier's figures. A second connection holds the supplier row; once the route waits for it,
 * that connection asks for the link row, closing the cycle. The route waited first, so PostgreSQL's
 * deadlock check (deadlock_timeout, 1 s) fires in the route's backend and aborts the route's transaction.
 */
describe('hardening: a deadlock is retried, then answered 503', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let supplierId: string;
  let linkId: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    api.clock.freeze('2026-11-28T10:00:00Z');
    const post = (url: string, payload: object) =>
      api.request({ method: 'POST', url, headers: buyer.headers, payload });
    supplierId = (
      await post('/api/v1/suppliers', { name: 'Lockstep Analytics', kind: 'supplier', criticality: 'moderate' })
    ).json().id;
    const asset = (
      await post('/api/v1/data-assets', {
        name: 'Outpatient extract',
        classification: 'personal',
        categories: ['demographics'],
        recordCount: 20_000,
      })
    ).json();
    const link = await post('/api/v1/data-sharing-links', {
      supplierId,
      dataAssetId: asset.id,
      purpose: 'Waiting list analytics',
      direction: 'outbound',
      recordCount: 20_000,
      pseudonymisation: 'identifiable',
      article6Basis: 'public_task',
      confidentialityBasis: 'direct_care',
      agreementType: 'DPA',
      agreementRef: 'DPA-1',
      transferMethod: 'sftp',
      processingLocation: 'uk',
      startDate: '2026-01-01',
      reviewDate: '2027-01-01',
      status: 'active',
    });
    expect(link.statusCode).toBe(201);
    linkId = link.json().id;
  }, 60_000);
  afterAll(() => api?.close());

  /** A second connection that holds the supplier row, as another transaction of the product would. */
  async function holdSupplier(): Promise<pg.Client> {
    const other = new pg.Client({ connectionString: api.databaseUrl });
    await other.connect();
    // The backend that waits longest before checking for a deadlock is never its victim: the route's
    // (1 s, the server's default) always checks first, on any load, so the route is the one aborted.
    await other.query("SET deadlock_timeout = '20s'");
    await other.query('BEGIN');
    await other.query('SELECT id FROM supplier WHERE id = $1 FOR UPDATE', [supplierId]);
    return other;
  }

  /** Waits until another backend of this database is waiting for a lock (the route, on the supplier row). */
  async function routeWaitsForLock(other: pg.Client): Promise<void> {
    const pid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    for (let tries = 0; tries < 200; tries++) {
      const rows = await query<{ n: string }>(
        api.databaseUrl,
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
        [pid],
      );
      if (Number(rows[0].n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the route never waited for the supplier row');
  }

  /**
   * Closes the cycle once: asks for the link row the route holds, inside a savepoint. PostgreSQL
   * aborts the route (the deadlock victim); the savepoint's rollback then lets the link row go
   * again while the supplier row stays held, so the route's next attempt meets the same cycle.
   */
  async function deadlockOnce(other: pg.Client): Promise<void> {
    await routeWaitsForLock(other);
    await other.query('SAVEPOINT cycle');
    await other.query('SELECT id FROM data_sharing_link WHERE id = $1 FOR UPDATE', [linkId]);
    await other.query('ROLLBACK TO SAVEPOINT cycle');
  }

  const deadlocks = async () =>
    Number(
      (
        await query<{ n: string }>(
          api.databaseUrl,
          'SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()',
        )
      )[0].n,
    );
  async function deadlocksReach(count: number): Promise<number> {
    for (let tries = 0; tries < 100 && (await deadlocks()) < count; tries++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    return deadlocks();
  }
  const stored = async () =>
    (
      await query<{ agreement_ref: string }>(
        api.databaseUrl,
        'SELECT agreement_ref FROM data_sharing_link WHERE id = $1',
        [linkId],
      )
    )[0].agreement_ref;
  const audited = async (ref: string) =>
    (
      await query(
        api.databaseUrl,
        "SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'data_sharing_link.updated' AND changes::text LIKE $2",
        [linkId, `%"${ref}"%`],
      )
    ).length;

  it('runs a transaction that was the victim of a real deadlock again, and the client sees only its success', async () => {
    const before = await deadlocks();
    const other = await holdSupplier();
    try {
      const answer = api.request({
        method: 'PATCH',
        url: `/api/v1/data-sharing-links/${linkId}`,
        headers: buyer.headers,
        payload: { agreementRef: 'DPA-2' },
      });
      await deadlockOnce(other);
      // The route's next attempt waits for the supplier row again: let it go.
      await routeWaitsForLock(other);
      await other.query('COMMIT');
      const res = await answer;
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: linkId, agreementRef: 'DPA-2' });
    } finally {
      await other.end();
    }
    expect(await deadlocksReach(before + 1)).toBe(before + 1);
    expect(await stored()).toBe('DPA-2');
    expect(await audited('DPA-2')).toBe(1);
  }, 30_000);

  it(`answers a 503 problem with Retry-After, never a 500, when all ${TRANSACTION_ATTEMPTS} attempts lose, and saves nothing`, async () => {
    const before = await deadlocks();
    const other = await holdSupplier();
    let res;
    try {
      const answer = api.request({
        method: 'PATCH',
        url: `/api/v1/data-sharing-links/${linkId}`,
        headers: buyer.headers,
        payload: { agreementRef: 'DPA-3' },
      });
      for (let attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt++) await deadlockOnce(other);
      res = await answer;
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ status: 503, code: 'SERVICE.CONTENTION', title: 'Service unavailable' });
    expect(res.body).not.toMatch(/deadlock|SELECT|UPDATE/i);
    expect(await deadlocksReach(before + TRANSACTION_ATTEMPTS)).toBe(before + TRANSACTION_ATTEMPTS);
    expect(await stored()).toBe('DPA-2');
    expect(await audited('DPA-3')).toBe(0);
    // Sent again once the other transaction has finished, the same request succeeds.
    const again = await api.request({
      method: 'PATCH',
      url: `/api/v1/data-sharing-links/${linkId}`,
      headers: buyer.headers,
      payload: { agreementRef: 'DPA-3' },
    });
    expect(again.statusCode).toBe(200);
    expect(await stored()).toBe('DPA-3');
  }, 30_000);
});
