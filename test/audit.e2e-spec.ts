import { AuditTrail } from '@app/audit';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { runCompiled } from './support/processes.js';
import { signIn, type SignedIn } from './support/users.js';

describe('audit trail', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let supplierId: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: { ...buyer.headers, 'x-request-id': 'audit-test-request-1' },
      payload: { name: 'Audited Supplies Ltd', kind: 'supplier', criticality: 'moderate' },
      remoteAddress: '203.0.113.44',
    });
    supplierId = res.json().id;
    await api.request({
      method: 'PATCH',
      url: `/api/v1/suppliers/${supplierId}`,
      headers: buyer.headers,
      payload: { notes: 'Reviewed by procurement', criticality: 'moderate' },
    });
  });
  afterAll(() => api.close());

  it('records who, what, when, from where, and only the fields that changed', async () => {
    const res = await api.request({
      method: 'GET',
      url: `/api/v1/audit-events?entityType=supplier&entityId=${supplierId}`,
      headers: governance.headers,
    });
    expect(res.statusCode).toBe(200);
    const [update, create] = res.json().items;
    expect(create).toMatchObject({
      action: 'supplier.created',
      actorType: 'user',
      actorId: buyer.id,
      entityType: 'supplier',
      entityId: supplierId,
      requestId: 'audit-test-request-1',
      ip: '203.0.113.44',
      occurredAt: expect.stringMatching(/Z$/),
    });
    expect(create.changes.name).toEqual({ before: null, after: 'Audited Supplies Ltd' });
    expect(update.action).toBe('supplier.updated');
    expect(update.changes).toEqual({ notes: { before: null, after: 'Reviewed by procurement' } });
  });

  it('counts every event a filter selects when the page is full, the same as when it is not', async () => {
    const list = async (filter: string) =>
      (await api.request({ method: 'GET', url: `/api/v1/audit-events?${filter}`, headers: governance.headers })).json();
    for (const filter of [
      `entityType=supplier&entityId=${supplierId}`,
      'entityType=supplier',
      `actorId=${buyer.id}&from=2000-01-01`,
    ]) {
      const all = await list(`${filter}&pageSize=100`);
      expect(all.items.length).toBeGreaterThanOrEqual(2);
      expect(all.total).toBe(all.items.length);
      const first = await list(`${filter}&pageSize=1`);
      expect({ filter, items: first.items.length, total: first.total }).toEqual({ filter, items: 1, total: all.total });
      const second = await list(`${filter}&pageSize=1&page=2`);
      expect({ filter, total: second.total }).toEqual({ filter, total: all.total });
    }
  });

  it("counts the console's filters (an action's start, a period) the same on a full page as on a partial one", async () => {
    const trail = api.app.get(AuditTrail);
    const filter = {
      action: 'supplier.',
      from: new Date(api.clock.now().getTime() - 86_400_000),
      to: api.clock.now(),
    };
    const all = await trail.list({ ...filter, page: 1, pageSize: 100 });
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.items.every((e) => e.action.startsWith('supplier.'))).toBe(true);
    expect((await trail.list({ ...filter, page: 1, pageSize: 1 })).total).toBe(all.items.length);
    expect((await trail.list({ ...filter, page: 2, pageSize: 1 })).total).toBe(all.items.length);
  });

  it("counts the whole trail from the chain's head, the same as counting every event, after every append", async () => {
    const total = async () =>
      (
        await api.request({ method: 'GET', url: '/api/v1/audit-events?pageSize=1&page=2', headers: governance.headers })
      ).json().total;
    const counted = async () =>
      Number((await query<{ n: string }>(api.databaseUrl, 'SELECT count(*) AS n FROM audit_event'))[0].n);
    expect(await total()).toBe(await counted());
    const before = await counted();
    await api.request({
      method: 'PATCH',
      url: `/api/v1/suppliers/${supplierId}`,
      headers: buyer.headers,
      payload: { notes: 'Counted again' },
    });
    expect(await counted()).toBe(before + 1);
    expect(await total()).toBe(before + 1);
  });

  it('filters by actor and time, and refuses a bad date', async () => {
    const byActor = await api.request({
      method: 'GET',
      url: `/api/v1/audit-events?actorId=${buyer.id}`,
      headers: governance.headers,
    });
    expect(byActor.json().items.every((e: { actorId: string }) => e.actorId === buyer.id)).toBe(true);
    expect(byActor.json().total).toBeGreaterThanOrEqual(2);
    const future = await api.request({
      method: 'GET',
      url: '/api/v1/audit-events?from=2999-01-01',
      headers: governance.headers,
    });
    expect(future.json()).toMatchObject({ items: [], total: 0 });
    const bad = await api.request({
      method: 'GET',
      url: '/api/v1/audit-events?from=yesterday',
      headers: governance.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('from');
  });

  it('never records a password', async () => {
    const rows = await query<{ changes: unknown }>(
      api.databaseUrl,
      "SELECT changes FROM audit_event WHERE entity_type = 'user'",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('correct horse');
    expect(JSON.stringify(rows)).not.toContain('argon2');
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(query(api.databaseUrl, "UPDATE audit_event SET action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(query(api.databaseUrl, 'DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(query(api.databaseUrl, 'TRUNCATE audit_event')).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain with the CLI, and finds the first row altered behind its back', async () => {
    const good = await runCli(['audit:verify']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/audit chain verified: \d+ rows, no break/);

    const [victim] = await query<{ id: string }>(
      api.databaseUrl,
      "SELECT id FROM audit_event WHERE action = 'supplier.updated' AND entity_id = $1",
      [supplierId],
    );
    await query(
      api.databaseUrl,
      `BEGIN; ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change;
       UPDATE audit_event SET changes = '{"notes":{"before":null,"after":"nothing to see"}}' WHERE id = ${Number(victim.id)};
       ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change; COMMIT;`,
    );
    const broken = await runCli(['audit:verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`audit chain BROKEN at row ${victim.id}: content does not match its hash`);
  });

  it('creates users and resets passwords from the CLI, audited as the CLI', async () => {
    const created = await runCli([
      'user:create',
      '--email',
      'cli.user@trust.nhs.test',
      '--name',
      'Cli User',
      '--role',
      'governance',
      '--password',
      'cli-password-123',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created governance cli.user@trust.nhs.test');
    const login = (password: string) =>
      api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'cli.user@trust.nhs.test', password },
        remoteAddress: '192.0.2.200',
      });
    expect((await login('cli-password-123')).statusCode).toBe(200);
    const reset = await runCli([
      'user:reset-password',
      '--email',
      'cli.user@trust.nhs.test',
      '--password',
      'new-cli-password-456',
    ]);
    expect(reset.code).toBe(0);
    expect((await login('cli-password-123')).statusCode).toBe(401);
    expect((await login('new-cli-password-456')).statusCode).toBe(200);
    const badRole = await runCli([
      'user:create',
      '--email',
      'x@trust.nhs.test',
      '--role',
      'boss',
      '--password',
      'long-enough-pw',
    ]);
    expect(badRole.code).not.toBe(0);
    const [row] = await query<{ actor_type: string; actor_id: string }>(
      api.databaseUrl,
      "SELECT actor_type, actor_id FROM audit_event WHERE action = 'user.password_reset'",
    );
    expect(row).toEqual({ actor_type: 'system', actor_id: 'cli' });
  });

  function runCli(args: string[]) {
    return runCompiled('apps/cli/src/main.js', { DATABASE_URL: api.databaseUrl }, 60_000, args);
  }
});
