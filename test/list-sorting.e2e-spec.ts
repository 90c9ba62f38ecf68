import { startTestApi, type TestApi } from './support/app.js';
import { createSupplier } from './support/factories.js';
import { signIn, type SignedIn } from './support/users.js';

/** A questionnaire whose answers raise findings of three severities (critical, high, medium: settings' findingHighWeight 5). */
const SORT_TEST = {
  key: 'sort-test',
  version: 1,
  title: 'Sorting test',
  sections: [
    {
      key: 'main',
      title: 'Main',
      questions: [
        {
          code: 'ST-01',
          text: 'Do you keep offline backups?',
          type: 'yes_no',
          weight: 5,
          critical: true,
          recommendation: 'Keep offline backups.',
        },
        {
          code: 'ST-02',
          text: 'Do you encrypt our data at rest?',
          type: 'yes_no',
          weight: 10,
          recommendation: 'Encrypt at rest.',
        },
        {
          code: 'ST-03',
          text: 'Do you review access quarterly?',
          type: 'yes_no',
          weight: 1,
          recommendation: 'Review access quarterly.',
        },
      ],
    },
  ],
};

/**
 * `?sort=field` / `?sort=-field` on the lists that took paging only (api.md conventions): users,
 * assessments, notifications, incidents, findings and the audit trail. Each sorts both ways, and a
 * field it cannot sort by is a 400 naming `sort`.
 */
