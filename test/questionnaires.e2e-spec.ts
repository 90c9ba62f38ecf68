import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { signIn, type SignedIn } from './support/users.js';

const TINY = {
  key: 'cloud-hosting-addendum',
  version: 1,
  title: 'Cloud hosting addendum',
  sections: [
    {
      key: 'hosting',
      title: 'Hosting',
      questions: [
        {
          code: 'CLD-01',
          text: 'Is our data hosted in the UK?',
          type: 'yes_no',
          weight: 3,
          mappings: [{ framework: 'NCSC-CAF', ref: 'B3.a' }],
          recommendation: 'Host our data in the UK.',
        },
        {
          code: 'CLD-02',
          text: 'Which regions hold copies?',
          type: 'multi_choice',
          options: [
            { value: 'uk', label: 'UK' },
            { value: 'eu', label: 'EU' },
          ],
          showIf: { question: 'CLD-01', equals: 'no' },
        },
      ],
    },
  ],
};

const YAML = `
key: research-addendum
version: 2
title: Research addendum
sections:
  - key: tre
    title: Trusted research environment
    questions:
      - code: TRX-01
        text: Is our data analysed only inside a trusted research environment?
        type: yes_no_partial
        weight: 4
        critical: true
        mappings:
          - { framework: NCSC-CAF, ref: B3.c }
`;

