import { addDays } from '@app/platform';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { freePort } from '@dev/embedded';
import { CSV_MAX_ROWS } from '@app/suppliers';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

const PROBLEM = 'application/problem+json; charset=utf-8';
const CSV_HEADER =
  'name,kind,criticality,companiesHouseNumber,primaryContactName,primaryContactEmail,primaryContactPhone';

/** Bad input of every class answers a 4xx problem, never a 500 (issue 17: "no 500 for any input"). */
describe('hardening: bad input is refused at the edge', () => {
  let api: TestApi;
  let port: number;
  let buyer: SignedIn;
  let admin: SignedIn;
  let token: string;

  beforeAll(async () => {
    port = await freePort();
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '100000' });
    await api.app.listen({ port, host: '127.0.0.1' });
    buyer = await signIn(api, 'procurement');
    admin = await signIn(api, 'admin');
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Edge Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Eve', email: 'eve@edge.example', role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: {
        supplierId: supplier.json().id,
        questionnaireKey: 'supplier-security-lite',
        dueDate: addDays(api.clock.today(), 60),
      },
    });
    token = sent.json().invitationUrl.split('/portal/i/')[1];
  }, 60_000);
  afterAll(() => api?.close());

  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json: () => { errors?: unknown } },
    status: number,
    path?: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe(PROBLEM);
    if (path !== undefined)
      expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  };

  it('refuses a NUL character in JSON, a query string, a form and the portal, naming the field', async () => {
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/api/v1/suppliers',
        headers: buyer.headers,
        payload: { name: 'A\u0000B', kind: 'supplier', criticality: 'low' },
      }),
      400,
      'name',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/api/v1/suppliers',
        headers: buyer.headers,
        payload: {
          name: 'Ok Ltd',
          kind: 'supplier',
          criticality: 'low',
          contacts: [{ name: 'X\u0000', email: 'x@ok.example', role: 'primary' }],
        },
      }),
      400,
      'contacts[0].name',
    );
    expectProblem(
      await api.request({ method: 'GET', url: '/api/v1/suppliers?q=%00', headers: buyer.headers }),
      400,
      'q',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/console/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a%00b%40trust.nhs.test&password=x',
      }),
      400,
      'email',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/portal/assessment/answers',
        headers: { authorization: `Bearer ${token}` },
        payload: { answers: [{ code: 'LIT-01', value: 'yes', comment: 'a\u0000b', version: 0 }] },
      }),
      400,
      'answers[0].comment',
    );
    expectProblem(
      await api.request({ method: 'GET', url: '/api/v1/suppliers/%00', headers: buyer.headers }),
      400,
      'id',
    );
  });

  it('refuses a lone surrogate, in a value or a field name', async () => {
    const body = '{"answers":[{"code":"LIT-01","value":"yes","comment":"\\ud800","version":0}]}';
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/portal/assessment/answers',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: body,
      }),
      400,
      'answers[0].comment',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/api/v1/suppliers',
        headers: { ...buyer.headers, 'content-type': 'application/json' },
        payload: '{"\\udc00":1}',
      }),
      400,
      '\udc00',
    );
  });

  it('refuses integers past their column on every list, the catalogue and answers, and dates out of range', async () => {
    const lists = [
      '/api/v1/users',
      '/api/v1/suppliers',
      '/api/v1/data-assets',
      '/api/v1/data-sharing-links',
      '/api/v1/assessments',
      '/api/v1/findings',
      '/api/v1/notifications',
      '/api/v1/audit-events',
      '/api/v1/incidents',
    ];
    for (const url of lists)
      expectProblem(
        await api.request({ method: 'GET', url: `${url}?page=1000000000000000000`, headers: admin.headers }),
        400,
        'page',
      );
    expectProblem(
      await api.request({
        method: 'GET',
        url: '/api/v1/questionnaires/x/versions/99999999999',
        headers: buyer.headers,
      }),
      400,
      'version',
    );
    expectProblem(
      await api.request({ method: 'GET', url: '/api/v1/audit-events?from=-271821-04-20', headers: admin.headers }),
      400,
      'from',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/portal/assessment/answers',
        headers: { authorization: `Bearer ${token}` },
        payload: { answers: [{ code: 'LIT-01', value: 'yes', version: 2147483648 }] },
      }),
      400,
      'answers[0].version',
    );
  });

  it('answers the console list pages past their end with a 400 page, not a 500', async () => {
    const login = await api.request({ method: 'GET', url: '/console/login' });
    const loginCookie = String(login.headers['set-cookie'] ?? '').split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
    const signedIn = await api.request({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      payload: new URLSearchParams({
        email: admin.email,
        password: 'correct horse battery staple',
        _csrf: csrf,
      }).toString(),
    });
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
    for (const url of ['/console/suppliers', '/console/audit']) {
      const res = await api.request({ method: 'GET', url: `${url}?page=1000000000000000000`, headers: { cookie } });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('page must be a whole number');
    }
  });

  it('refuses JSON nested 3,000 levels deep before parsing it, on the login route and elsewhere', async () => {
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: deep,
      }),
      400,
      'body',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/api/v1/suppliers',
        headers: { ...buyer.headers, 'content-type': 'application/json' },
        payload: '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
      }),
      400,
      'body',
    );
    // Brackets inside strings are text, not depth.
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ email: 'a@b.nhs.uk', password: '['.repeat(100) }),
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers a broken multipart body with a 400 (evidence upload and the console import)', async () => {
    const headers = { authorization: `Bearer ${token}` };
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/portal/assessment/evidence',
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=xyz' },
        payload: '--xyz\r\nContent-Disposition: form-data; name="question"\r\n\r\nLIT-01',
      }),
      400,
      'body',
    );
    expectProblem(
      await api.request({
        method: 'POST',
        url: '/portal/assessment/evidence',
        headers: { ...headers, 'content-type': 'multipart/form-data' },
        payload: 'garbage',
      }),
      400,
    );
  });

  it('answers malformed URL encoding and oversized headers with problem details', async () => {
    expectProblem(await api.request({ method: 'GET', url: '/api/v1/suppliers/%E0%A4%A', headers: buyer.headers }), 400);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain(`Content-Type: ${PROBLEM}`);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      title: 'Request headers too large',
    });
  });

  it('answers ten parallel creates with one unique value with one 201 and nine 409s naming the field', async () => {
    const users = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.request({
          method: 'POST',
          url: '/api/v1/users',
          headers: admin.headers,
          payload: {
            email: 'twin@trust.nhs.test',
            name: 'Twin',
            role: 'viewer',
            password: 'correct horse battery staple',
          },
        }),
      ),
    );
    expect(users.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const res of users.filter((r) => r.statusCode === 409)) expectProblem(res, 409, 'email');
    const suppliers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.request({
          method: 'POST',
          url: '/api/v1/suppliers',
          headers: buyer.headers,
          payload: { name: 'Twin Ltd', kind: 'supplier', criticality: 'low', companiesHouseNumber: '07654321' },
        }),
      ),
    );
    expect(suppliers.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const res of suppliers.filter((r) => r.statusCode === 409)) expectProblem(res, 409, 'companiesHouseNumber');
    expect(
      await query(api.databaseUrl, "SELECT id FROM supplier WHERE companies_house_number = '07654321'"),
    ).toHaveLength(1);
  });

  it('refuses a CSV import past 10 MB with a 413 (declared or streamed) and past the row limit, storing nothing', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 'a');
    const declared = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers/import',
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: big,
    });
    expectProblem(declared, 413);
    expect(declared.json().detail).toContain('at most 10 MB');

    // Streamed without a length (chunked), over a real connection: the client still reads the 413.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/suppliers/import',
          headers: { ...buyer.headers, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // One endless quoted cell: the parser would hold it all; the byte limit stops it at 10 MB.
      req.write(`${CSV_HEADER}\n"`);
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 12; i++) req.write(chunk);
      req.end();
    });
    expect(streamed.status).toBe(413);

    // Five good rows first (stored in the import's transaction), then rows refused by validation alone (quick to check).
    const rows = Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) =>
      i < 5 ? `Many ${i} Ltd,supplier,low,,,,` : `Bad ${i},nope,low,,,,`,
    ).join('\n');
    const tooMany = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers/import',
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: `${CSV_HEADER}\n${rows}\n`,
    });
    expectProblem(tooMany, 413);
    expect(tooMany.json().detail).toContain('at most 10,000 rows');
    expect(await query(api.databaseUrl, "SELECT id FROM supplier WHERE name LIKE 'Many %'")).toHaveLength(0);
  }, 180_000);

  it("refuses NUL in a CSV cell as that row's problem, by column", async () => {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers/import',
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: `${CSV_HEADER}\nNul\u0000 Ltd,supplier,low,,,,\n`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({
      status: 'invalid',
      errors: expect.arrayContaining([{ path: 'name', message: expect.stringContaining('NUL') }]),
    });
  });

  it('imports back what it exported: phones starting with + survive the formula protection', async () => {
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Roundtrip Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        notes: "'=already quoted",
        contacts: [{ name: 'Ro', email: 'ro@roundtrip.example', phone: '+44 20 7946 0000', role: 'primary' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const csv = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers?format=csv&q=Roundtrip',
      headers: buyer.headers,
    });
    expect(csv.body).toContain("'+44 20 7946 0000");
    expect(csv.body).toContain("''=already quoted");
    const back = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers/import',
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: csv.body,
    });
    expect(back.json()).toMatchObject({ invalid: 0, unchanged: 1 });
    const after = await api.request({
      method: 'GET',
      url: `/api/v1/suppliers/${created.json().id}`,
      headers: buyer.headers,
    });
    expect(after.json().contacts[0].phone).toBe('+44 20 7946 0000');
    expect(after.json().notes).toBe("'=already quoted");
  });

  it('marks the login answer and every signed-in JSON answer no-store', async () => {
    const login = await api.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@trust.nhs.test', password: 'x' },
    });
    expect(login.headers['cache-control']).toBe('no-store');
    expect(
      (await api.request({ method: 'GET', url: '/api/v1/suppliers', headers: buyer.headers })).headers['cache-control'],
    ).toBe('no-store');
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/portal/assessment',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        })
      ).headers['cache-control'],
    ).toBe('no-store');
  });
});