describe('sorting the lists', () => {
  let api: TestApi;
  let admin: SignedIn;
  let buyer: SignedIn;
  let governance: SignedIn;
  const suppliers: string[] = [];
  const assessments: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    api.clock.freeze('2026-11-30T09:00:00Z');
    admin = await signIn(api, 'admin');
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    for (const name of ['Alder Health', 'Birch Labs', 'Cedar Systems']) {
      suppliers.push(
        await createSupplier(api, buyer, {
          name,
          contacts: [{ name: 'Pat', email: `pat@${name.split(' ')[0].toLowerCase()}.example`, role: 'primary' }],
        }),
      );
    }
    // Sent in this order, due in another: Birch first, then Cedar, then Alder.
    for (const [i, dueDate] of ['2027-03-01', '2027-01-01', '2027-02-01'].entries()) {
      const sent = await call(buyer, 'POST', '/api/v1/assessments', { supplierId: suppliers[i], dueDate });
      expect(sent.statusCode).toBe(201);
      assessments.push(sent.json().id);
      api.clock.advance(60_000);
    }
  });
  afterAll(() => {
    api.clock.reset();
    return api.close();
  });

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  /** The list's items among `ids`, in the order the list gives them. */
  async function order(who: SignedIn, url: string, ids: string[], key = 'id'): Promise<string[]> {
    const res = await call(who, 'GET', url);
    expect(res.statusCode).toBe(200);
    return (res.json().items as Record<string, string>[]).map((item) => item[key]).filter((id) => ids.includes(id));
  }
  async function refusesUnknownField(who: SignedIn, url: string) {
    for (const sort of ['colour', '-colour']) {
      const res = await call(who, 'GET', `${url}${url.includes('?') ? '&' : '?'}sort=${sort}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors).toEqual([{ path: 'sort', message: expect.stringMatching(/^must be one of /) }]);
    }
  }

  it('users: by name or role, either way', async () => {
    const ids: string[] = [];
    for (const [name, role] of [
      ['Cedar Admin', 'admin'],
      ['Alder Viewer', 'viewer'],
      ['Birch Governance', 'governance'],
    ]) {
      const res = await call(admin, 'POST', '/api/v1/users', {
        email: `${name.split(' ')[0].toLowerCase()}@trust.nhs.test`,
        name,
        role,
        password: 'correct horse battery staple',
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const [cedar, alder, birch] = ids;
    expect(await order(admin, '/api/v1/users?sort=name', ids)).toEqual([alder, birch, cedar]);
    expect(await order(admin, '/api/v1/users?sort=-name', ids)).toEqual([cedar, birch, alder]);
    expect(await order(admin, '/api/v1/users?sort=-role', ids)).toEqual([alder, birch, cedar]); // viewer, governance, admin
    await refusesUnknownField(admin, '/api/v1/users');
  });

  it('assessments: by due date (the default) or when sent, either way', async () => {
    const [alder, birch, cedar] = assessments;
    expect(await order(buyer, '/api/v1/assessments?pageSize=200', assessments)).toEqual([birch, cedar, alder]);
    expect(await order(buyer, '/api/v1/assessments?pageSize=200&sort=-dueDate', assessments)).toEqual([
      alder,
      cedar,
      birch,
    ]);
    expect(await order(buyer, '/api/v1/assessments?pageSize=200&sort=createdAt', assessments)).toEqual([
      alder,
      birch,
      cedar,
    ]);
    expect(await order(buyer, '/api/v1/assessments?pageSize=200&sort=-createdAt', assessments)).toEqual([
      cedar,
      birch,
      alder,
    ]);
    await refusesUnknownField(buyer, '/api/v1/assessments');
  });

  it('notifications: newest first by default, oldest first when asked', async () => {
    const invitations = async (sort: string) => {
      const res = await call(buyer, 'GET', `/api/v1/notifications?pageSize=200${sort}`);
      expect(res.statusCode).toBe(200);
      const ids = (res.json().items as { refs: Record<string, string> }[])
        .map((n) => n.refs.assessmentId)
        .filter((id) => assessments.includes(id));
      return [...new Set(ids)];
    };
    const [alder, birch, cedar] = assessments;
    expect(await invitations('')).toEqual([cedar, birch, alder]);
    expect(await invitations('&sort=createdAt')).toEqual([alder, birch, cedar]);
    expect(await invitations('&sort=-createdAt')).toEqual([cedar, birch, alder]);
    await refusesUnknownField(buyer, '/api/v1/notifications');
  });

  it('incidents: by severity from low to critical, or the reverse', async () => {
    const ids: string[] = [];
    for (const [i, severity] of ['high', 'low', 'medium'].entries()) {
      const res = await call(governance, 'POST', '/api/v1/incidents', {
        supplierId: suppliers[i],
        summary: `Breach at supplier ${i}.`,
        detectedAt: api.clock.now().toISOString(),
        source: 'press',
        severity,
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
      api.clock.advance(60_000);
    }
    const [high, low, medium] = ids;
    expect(await order(governance, '/api/v1/incidents?sort=severity', ids)).toEqual([low, medium, high]);
    expect(await order(governance, '/api/v1/incidents?sort=-severity', ids)).toEqual([high, medium, low]);
    expect(await order(governance, '/api/v1/incidents?sort=detectedAt', ids)).toEqual([high, low, medium]);
    expect(await order(governance, '/api/v1/incidents', ids)).toEqual([medium, low, high]); // newest first
    await refusesUnknownField(governance, '/api/v1/incidents');
  });

  it('findings: most serious first by default, or by severity from low to critical', async () => {
    expect((await call(buyer, 'POST', '/api/v1/questionnaires', SORT_TEST)).statusCode).toBe(201);
    const supplierId = await createSupplier(api, buyer, {
      name: 'Damson Care',
      contacts: [{ name: 'Pat', email: 'pat@damson.example', role: 'primary' }],
    });
    const sent = await call(buyer, 'POST', '/api/v1/assessments', {
      supplierId,
      questionnaireKey: 'sort-test',
      dueDate: '2027-01-12',
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (url: string, payload: object) =>
      api.request({
        method: 'POST',
        url,
        payload,
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      });
    expect(
      (
        await portal('/portal/assessment/answers', {
          answers: ['ST-01', 'ST-02', 'ST-03'].map((code) => ({ code, value: 'no', version: 0 })),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await portal('/portal/assessment/submit', {
          attestation: { name: 'Pat Doe', jobTitle: 'IT Director', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(buyer, 'POST', `/api/v1/assessments/${sent.json().id}/complete`)).statusCode).toBe(200);
    const severities = async (sort: string) => {
      const res = await call(governance, 'GET', `/api/v1/findings?supplierId=${supplierId}${sort}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as { questionCode: string; severity: string }[]).map(
        (f) => `${f.questionCode} ${f.severity}`,
      );
    };
    expect(await severities('')).toEqual(['ST-01 critical', 'ST-02 high', 'ST-03 medium']);
    expect(await severities('&sort=-severity')).toEqual(['ST-01 critical', 'ST-02 high', 'ST-03 medium']);
    expect(await severities('&sort=severity')).toEqual(['ST-03 medium', 'ST-02 high', 'ST-01 critical']);
    await refusesUnknownField(governance, '/api/v1/findings');
  });

  it('audit trail: newest first by default, in the order recorded when asked', async () => {
    const entityId = await createSupplier(api, buyer, {
      name: 'Elm Partners',
      contacts: [{ name: 'Pat', email: 'pat@elm.example', role: 'primary' }],
    });
    for (const notes of ['First review booked.', 'Second review booked.']) {
      api.clock.advance(60_000);
      expect((await call(buyer, 'PATCH', `/api/v1/suppliers/${entityId}`, { notes })).statusCode).toBe(200);
    }
    const ids = async (sort: string) => {
      const res = await call(governance, 'GET', `/api/v1/audit-events?entityId=${entityId}${sort}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as { id: string; action: string }[]).map((e) => e.action);
    };
    const recorded = await ids('&sort=occurredAt');
    expect(recorded).toEqual(['supplier.created', 'supplier.updated', 'supplier.updated']);
    expect(await ids('&sort=-occurredAt')).toEqual([...recorded].reverse());
    expect(await ids('')).toEqual([...recorded].reverse());
    await refusesUnknownField(governance, '/api/v1/audit-events');
  });
});