describe('questionnaire catalogue', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    buyer = await signIn(api, 'procurement');
    viewer = await signIn(api, 'viewer');
  });
  afterAll(() => api.close());

  const importJson = (payload: object) =>
    api.request({ method: 'POST', url: '/api/v1/questionnaires', headers: buyer.headers, payload });
  const versions = async () =>
    Number((await query<{ n: string }>(api.databaseUrl, 'SELECT count(*) AS n FROM questionnaire_version'))[0].n);

  it('loads the four shipped question sets at start, once', async () => {
    const res = await api.request({ method: 'GET', url: '/api/v1/questionnaires', headers: viewer.headers });
    expect(res.statusCode).toBe(200);
    const keys = res.json().items.map((i: { key: string }) => i.key);
    expect(keys).toEqual([
      'incident-follow-up',
      'research-data-partner',
      'supplier-security-core',
      'supplier-security-lite',
    ]);
    expect(Object.keys(res.json().frameworks)).toContain('NCSC-CAF');
    // A second start finds them there and stores nothing more.
    const again = await startTestApi({ DATABASE_URL: api.databaseUrl });
    await again.close();
    expect(await versions()).toBe(4);
  });

  it('reads one version with its whole definition', async () => {
    // Version 2: issue 16's corrected mappings, split questions and new topics (version 1 is not shipped any more).
    const res = await api.request({
      method: 'GET',
      url: '/api/v1/questionnaires/supplier-security-core/versions/2',
      headers: viewer.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      key: 'supplier-security-core',
      version: 2,
      purpose: 'security',
      source: 'shipped',
      questionCount: expect.any(Number),
    });
    expect(res.json().questionCount).toBeGreaterThanOrEqual(40);
    expect(res.json().definition.sections[0].questions[0].code).toBe('GOV-01');
    expect(
      (
        await api.request({
          method: 'GET',
          url: '/api/v1/questionnaires/supplier-security-core/versions/9',
          headers: viewer.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('imports JSON: 201 when new, 200 when identical, 409 when the same version changes', async () => {
    const created = await importJson(TINY);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      key: 'cloud-hosting-addendum',
      version: 1,
      source: 'imported',
      questionCount: 2,
    });
    expect((await importJson(TINY)).statusCode).toBe(200);
    const changed = await importJson({ ...TINY, title: 'Cloud hosting addendum (edited)' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({
      code: 'QUESTIONNAIRE.VERSION_IMMUTABLE',
      errors: [{ path: 'version', message: expect.stringContaining('next free version is 2') }],
    });
    expect((await importJson({ ...TINY, version: 2, title: 'Cloud hosting addendum (edited)' })).statusCode).toBe(201);
    const [audit] = await query<{ actor_id: string }>(
      api.databaseUrl,
      "SELECT actor_id FROM audit_event WHERE entity_id = 'cloud-hosting-addendum@1'",
    );
    expect(audit.actor_id).toBe(buyer.id);
  });

  it('imports YAML', async () => {
    const res = await api.request({
      method: 'POST',
      url: '/api/v1/questionnaires',
      headers: { ...buyer.headers, 'content-type': 'application/yaml' },
      payload: YAML,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'research-addendum', version: 2, questionCount: 1 });
    const bad = await api.request({
      method: 'POST',
      url: '/api/v1/questionnaires',
      headers: { ...buyer.headers, 'content-type': 'application/yaml' },
      payload: 'key: [unclosed',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('rejects an invalid document whole, listing every problem with its path', async () => {
    const before = await versions();
    const res = await importJson({
      ...TINY,
      key: 'Bad Key',
      sections: [
        {
          ...TINY.sections[0],
          questions: [
            { ...TINY.sections[0].questions[0], options: [{ value: 'x', label: 'X' }], weight: 11 },
            { ...TINY.sections[0].questions[1], code: 'CLD-01' },
          ],
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'key',
      'sections[0].questions[0].options',
      'sections[0].questions[0].weight',
      'sections[0].questions[1].code',
      'sections[0].questions[1].showIf.question',
    ]);
    expect(await versions()).toBe(before);
    const xml = await api.request({
      method: 'POST',
      url: '/api/v1/questionnaires',
      headers: { ...buyer.headers, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(xml.statusCode).toBe(415);
  });

  it('refuses a mapping that cites an identifier its framework does not publish, with its path', async () => {
    const before = await versions();
    const question = {
      ...TINY.sections[0].questions[0],
      mappings: [
        { framework: 'NCSC-CAF', ref: 'B3.a' },
        { framework: 'NCSC-SUPPLY-CHAIN', ref: 'SC-13' },
        { framework: 'ISO27001-2022', ref: '5.38' },
      ],
    };
    const res = await importJson({
      ...TINY,
      key: 'unknown-mapping',
      sections: [{ ...TINY.sections[0], questions: [question] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: 'sections[0].questions[0].mappings[1].ref',
        message: expect.stringContaining('is not an identifier of NCSC-SUPPLY-CHAIN'),
      },
      {
        path: 'sections[0].questions[0].mappings[2].ref',
        message: expect.stringContaining('is not an identifier of ISO27001-2022 (ISO/IEC 27001:2022 Annex A)'),
      },
    ]);
    expect(await versions()).toBe(before);
    // The lists, with their pinned versions, are part of the catalogue.
    const catalogue = (
      await api.request({ method: 'GET', url: '/api/v1/questionnaires', headers: viewer.headers })
    ).json();
    expect(catalogue.frameworkIdentifiers['NCSC-CAF']).toMatchObject({
      version: expect.stringContaining('v3.2'),
      identifiers: expect.arrayContaining(['A1.a', 'D2.b', 'E1.a', 'E2.c', 'E3.b', 'E4.b']),
    });
    expect(catalogue.frameworkIdentifiers['NCSC-CAF'].version).toContain(
      'objective E (using and sharing information appropriately) that the Data Security and Protection Toolkit 2024-25',
    );
  });

  it('an incident questionnaire is never scored: weights, knock-outs and option scores are refused in it', async () => {
    const res = await importJson({
      key: 'incident-addendum',
      version: 1,
      title: 'Incident addendum',
      purpose: 'incident',
      sections: [
        {
          key: 'facts',
          title: 'Facts',
          questions: [
            {
              code: 'IAD-01',
              text: 'Was our data copied out?',
              type: 'single_choice',
              options: [
                { value: 'yes', label: 'Yes', score: 0 },
                { value: 'no', label: 'No' },
              ],
            },
            { code: 'IAD-02', text: 'Is the incident contained?', type: 'yes_no', weight: 3, critical: true },
          ],
        },
      ],
    });
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'sections[0].questions[0].options[0].score',
      'sections[0].questions[1].weight',
      'sections[0].questions[1].critical',
    ]);
    expect(
      (
        await importJson({
          key: 'incident-addendum',
          version: 1,
          title: 'Incident addendum',
          purpose: 'incident',
          sections: [
            {
              key: 'facts',
              title: 'Facts',
              questions: [
                {
                  code: 'IAD-01',
                  text: 'Was our data copied out?',
                  type: 'single_choice',
                  options: [
                    { value: 'yes', label: 'Yes' },
                    { value: 'no', label: 'No' },
                  ],
                },
              ],
            },
          ],
        })
      ).json(),
    ).toMatchObject({ purpose: 'incident' });
  });
});
