import { SendQuestionnaire } from '@app/assessments';
import { SuppliersService } from '@app/suppliers';
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
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [{ name: 'Kim', email: `kim.${Math.random().toString(36).slice(2)}@x.example`, role: 'primary' }],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, dueDate: '2099-06-30' },
    });
    const token = sent.json().invitationUrl.split('/portal/i/')[1] as string;
    const start = await api.request({ method: 'POST', url: `/portal/i/${token}/start` });
    const cookie = String(start.headers['set-cookie']).split(';')[0];
    const page = await api.request({ method: 'GET', url: '/portal/assessment', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    return { token, cookie, csrf };
  }
  /** A form post as the page makes it: with the session's CSRF token unless told otherwise. */
  const form = (
    session: { cookie: string; csrf: string },
    url: string,
    fields: Record<string, string>,
    csrf: string | null = session.csrf,
  ) =>
    api.request({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(csrf === null ? {} : { _csrf: csrf }) }).toString(),
    });

  it('saves a section posted as a form, and shows a typed script tag as text', async () => {
    const session = await invite('Forms Ltd');
    const { cookie } = session;
    const saved = await form(session, '/portal/assessment/answers', {
      intent: 'save:basics',
      'q.LGV-01.value': 'yes',
      'q.LGV-01.comment': '<script>alert(1)</script>',
      'q.LGV-01.version': '0',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/portal/assessment?saved=basics&n=1#notice');
    const page = await api.request({ method: 'GET', url: saved.headers.location as string, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('Your answers have been saved (1 changed).');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('shows the newer answer instead of overwriting it when a form is stale', async () => {
    const session = await invite('Stale Forms Ltd');
    await api.request({
      method: 'POST',
      url: '/portal/assessment/answers',
      headers: { authorization: `Bearer ${session.token}` },
      payload: { answers: [{ code: 'LGV-01', value: 'partial', version: 0 }] },
    });
    const stale = await form(session, '/portal/assessment/answers', {
      intent: 'save:basics',
      'q.LGV-01.value': 'no',
      'q.LGV-01.version': '0',
      'q.LGV-02.value': 'yes',
      'q.LGV-02.version': '0',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved a newer answer');
    expect(stale.body).toMatch(/id="q-LGV-01-partial"[^>]*checked/);
    expect(stale.body).toContain('You had typed: <strong>No</strong>');
    // The answer that was not stale is saved, not thrown away with the stale one.
    const json = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment',
        headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' },
      })
    ).json();
    expect(json.sections[0].questions.find((q: { code: string }) => q.code === 'LGV-02').answer).toMatchObject({
      value: 'yes',
      version: 1,
    });
  });

  it('lists what is missing in an error summary when a form submission is incomplete', async () => {
    const session = await invite('Incomplete Ltd');
    const res = await form(session, '/portal/assessment/submit', {
      name: 'Kim Lee',
      jobTitle: 'Director',
      confirmed: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#q-LGV-01-yes"');
    expect(res.body).toMatch(/<title>Error: /);
  });

  it("refuses a form post without the session's CSRF token (403) and changes nothing; a script with the link is not affected", async () => {
    const session = await invite('Csrf Ltd');
    const other = await invite('Csrf Other Ltd');
    const answer = { intent: 'save:basics', 'q.LGV-01.value': 'yes', 'q.LGV-01.version': '0' };
    for (const csrf of [null, '', 'x'.repeat(43), other.csrf]) {
      const refused = await form(session, '/portal/assessment/answers', answer, csrf);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Nothing was changed');
    }
    const submit = await form(
      session,
      '/portal/assessment/submit',
      { name: 'Kim Lee', jobTitle: 'Director', confirmed: '1' },
      null,
    );
    expect(submit.statusCode).toBe(403);
    // The same post as JSON with the cookie but no CSRF header: a problem document, also 403.
    const json = await api.request({
      method: 'POST',
      url: '/portal/assessment/answers',
      headers: { cookie: session.cookie, accept: 'application/json' },
      payload: { answers: [{ code: 'LGV-01', value: 'yes', version: 0 }] },
    });
    expect(json.statusCode).toBe(403);
    expect(json.headers['content-type']).toContain('application/problem+json');
    const view = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment',
        headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' },
      })
    ).json();
    expect(view.assessment.status).toBe('sent');
    expect(view.sections[0].questions[0].answer).toBeNull();
    // With the header, and with the bearer token (scripts), it saves.
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/portal/assessment/answers',
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
          payload: { answers: [{ code: 'LGV-01', value: 'yes', version: 0 }] },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await api.request({
          method: 'POST',
          url: '/portal/assessment/answers',
          headers: { authorization: `Bearer ${session.token}` },
          payload: { answers: [{ code: 'LGV-02', value: 'yes', version: 0 }] },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('says every problem at once, in plain words, naming each question', async () => {
    const session = await invite('Plain Words Ltd');
    const res = await form(session, '/portal/assessment/submit', {
      'q.LGV-01.value': 'yes',
      'q.LGV-01.version': '0',
      'q.LDT-04.value': '',
      'q.LDT-04.version': '0',
      name: '',
      jobTitle: '',
    });
    expect(res.statusCode).toBe(422);
    const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(res.body)![0];
    expect(summary).toContain(
      'LGV-02 Do staff who handle our data complete security and data protection training every year? Choose an answer',
    );
    expect(summary).toContain('href="#q-LGV-02-yes"');
    expect(summary).toContain('Enter your full name');
    expect(summary).toContain('Enter your job title');
    expect(summary).toContain('Confirm that the answers are accurate');
    expect(summary).not.toMatch(/attestation\.|answers\[|answers\.|is required/);
    // LGV-01 was answered in the same post: saved, not asked again.
    expect(summary).not.toContain('LGV-01');
    // One line per required question still unanswered (as the questionnaire's JSON counts them), and three for the attestation.
    const view = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment',
        headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' },
      })
    ).json();
    expect(view.progress.missingRequired).toBeGreaterThan(10);
    expect((summary.match(/<li>/g) ?? []).length).toBe(view.progress.missingRequired + 3);
  });

  it('shows a landing page for each state, naming who asks and whom to contact, with a button only where something can be done', async () => {
    const stateOf = async (token: string) => {
      const res = await api.request({ method: 'GET', url: `/portal/i/${token}` });
      return {
        status: res.statusCode,
        body: res.body,
        h1: /<h1[^>]*>([^<]*)<\/h1>/.exec(res.body)![1],
        form: res.body.includes('/start"'),
      };
    };
    const open = await invite('Landing Open Ltd');
    const page = await stateOf(open.token);
    expect(page).toMatchObject({ status: 200, h1: 'Supplier security questionnaire (short)', form: true });
    expect(page.body).toContain(`${api.config.organisation.name} has asked <strong>Landing Open Ltd</strong>`);
    expect(page.body).toContain(`mailto:${api.config.organisation.contactEmail}`);
    const invalid = await stateOf('A'.repeat(43));
    expect(invalid).toMatchObject({ status: 404, h1: 'This link is not valid', form: false });
    expect(invalid.body).toContain(`mailto:${api.config.organisation.contactEmail}`);
    expect(invalid.body).not.toContain('Save');
    const cancelled = await invite('Landing Cancelled Ltd');
    const id = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment',
        headers: { authorization: `Bearer ${cancelled.token}`, accept: 'application/json' },
      })
    ).json().assessment.id;
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/assessments/${id}/cancel`,
          headers: buyer.headers,
          payload: {},
        })
      ).statusCode,
    ).toBeLessThan(300);
    expect(await stateOf(cancelled.token)).toMatchObject({
      status: 410,
      h1: 'This questionnaire has been withdrawn',
      form: false,
    });
  });

  it('submits from the form to a receipt; a second click lands on the same receipt', async () => {
    const session = await invite('Receipt Form Ltd');
    const bearer = { authorization: `Bearer ${session.token}`, accept: 'application/json' };
    const view = (await api.request({ method: 'GET', url: '/portal/assessment', headers: bearer })).json();
    type Q = { code: string; options: { value: string }[] | null; visible: boolean };
    const answers = view.sections
      .flatMap((s: { questions: Q[] }) => s.questions)
      .filter((q: Q) => q.visible)
      .map((q: Q) => ({
        code: q.code,
        version: 0,
        value: q.options ? q.options[0].value : q.code === 'LIN-03' ? 'no' : 'yes',
      }));
    expect(
      (await api.request({ method: 'POST', url: '/portal/assessment/answers', headers: bearer, payload: { answers } }))
        .statusCode,
    ).toBe(200);
    const attestation = { name: 'Kim Lee', jobTitle: 'Director', confirmed: '1' };
    for (let click = 0; click < 2; click++) {
      const res = await form(session, '/portal/assessment/submit', attestation);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/portal/assessment/receipt');
    }
    const receipt = await api.request({
      method: 'GET',
      url: '/portal/assessment/receipt',
      headers: { cookie: session.cookie },
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toMatch(/SA-[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(receipt.body).toContain('Kim Lee, Director');
    expect(receipt.body).toContain('Standards exceeded'); // LGV-03's first option, by its label, not `exceeded`
    const json = await api.request({ method: 'GET', url: '/portal/assessment', headers: bearer });
    expect(json.json().assessment).toMatchObject({
      status: 'submitted',
      reference: expect.stringMatching(/^SA-/),
      attestation: { name: 'Kim Lee', jobTitle: 'Director' },
    });
    // Once the link has expired (due date + 30 days), Start opens no session: the landing page says it was submitted, with a 200.
    api.clock.freeze('2099-08-01T09:00:00Z');
    try {
      const late = await api.request({ method: 'POST', url: `/portal/i/${session.token}/start` });
      expect(late.statusCode).toBe(200);
      expect(late.headers['content-type']).toMatch(/^text\/html/);
      expect(late.headers['set-cookie']).toBeUndefined();
      expect(late.body).toContain('You have submitted this questionnaire');
    } finally {
      api.clock.reset();
    }
  });

  it('attaches files posted with the page form, five at a time, keeping the answers posted with them', async () => {
    const session = await invite('Many Files Ltd');
    const boundary = '----assurepage';
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const file = (i: number) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="q.LCT-06.file"; filename="note-${i}.txt"\r\nContent-Type: text/plain\r\n\r\nCertificate note ${i}\r\n`;
    const empty = `--${boundary}\r\nContent-Disposition: form-data; name="q.LCT-01.file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`;
    const payload =
      field('_csrf', session.csrf) +
      field('intent', 'attach:LCT-06') +
      field('q.LGV-01.value', 'no') +
      field('q.LGV-01.version', '0') +
      empty +
      [1, 2, 3, 4, 5, 6].map(file).join('') +
      `--${boundary}--\r\n`;
    const res = await api.request({
      method: 'POST',
      url: '/portal/assessment/evidence',
      headers: {
        cookie: session.cookie,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        accept: 'text/html',
      },
      payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('Attach at most 5 files at a time: choose this file again');
    for (const i of [1, 2, 3, 4, 5]) expect(res.body).toContain(`note-${i}.txt`);
    expect(res.body).not.toContain('note-6.txt');
    const json = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment',
        headers: { authorization: `Bearer ${session.token}`, accept: 'application/json' },
      })
    ).json();
    expect(json.sections[0].questions[0].answer).toMatchObject({ value: 'no' });
  });

  it('marks the session cookie Secure when the portal is served over https', async () => {
    // A second API process on the same database and secret, configured with an https public URL.
    const secure = await startTestApi({
      PUBLIC_URL: 'https://assure.trust.nhs.test',
      DATABASE_URL: api.databaseUrl,
      JWT_SECRET: api.config.auth.jwtSecret,
      LINK_SEALING_SECRET: api.config.auth.linkSealingSecret,
    });
    try {
      const supplier = await secure.request({
        method: 'POST',
        url: '/api/v1/suppliers',
        headers: buyer.headers,
        payload: {
          name: 'Https Ltd',
          kind: 'supplier',
          criticality: 'low',
          status: 'active',
          contacts: [{ name: 'Kim', email: 'kim@https.example', role: 'primary' }],
        },
      });
      const sent = await secure.request({
        method: 'POST',
        url: '/api/v1/assessments',
        headers: buyer.headers,
        payload: { supplierId: supplier.json().id, dueDate: '2099-06-30' },
      });
      expect(sent.json().invitationUrl).toMatch(/^https:\/\/assure\.trust\.nhs\.test\/portal\/i\//);
      const start = await secure.request({
        method: 'POST',
        url: `/portal/i/${sent.json().invitationUrl.split('/portal/i/')[1]}/start`,
      });
      expect(String(start.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally {
      await secure.close();
    }
  });

  /** A questionnaire of the given kind sent to a new supplier, its session started (as the Start button does). */
  async function inviteTo(name: string, questionnaireKey: string) {
    const supplier = await api.app.get(SuppliersService).create({
      name,
      kind: 'supplier',
      criticality: 'high',
      status: 'active',
      contacts: [{ name: 'Kim', email: `kim.${Math.random().toString(36).slice(2)}@x.example`, role: 'primary' }],
    });
    const { invitationUrl } = await api.app
      .get(SendQuestionnaire)
      .send({ supplierId: supplier.id, questionnaireKey, dueDate: '2099-06-30' }, null);
    const token = invitationUrl.split('/portal/i/')[1];
    const start = await api.request({ method: 'POST', url: `/portal/i/${token}/start` });
    return { token, cookie: String(start.headers['set-cookie']).split(';')[0] };
  }

  it('names and links the questions asked about when a questionnaire comes back for clarification, and says by when to submit again', async () => {
    const session = await invite('Clarify Ltd');
    const bearer = { authorization: `Bearer ${session.token}`, accept: 'application/json' };
    const view = (await api.request({ method: 'GET', url: '/portal/assessment', headers: bearer })).json();
    type Q = { code: string; options: { value: string }[] | null; visible: boolean };
    const answers = view.sections
      .flatMap((s: { questions: Q[] }) => s.questions)
      .filter((q: Q) => q.visible)
      .map((q: Q) => ({
        code: q.code,
        version: 0,
        value: q.options ? q.options[0].value : q.code === 'LIN-03' ? 'no' : 'yes',
      }));
    await api.request({ method: 'POST', url: '/portal/assessment/answers', headers: bearer, payload: { answers } });
    expect(
      (await form(session, '/portal/assessment/submit', { name: 'Kim Lee', jobTitle: 'Director', confirmed: '1' }))
        .statusCode,
    ).toBe(303);
    const returned = await api.request({
      method: 'POST',
      url: `/api/v1/assessments/${view.assessment.id}/return`,
      headers: buyer.headers,
      payload: { questionCodes: ['LGV-02', 'LCT-06'], message: 'Please attach the certificate.' },
    });
    expect(returned.statusCode).toBeLessThan(300);
    const landing = await api.request({ method: 'GET', url: `/portal/i/${session.token}` });
    expect(landing.body).toContain('Submit again by');
    expect(landing.body).toContain('30 June 2099');
    expect(landing.body).not.toMatch(/visually-hidden">Important: <\/span>Important</);
    const page = await api.request({ method: 'GET', url: '/portal/assessment', headers: { cookie: session.cookie } });
    const callout = /<div class="nhsuk-warning-callout">[\s\S]*?<\/div>/.exec(page.body)![0];
    expect(callout).toContain('Please attach the certificate.');
    expect(callout).toContain(
      '<a href="#q-LGV-02">LGV-02. Do staff who handle our data complete security and data protection training every year?</a>',
    );
    expect(callout).toMatch(/<a href="#q-LCT-06">LCT-06\. /);
    expect(callout).toContain('these questions');
  });

  it('sends a browser that opens a link with a character too many, or a form address again, to the right page; any other portal address is a page, not JSON', async () => {
    const { token } = await invite('Trailing Ltd');
    for (const extra of ['/', '.', ').']) {
      const res = await api.request({
        method: 'GET',
        url: `/portal/i/${token}${extra}`,
        headers: { accept: 'text/html' },
      });
      expect([res.statusCode, res.headers.location]).toEqual([303, `/portal/i/${token}`]);
    }
    for (const url of [
      '/portal/assessment/submit',
      '/portal/assessment/answers',
      '/portal/assessment/evidence',
      '/portal/assessment/',
    ]) {
      const res = await api.request({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect([url, res.statusCode, res.headers.location]).toEqual([url, 303, '/portal/assessment']);
    }
    for (const url of [
      '/portal',
      '/portal/',
      '/portal/i',
      '/portal/i/',
      '/portal/i/short/',
      `/portal/i/${token}/start/extra`,
    ]) {
      const res = await api.request({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });
      expect([url, res.statusCode, res.headers['content-type']]).toEqual([url, 404, 'text/html; charset=utf-8']);
      expect(res.body).toContain('This link is not valid');
      expect(res.body).toContain(`mailto:${api.config.organisation.contactEmail}`);
    }
    const script = await api.request({
      method: 'GET',
      url: '/portal/nothing',
      headers: { accept: 'application/json' },
    });
    expect(script.statusCode).toBe(404);
    expect(script.headers['content-type']).toContain('application/problem+json');
  });

  it('says Continue to a supplier who has saved answers, and tells the holder of a link passed to someone else that they need do nothing', async () => {
    const session = await invite('Continue Ltd');
    expect(
      /<button class="nhsuk-button" type="submit">([^<]*)</.exec(
        (await api.request({ method: 'GET', url: `/portal/i/${session.token}` })).body,
      )![1],
    ).toBe('Start now');
    await form(session, '/portal/assessment/answers', {
      intent: 'save:basics',
      'q.LGV-01.value': 'yes',
      'q.LGV-01.version': '0',
    });
    const landing = (await api.request({ method: 'GET', url: `/portal/i/${session.token}` })).body;
    expect(/<button class="nhsuk-button" type="submit">([^<]*)</.exec(landing)![1]).toBe('Continue');
    expect(landing).toContain('Your saved answers are kept');

    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Passed On Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [
          { name: 'Kim', email: 'kim@passed.example', role: 'primary' },
          { name: 'Lee', email: 'lee@passed.example', role: 'security' },
        ],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, dueDate: '2099-06-30' },
    });
    const oldToken = sent.json().invitationUrl.split('/portal/i/')[1];
    const lee = supplier.json().contacts.find((c: { email: string }) => c.email === 'lee@passed.example');
    expect(
      (
        await api.request({
          method: 'POST',
          url: `/api/v1/assessments/${sent.json().id}/reassign`,
          headers: buyer.headers,
          payload: { recipientContactId: lee.id },
        })
      ).statusCode,
    ).toBeLessThan(300);
    const old = await api.request({ method: 'GET', url: `/portal/i/${oldToken}` });
    expect(old.statusCode).toBe(410);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(old.body)![1]).toBe('This questionnaire has been passed to someone else');
    expect(old.body).not.toContain('sent by email. Use the link in the most recent email');
  });

  it("shows a section's word to the supplier, an incident follow-up's deadlines, and a file notice beside the file list", async () => {
    const core = await inviteTo('Sections Ltd', 'supplier-security-core');
    const page = (await api.request({ method: 'GET', url: '/portal/assessment', headers: { cookie: core.cookie } }))
      .body;
    expect(page).toContain('Answer &quot;not applicable&quot; if you do not supply or host software for us.');
    expect(page).not.toContain('For Tier 1 and Tier 2 suppliers'); // written for the team that chooses the questionnaire
    const incident = await inviteTo('Incident Words Ltd', 'incident-follow-up');
    const incidentPage = (
      await api.request({ method: 'GET', url: '/portal/assessment', headers: { cookie: incident.cookie } })
    ).body;
    expect(incidentPage).toContain('Please send a first report within 24 hours of detecting the incident');

    const session = await invite('Notice Ltd');
    const attached = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment?attached=LCT-06&files=1',
        headers: { cookie: session.cookie },
      })
    ).body;
    const question = /<div class="nhsuk-form-group[^"]*" id="q-LCT-06"[\s\S]*?<\/fieldset>/.exec(attached)![0];
    expect(question).toContain('id="notice"');
    expect(question).toContain('Your file has been attached to LCT-06.');
    expect((attached.match(/id="notice"/g) ?? []).length).toBe(1);
  });

  it('asks for a full name, not an initial, in the attestation', async () => {
    const session = await invite('Initial Ltd');
    const res = await form(session, '/portal/assessment/submit', { name: 'K', jobTitle: 'D', confirmed: '1' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter your full name, not only an initial');
    expect(res.body).toContain('Enter your job title in full');
    // The page is checked with the JSON route's AttestationBody, its length limit said in the page's words.
    const long = await form(session, '/portal/assessment/submit', {
      name: 'K'.repeat(201),
      jobTitle: 'Director',
      confirmed: '1',
    });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('Your name must be 200 characters or fewer');
    expect(long.body).not.toContain('Enter your job title');
  });

  it("serves the NHS.UK styles without a third party's web fonts (the supplier's browser asks nobody else for anything)", async () => {
    const css = await api.request({ method: 'GET', url: '/portal/assets/nhsuk-frontend.min.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.nhsuk-header');
    expect(css.body).not.toContain('@font-face');
    expect(css.body).not.toMatch(/https?:\/\//);
  });

  it('rate limits attempts on one link', async () => {
    const { token } = await invite('Limited Ltd');
    // 30 attempts a minute per link (starting the session was one); each address has its own limit too.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (await api.request({ method: 'GET', url: `/portal/i/${token}`, remoteAddress: `198.51.100.${i + 1}` }))
          .statusCode,
      );
    expect(statuses.slice(0, 29).every((s) => s === 200)).toBe(true);
    expect(statuses[29]).toBe(429);
  });
});
