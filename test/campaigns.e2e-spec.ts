import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

describe('assessment campaigns', () => {
  let api: TestApi;
  let buyer: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    api.clock.freeze('2026-11-28T09:00:00Z');
  });
  afterAll(() => api.close());

  const campaign = (payload: object) =>
    api.request({ method: 'POST', url: '/api/v1/assessments/campaigns', headers: buyer.headers, payload });
  const importCsv = (csv: string) =>
    api.request({
      method: 'POST',
      url: '/api/v1/suppliers/import',
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: csv,
    });

  it('sends to a list, skipping each supplier it cannot send to with the reason', async () => {
    await importCsv(
      [
        'name,kind,criticality,status,tags,primaryContactName,primaryContactEmail',
        'Camp One Ltd,supplier,low,active,camp,One,one@camp.example',
        'Camp Two Ltd,supplier,low,active,camp,Two,two@camp.example',
        'Camp NoContact Ltd,supplier,low,onboarding,camp,,',
      ].join('\n'),
    );
    const ids = await query<{ id: string; name: string }>(
      api.databaseUrl,
      "SELECT id, name FROM supplier WHERE name LIKE 'Camp %' ORDER BY name",
    );
    const byName = Object.fromEntries(ids.map((r) => [r.name, r.id]));
    const unknown = '6f1c1d2e-0000-4000-8000-000000000001';
    const first = await campaign({
      questionnaireKey: 'supplier-security-lite',
      dueDate: '2027-01-15',
      supplierIds: [byName['Camp One Ltd'], byName['Camp NoContact Ltd'], unknown],
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      sent: 1,
      assessments: [{ supplierId: byName['Camp One Ltd'], invitationUrl: expect.stringMatching(/\/portal\/i\//) }],
    });
    expect(first.json().skipped).toEqual(
      expect.arrayContaining([
        { supplierId: byName['Camp NoContact Ltd'], name: 'Camp NoContact Ltd', reason: 'no primary contact' },
        { supplierId: unknown, name: null, reason: 'no such supplier' },
      ]),
    );
    // By filter: Camp One already has an open one of this questionnaire.
    const second = await campaign({
      questionnaireKey: 'supplier-security-lite',
      dueDate: '2027-01-15',
      filter: { tag: 'camp' },
    });
    expect(second.json().sent).toBe(1);
    expect(
      second
        .json()
        .skipped.map((s: { name: string; reason: string }) => `${s.name}: ${s.reason}`)
        .sort(),
    ).toEqual([
      'Camp NoContact Ltd: no primary contact',
      'Camp One Ltd: an open assessment of this questionnaire (sent)',
    ]);
    const token = second.json().assessments[0].invitationUrl.split('/portal/i/')[1];
    expect(
      (await api.request({ method: 'GET', url: `/portal/i/${token}`, headers: { accept: 'application/json' } })).json(),
    ).toMatchObject({ supplier: { name: 'Camp Two Ltd' } });
  });

  it('validates the request', async () => {
    const res = await campaign({
      questionnaireKey: 'supplier-security-lite',
      dueDate: '2025-01-01',
      supplierIds: ['not-a-uuid'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('supplierIds');
    const past = await campaign({
      questionnaireKey: 'supplier-security-lite',
      dueDate: '2026-11-01',
      filter: { tag: 'camp' },
    });
    expect(past.statusCode).toBe(422);
  });

  it('sends 5,000 in one request with set-based statements', async () => {
    const rows = ['name,kind,criticality,status,tags,primaryContactName,primaryContactEmail'];
    for (let i = 0; i < 5000; i++) rows.push(`Mass ${i} Ltd,supplier,low,active,mass,Contact ${i},c${i}@mass.example`);
    expect((await importCsv(rows.join('\n'))).json().created).toBe(5000);
    const started = Date.now();
    const res = await campaign({
      questionnaireKey: 'supplier-security-lite',
      dueDate: '2027-02-01',
      filter: { tag: 'mass' },
    });
    const ms = Date.now() - started;
    expect(res.statusCode).toBe(201);
    expect(res.json().sent).toBe(5000);
    const [counts] = await query<{ assessments: string; invitations: string; outbox: string }>(
      api.databaseUrl,
      `SELECT (SELECT count(*) FROM assessment a JOIN supplier s ON s.id = a.supplier_id WHERE 'mass' = ANY(s.tags)) AS assessments,
              (SELECT count(*) FROM assessment_invitation i JOIN assessment a ON a.id = i.assessment_id JOIN supplier s ON s.id = a.supplier_id WHERE 'mass' = ANY(s.tags)) AS invitations,
              (SELECT count(*) FROM outbox_message WHERE kind = 'assessment.invitation') AS outbox`,
    );
    expect(counts).toEqual({ assessments: '5000', invitations: '5000', outbox: '5002' });
    console.log(`campaign of 5,000: ${ms} ms`);
  }, 120_000);
});
