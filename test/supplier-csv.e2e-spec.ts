import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

const HEADER =
  'name,kind,companiesHouseNumber,odsCode,ukprn,website,services,criticality,status,tags,notes,primaryContactName,primaryContactEmail,primaryContactPhone,securityContactName,securityContactEmail';

describe('supplier CSV import and export', () => {
  let api: TestApi;
  let buyer: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
  });
  afterAll(() => api.close());

  const upload = (csv: string, dryRun = false) =>
    api.request({
      method: 'POST',
      url: `/api/v1/suppliers/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
  const count = async () =>
    Number((await query<{ n: string }>(api.databaseUrl, 'SELECT count(*) AS n FROM supplier'))[0].n);

  const file = [
    HEADER,
    'Eastfield University,university,,,10001234,https://eastfield.example,Trauma research,moderate,active,research;university,,Prof Kim,kim@eastfield.example,,,',
    'Bad Kind Ltd,vendor,,,,,,low,,,,,,,,',
    'Harbour Pathology LLP,supplier,OC123456,,,,Pathology,critical,active,pathology,,Dana Cole,dana@harbour.example,+44 1632 960000,Sec Team,not-an-email',
    '"Quoted, Name Ltd",supplier,12345678,,,,"Services, with comma",low,onboarding,,"multi',
    'line note",,,,,',
    'Active No Primary Ltd,supplier,,,,,,low,active,,,,,,Sec,sec@np.example',
  ].join('\n');

  it('dry run reports each row and stores nothing', async () => {
    const before = await count();
    const res = await upload(file, true);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, rows: 5, created: 2, invalid: 3 });
    expect(await count()).toBe(before);
  });

  it('stores the valid rows and reports the invalid ones with line numbers and columns', async () => {
    const before = await count();
    const res = await upload(file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: false, rows: 5, created: 2, updated: 0, invalid: 3 });
    expect(body.results).toEqual([
      { line: 2, status: 'created', supplierId: expect.any(String), name: 'Eastfield University' },
      {
        line: 3,
        status: 'invalid',
        name: 'Bad Kind Ltd',
        errors: [{ path: 'kind', message: expect.stringContaining('must be one of') }],
      },
      {
        line: 4,
        status: 'invalid',
        name: 'Harbour Pathology LLP',
        errors: [{ path: 'securityContactEmail', message: 'must be an email address' }],
      },
      { line: 6, status: 'created', supplierId: expect.any(String), name: 'Quoted, Name Ltd' },
      {
        line: 7,
        status: 'invalid',
        name: 'Active No Primary Ltd',
        errors: [{ path: 'contacts', message: expect.stringContaining('primary') }],
      },
    ]);
    expect(await count()).toBe(before + 2);
    const [quoted] = await query<{ services: string; notes: string }>(
      api.databaseUrl,
      "SELECT services, notes FROM supplier WHERE name = 'Quoted, Name Ltd'",
    );
    expect(quoted).toEqual({ services: 'Services, with comma', notes: 'multi\nline note' });
  });

  it('upserts by identifier, then by exact name, and says which rows were unchanged', async () => {
    const res = await upload(
      [
        HEADER,
        'Eastfield University (renamed),university,,,10001234,https://eastfield.example,Trauma research,high,active,research,,Prof Kim,kim@eastfield.example,,,',
        '"Quoted, Name Ltd",supplier,12345678,,,,"Services, with comma",low,onboarding,,"multi',
        'line note",,,,,',
      ].join('\n'),
    );
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['updated', 'unchanged']);
    const [eastfield] = await query<{ name: string; criticality: string; tier: number }>(
      api.databaseUrl,
      "SELECT name, criticality, tier FROM supplier WHERE ukprn = '10001234'",
    );
    expect(eastfield).toEqual({ name: 'Eastfield University (renamed)', criticality: 'high', tier: 2 });
  });

  it('flags a row that repeats an identifier of an earlier row', async () => {
    const res = await upload(
      [HEADER, 'Twin A Ltd,supplier,11112222,,,,,low,,,,,,,,', 'Twin B Ltd,supplier,11112222,,,,,low,,,,,,,,'].join(
        '\n',
      ),
    );
    expect(res.json().results[1]).toEqual({
      line: 3,
      status: 'invalid',
      name: 'Twin B Ltd',
      errors: [{ path: 'companiesHouseNumber', message: 'repeats line 2 of this file' }],
    });
  });

  it('refuses an unknown column or a missing required one, storing nothing', async () => {
    const before = await count();
    const res = await upload('name,kind,colour\nX Ltd,supplier,red');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['header.colour', 'header.criticality']);
    expect(await count()).toBe(before);
  });

  it('refuses a body that is not CSV (415) and malformed CSV (400)', async () => {
    const json = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers/import',
      headers: buyer.headers,
      payload: { name: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const broken = await upload(`${HEADER}\n"Unclosed quote,supplier`);
    expect(broken.statusCode).toBe(400);
  });

  it('exports the register as CSV that imports back unchanged', async () => {
    const res = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers?format=csv&sort=name',
      headers: buyer.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toMatch(/^name,kind,companiesHouseNumber,odsCode,ukprn,/);
    expect(res.body).toContain('Eastfield University (renamed)');
    const again = await upload(res.body);
    expect(again.statusCode).toBe(200);
    expect(again.json().results.every((r: { status: string }) => r.status === 'unchanged')).toBe(true);
  });

  it('imports a 10,000-row file in one request', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 10_000; i++) {
      const n = String(i).padStart(5, '0');
      rows.push(
        `Bulk Supplier ${n} Ltd,supplier,BK0${n},,,,Office supplies,low,active,bulk,,Contact ${n},c${n}@bulk.example,,,`,
      );
    }
    const started = Date.now();
    const res = await upload(rows.join('\n'));
    const seconds = (Date.now() - started) / 1000;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 10_000, created: 10_000, invalid: 0 });
    const [{ n }] = await query<{ n: string }>(
      api.databaseUrl,
      "SELECT count(*) AS n FROM supplier WHERE 'bulk' = ANY(tags)",
    );
    expect(Number(n)).toBe(10_000);
    console.log(`10,000-row CSV import: ${seconds.toFixed(1)} s`);
  }, 300_000);
});
