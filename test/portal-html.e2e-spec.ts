import { startTestApi, type TestApi } from './support/app.js';
import { signIn, type SignedIn } from './support/users.js';

/** The supplier pages as plain HTML forms (no JavaScript), and the limits on links. */
describe('supplier portal pages', () => {
  let api: TestApi;
  let buyer: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
  });
  afterAll(() => api.close());

  async function invite(name: string) {
    const supplier = await api.request({ method: 'POST', url: '/api/v1/suppliers', headers: buyer.headers, payload: { name, kind: 'supplier', criticality: 'low', status: 'active', contacts: [{ name: 'Kim', email: `kim.${Math.random().toString(36).slice(2)}@x.example`, role: 'primary' }] } });
    const sent = await api.request({ method: 'POST', url: '/api/v1/assessments', headers: buyer.headers, payload: { supplierId: supplier.json().id, dueDate: '2099-06-30' } });
    const token = sent.json().invitationUrl.split('/portal/i/')[1] as string;
    const start = await api.request({ method: 'POST', url: `/portal/i/${token}/start` });
    return { token, cookie: String(start.headers['set-cookie']).split(';')[0] };
  }
  const form = (cookie: string, url: string, fields: Record<string, string>) =>
    api.request({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

  it('saves a section posted as a form, and shows a typed script tag as text', async () => {
    const { cookie } = await invite('Forms Ltd');
    const saved = await form(cookie, '/portal/assessment/answers', { section: 'basics', 'q.LGV-01.value': 'yes', 'q.LGV-01.comment': '<script>alert(1)</script>', 'q.LGV-01.version': '0' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/portal/assessment?saved=1#section-basics');
    const page = await api.request({ method: 'GET', url: '/portal/assessment?saved=1', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('Your answers have been saved.');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('shows the newer answer instead of overwriting it when a form is stale', async () => {
    const { cookie, token } = await invite('Stale Forms Ltd');
    await api.request({ method: 'POST', url: '/portal/assessment/answers', headers: { authorization: `Bearer ${token}` }, payload: { answers: [{ code: 'LGV-01', value: 'partial', version: 0 }] } });
    const stale = await form(cookie, '/portal/assessment/answers', { section: 'basics', 'q.LGV-01.value': 'no', 'q.LGV-01.version': '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone saved newer answers');
    expect(stale.body).toMatch(/id="q-LGV-01-partial"[^>]*checked/);
  });

  it('lists what is missing in an error summary when a form submission is incomplete', async () => {
    const { cookie } = await invite('Incomplete Ltd');
    const res = await form(cookie, '/portal/assessment/submit', { name: 'Kim Lee', jobTitle: 'Director', confirmed: '1' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#q-LGV-01"');
    expect(res.body).toMatch(/<title>Error: /);
  });

  it('marks the session cookie Secure when the portal is served over https', async () => {
    // A second API process on the same database and secret, configured with an https public URL.
    const secure = await startTestApi({ PUBLIC_URL: 'https://assure.trust.nhs.test', DATABASE_URL: api.databaseUrl, JWT_SECRET: api.config.jwtSecret, LINK_SEALING_SECRET: api.config.linkSealingSecret });
    try {
      const supplier = await secure.request({ method: 'POST', url: '/api/v1/suppliers', headers: buyer.headers, payload: { name: 'Https Ltd', kind: 'supplier', criticality: 'low', status: 'active', contacts: [{ name: 'Kim', email: 'kim@https.example', role: 'primary' }] } });
      const sent = await secure.request({ method: 'POST', url: '/api/v1/assessments', headers: buyer.headers, payload: { supplierId: supplier.json().id, dueDate: '2099-06-30' } });
      expect(sent.json().invitationUrl).toMatch(/^https:\/\/assure\.trust\.nhs\.test\/portal\/i\//);
      const start = await secure.request({ method: 'POST', url: `/portal/i/${sent.json().invitationUrl.split('/portal/i/')[1]}/start` });
      expect(String(start.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally {
      await secure.close();
    }
  });

  it('rate limits attempts on one link', async () => {
    const { token } = await invite('Limited Ltd');
    // 30 attempts a minute per link (starting the session was one); each address has its own limit too.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await api.request({ method: 'GET', url: `/portal/i/${token}`, remoteAddress: `198.51.100.${i + 1}` })).statusCode);
    expect(statuses.slice(0, 29).every((s) => s === 200)).toBe(true);
    expect(statuses[29]).toBe(429);
  });
});
