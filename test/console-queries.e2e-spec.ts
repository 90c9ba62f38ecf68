import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CONSOLE_COOKIE, UsersService } from '@app/identity';
import { seed } from '../bench/seed.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { PASSWORD } from './support/users.js';

/**
 * The console's busiest pages make a fixed number of SQL queries, whatever the register's size
 * (no query per row): counted through TypeORM's logger on registers of 12 and 30 suppliers (each
 * with contacts, links, assessments, findings and audit events), seeded as the bench seeds them.
 */
describe('console pages: SQL queries per page', () => {
  const apis: TestApi[] = [];
  afterAll(async () => {
    for (const api of apis) await api.close();
  });

  /** A register of `n` suppliers, an admin's console session on it, and a query counter. */
  async function register(n: number) {
    const api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    apis.push(api);
    await seed(api.databaseUrl, n);
    const admin = await api.app
      .get(UsersService)
      .create({ email: `admin-${n}@trust.nhs.test`, name: 'Admin', role: 'admin', password: PASSWORD });
    const sid = randomBytes(32).toString('base64url');
    await query(
      api.databaseUrl,
      "INSERT INTO console_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, 'csrf', now(), now(), now() + interval '1 hour')",
      [createHash('sha256').update(sid).digest('hex'), admin.id],
    );
    const [{ id: supplierId }] = await query<{ id: string }>(
      api.databaseUrl,
      'SELECT id FROM supplier ORDER BY name LIMIT 1',
    );
    const dataSource = api.app.get(DataSource);
    const logger = dataSource.logger;
    let count = 0;
    const counting = Object.assign(Object.create(logger) as typeof logger, {
      logQuery: (...args: Parameters<typeof logger.logQuery>) => {
        count++;
        return logger.logQuery(...args);
      },
    });
    Object.defineProperty(dataSource, 'logger', { value: counting, configurable: true });
    /**
     * Loads the page once (filling anything a page may cache), then three times more, and answers the
     * fewest queries of those three: the dashboard's figures are worked out again after any write in
     * the PostgreSQL cluster, and the test apps' own background work (the outbox sweeper, the other
     * register's app) may write between two loads.
     */
    const queriesOf = async (url: string) => {
      const first = await api.request({ method: 'GET', url, headers: { cookie: `${CONSOLE_COOKIE}=${sid}` } });
      expect(first.statusCode).toBe(200);
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        count = 0;
        const again = await api.request({ method: 'GET', url, headers: { cookie: `${CONSOLE_COOKIE}=${sid}` } });
        expect(again.statusCode).toBe(200);
        counts.push(count);
      }
      return Math.min(...counts);
    };
    const page = async (url: string) =>
      (await api.request({ method: 'GET', url, headers: { cookie: `${CONSOLE_COOKIE}=${sid}` } })).body;
    return { supplierId, queriesOf, page };
  }

  it('counts the same queries for 12 suppliers as for 30 on the dashboard, supplier list, supplier page, findings and audit trail', async () => {
    const small = await register(12);
    const large = await register(30);
    const pages = (supplierId: string) => ({
      dashboard: '/console',
      'supplier list': '/console/suppliers',
      'supplier page': `/console/suppliers/${supplierId}`,
      findings: '/console/findings',
      'audit trail': '/console/audit',
    });
    const counts: Record<string, [number, number]> = {};
    for (const [name, url] of Object.entries(pages(small.supplierId))) counts[name] = [await small.queriesOf(url), 0];
    for (const [name, url] of Object.entries(pages(large.supplierId))) counts[name][1] = await large.queriesOf(url);
    // The figures docs/scaling.md gives per page (a signed-in page's session check included).
    expect(counts).toEqual({
      dashboard: [EXPECTED.dashboard, EXPECTED.dashboard],
      'supplier list': [EXPECTED['supplier list'], EXPECTED['supplier list']],
      'supplier page': [EXPECTED['supplier page'], EXPECTED['supplier page']],
      findings: [EXPECTED.findings, EXPECTED.findings],
      'audit trail': [EXPECTED['audit trail'], EXPECTED['audit trail']],
    });
  }, 180_000);

  it('names the first 20 suppliers without a current DSPT on the dashboard and counts the rest, so that the page does not grow with the register', async () => {
    const { page } = await register(30);
    await query(apis[apis.length - 1].databaseUrl, 'DELETE FROM certification'); // no supplier has a DSPT
    const [{ n }] = await query<{ n: string }>(
      apis[apis.length - 1].databaseUrl,
      "SELECT count(DISTINCT l.supplier_id) AS n FROM data_sharing_link l WHERE l.status = 'active'",
    );
    const html = await page('/console');
    expect(html.match(/\/assurance#certifications"/g)).toHaveLength(20);
    expect(html).toContain(`<p class="nhsuk-body">${Number(n)} suppliers in all; the first 20 by name:</p>`);
    expect(html).toContain(
      `<li>and ${Number(n) - 20} more (the <a class="nhsuk-link" href="/console/report">committee pack</a> lists them all)</li>`,
    );
  }, 120_000);
});

/**
 * Each includes the session check (2: the session, its user). The dashboard's register-wide figures
 * are worked out once per change of the database (the second load reads them from memory after one
 * query for PostgreSQL's snapshot); the audit trail verifies only rows appended since its last walk.
 */
const EXPECTED = { dashboard: 6, 'supplier list': 4, 'supplier page': 24, findings: 4, 'audit trail': 8 };
