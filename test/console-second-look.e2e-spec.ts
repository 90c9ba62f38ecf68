import { startTestApi, type TestApi } from './support/app.js';
import { postConsoleLogin } from './support/console.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';

/**
 * What a procurement officer new to the console met on the demo (issue 15, second look): error
 * summaries that listed one field three times or said "must be a UUID", option labels such as
 * "Nhs body" and "Sftp", a history of field names ("ownerId"), a review that showed "yes" and
 * "partial" and a score that named band B while C counted, and a return that did not say which
 * code was wrong.
 */
describe('console, as a new procurement officer reads it', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let cookie: string;
  let csrf: string;
  let supplierId: string;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    api.clock.freeze('2026-11-28T09:00:00Z'); // the literal dates below are written against this day
    buyer = await signIn(api, 'procurement');
    const res = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(buyer.email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.9.0.1',
    );
    cookie = String(res.headers['set-cookie']).split(';')[0];
    csrf = /name="_csrf" value="([^"]+)"/.exec(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie } })).body,
    )![1];
    const created = await form('/console/suppliers', {
      name: 'Second Look Ltd',
      kind: 'nhs_body',
      criticality: 'low',
      status: 'active',
      ownerId: buyer.id,
      companiesHouseNumber: '01234567',
      'contacts[0].name': 'Sam',
      'contacts[0].email': 'sam@second.example',
      'contacts[0].role': 'primary',
    });
    expect(created.statusCode).toBe(303);
    supplierId = String(created.headers.location).split('/').at(-1)!;
    await api.request({
      method: 'POST',
      url: '/api/v1/data-assets',
      headers: buyer.headers,
      payload: {
        name: 'Clinic letters',
        classification: 'personal',
        categories: ['contact_details'],
        recordCount: 40_000,
      },
    });
  }, 60_000);
  afterAll(() => {
    api?.clock.reset();
    return api?.close();
  });

  const form = (url: string, fields: Record<string, string>) =>
    api.request({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
    });
  const summary = (html: string) =>
    [
      ...(/<div class="nhsuk-error-summary[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '').matchAll(
        /<a href="#[^"]+">([^<]+)<\/a>/g,
      ),
    ].map((m) => m[1]);

  it('names each field once, in the order of the form, in plain words, when a form comes back empty', async () => {
    const link = await form(`/console/suppliers/${supplierId}/links`, {
      purpose: '',
      recordCount: '',
      direction: 'outbound',
      pseudonymisation: 'identifiable',
      processingLocation: 'uk',
      status: 'active',
      'reviewDate-day': '31',
      'reviewDate-month': '6',
      'reviewDate-year': '27',
    });
    expect(link.statusCode).toBe(422);
    expect(summary(link.body)).toEqual([
      'Select the data asset',
      'Enter the purpose',
      'Enter the records shared',
      'Enter the year of the review date as 4 digits, like 2027',
    ]);
    expect(link.body).not.toMatch(/UUID|1000000000000|must be a number/);

    const admin = await signIn(api, 'admin');
    const adminLogin = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(admin.email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.9.0.2',
    );
    const adminCookie = String(adminLogin.headers['set-cookie']).split(';')[0];
    const adminCsrf = /name="_csrf" value="([^"]+)"/.exec(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie: adminCookie } })).body,
    )![1];
    const user = await api.request({
      method: 'POST',
      url: '/console/admin/users',
      headers: { cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: '',
        email: 'not-an-email',
        role: 'viewer',
        password: 'short',
        _csrf: adminCsrf,
      }).toString(),
    });
    expect(summary(user.body)).toEqual([
      'Enter the name',
      'Enter the email address in the correct format, like name@example.nhs.uk',
      'First password must be at least 12 characters',
    ]);

    // Records as people write them, with thousands separators.
    const asset = /<option value="([0-9a-f-]{36})"[^>]*>Clinic letters/.exec(link.body)![1];
    const saved = await form(`/console/suppliers/${supplierId}/links`, {
      dataAssetId: asset,
      purpose: 'Letters to patients',
      recordCount: '12,000',
      direction: 'outbound',
      pseudonymisation: 'identifiable',
      processingLocation: 'uk',
      status: 'active',
      agreementType: 'DSA',
      agreementRef: 'DSA-1',
      'reviewDate-day': '30',
      'reviewDate-month': '6',
      'reviewDate-year': '2027',
    });
    expect(summary(saved.body)).toEqual([]);
    expect(saved.statusCode).toBe(303);
    expect(
      (await api.request({ method: 'GET', url: `/console/suppliers/${supplierId}`, headers: { cookie } })).body,
    ).toContain('12,000 records');

    const website = await form('/console/suppliers', {
      name: 'Web Ltd',
      kind: 'supplier',
      criticality: 'low',
      status: 'active',
      website: 'acme',
    });
    expect(summary(website.body)).toEqual(['Enter the website as a web address, like https://www.example.com']);
  });

  it('labels choices as people write them, and the history by field labels', async () => {
    const supplierForm = (await api.request({ method: 'GET', url: '/console/suppliers/new', headers: { cookie } }))
      .body;
    expect(supplierForm).toContain('>NHS body</option>');
    expect(supplierForm).toContain('>DPO</option>');
    const linkForm = (
      await api.request({ method: 'GET', url: `/console/suppliers/${supplierId}/links/new`, headers: { cookie } })
    ).body;
    for (const label of ['SFTP', 'API', 'UK', 'EEA', 'Section 251 support'])
      expect(linkForm).toContain(`>${label}</option>`);
    const page = (await api.request({ method: 'GET', url: `/console/suppliers/${supplierId}`, headers: { cookie } }))
      .body;
    const history = /<h2 id="history">History<\/h2>([\s\S]*?)<\/ul>/.exec(page)![1];
    expect(history).toContain('owner');
    expect(history).toContain('Companies House number');
    expect(history).not.toMatch(/ownerId|companiesHouseNumber/);
  });

  it('reviews in words: answers by their labels, the band that counts first, and the unknown codes named', async () => {
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId, questionnaireKey: 'supplier-security-lite', dueDate: '2099-12-31' },
    });
    const id = sent.json().id as string;
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    type Q = { code: string; type: string; options: { value: string }[] | null };
    const view = (await portal('GET', '/portal/assessment')).json();
    const answers = view.sections
      .flatMap((x: { questions: Q[] }) => x.questions)
      .map((q: Q) => ({
        code: q.code,
        version: 0,
        value: (
          {
            yes_no: 'yes',
            yes_no_partial: q.code === 'LCT-02' ? 'partial' : 'yes',
            single_choice: q.options?.[0]?.value,
            text: 'Yes.',
            number: 1,
            date: '2026-01-01',
            multi_choice: [q.options?.[0]?.value],
          } as Record<string, unknown>
        )[q.type],
      }));
    expect((await portal('POST', '/portal/assessment/answers', { answers })).statusCode).toBe(200);
    expect(
      (
        await portal('POST', '/portal/assessment/submit', {
          attestation: { name: 'Sam', jobTitle: 'IT lead', confirmed: true },
        })
      ).statusCode,
    ).toBe(200);

    const page = (await api.request({ method: 'GET', url: `/console/assessments/${id}`, headers: { cookie } })).body;
    // Each answer cell starts with its heading for phones (the table stacks into labelled rows there).
    const row = (code: string) =>
      new RegExp(
        `${code}\\.[^<]*</span></td>\\s*<td[^>]*><span class="nhsuk-table-responsive__heading">Answer </span><span>([^<]*)`,
      )
        .exec(page)?.[1]
        .trim();
    expect(row('LCT-02')).toBe('Partly');
    expect(row('LCT-01')).toBe('Yes');
    expect(page).toMatch(
      /Band C: \d+\.\d out of 100 would be band [AB], but the partial answer to LCT-02 caps it at C \(provisional until the review is complete\)/,
    );

    const wrong = await form(`/console/assessments/${id}/return`, {
      questionCodes: 'LCT-99, LCT-01, XYZ',
      message: 'Please tell us more.',
    });
    expect(wrong.statusCode).toBe(422);
    expect(summary(wrong.body)).toEqual(['LCT-99 and XYZ are not questions of this questionnaire']);
  });
  it('says every mistake at once, in plain words naming the field, on the data asset, decision, certificate and entry point forms', async () => {
    const gov = await signIn(api, 'governance');
    const res = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(gov.email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.9.0.2',
    );
    const govCookie = String(res.headers['set-cookie']).split(';')[0];
    const govCsrf = /name="_csrf" value="([^"]+)"/.exec(
      (await api.request({ method: 'GET', url: '/console', headers: { cookie: govCookie } })).body,
    )![1];
    const decide = (fields: Record<string, string>) =>
      api.request({
        method: 'POST',
        url: `/console/suppliers/${supplierId}/decisions`,
        headers: { cookie: govCookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...fields, _csrf: govCsrf }).toString(),
      });
    const summaryOf = async (reply: Promise<{ statusCode: number; body: string }>) => {
      const page = await reply;
      expect(page.statusCode).toBe(422);
      return summary(page.body);
    };
    const stored = async () =>
      (
        await api.request({
          method: 'GET',
          url: `/api/v1/suppliers/${supplierId}/certifications`,
          headers: buyer.headers,
        })
      ).json();

    expect(await summaryOf(form('/console/assets', { name: '', classification: '', recordCount: '' }))).toEqual([
      'Enter the name',
      'Select the classification',
      'Enter the records in the asset',
    ]);
    expect(
      await summaryOf(form('/console/assets', { name: 'X', classification: 'secret', recordCount: 'lots' })),
    ).toEqual([
      'Name must be 2 characters or more',
      'Select the classification',
      'Records in the asset must be a number',
    ]);

    expect(await summaryOf(decide({ decision: '', rationale: '' }))).toEqual([
      'Select the decision',
      'Say why, in at least 10 characters',
      'Enter the review date',
    ]);
    expect(
      await summaryOf(
        decide({
          decision: 'transfer',
          rationale: 'short',
          'reviewDate-day': '31',
          'reviewDate-month': '2',
          'reviewDate-year': '2027',
          insurer: '',
          policyRef: '',
          limit: 'ten million',
          excess: '-5',
          'expiresOn-day': '1',
          'expiresOn-month': '',
          'expiresOn-year': '2027',
        }),
      ),
    ).toEqual([
      'Say why, in at least 10 characters',
      'Review date must be a real date',
      'Enter the insurer',
      'Enter the policy reference',
      'Limit must be a whole number of pounds',
      'Excess must be a whole number of pounds',
      'Date the policy expires must include a month',
    ]);
    expect(
      await summaryOf(
        decide({
          decision: 'avoid',
          rationale: 'We stop sharing with them.',
          'reviewDate-day': '1',
          'reviewDate-month': '1',
          'reviewDate-year': '2020',
        }),
      ),
    ).toEqual(['Review date must be after today', 'Enter the date to end the links by']);

    const before = await stored();
    expect(
      await summaryOf(form(`/console/suppliers/${supplierId}/certifications`, { kind: '', reference: '' })),
    ).toEqual(['Select the certification']);
    expect(
      await summaryOf(
        form(`/console/suppliers/${supplierId}/certifications`, {
          kind: 'dspt',
          status: '',
          reference: 'R',
          'issuedOn-day': '31',
          'issuedOn-month': '2',
          'issuedOn-year': '2026',
          'expiresOn-day': '1',
          'expiresOn-month': '1',
          'expiresOn-year': '26',
        }),
      ),
    ).toEqual([
      'Select the DSPT status',
      'Issue date must be a real date',
      'Enter the year of the expiry date as 4 digits, like 2027',
    ]);
    expect(
      await summaryOf(
        form(`/console/suppliers/${supplierId}/certifications`, {
          kind: 'cyber_essentials',
          reference: 'R',
          'issuedOn-day': '1',
          'issuedOn-month': '6',
          'issuedOn-year': '2026',
          'expiresOn-day': '1',
          'expiresOn-month': '1',
          'expiresOn-year': '2026',
        }),
      ),
    ).toEqual(['Expiry date must be on or after the issue date']);
    expect(await stored()).toEqual(before);

    expect(
      await summaryOf(
        form(`/console/suppliers/${supplierId}/access-paths`, { kind: '', description: '', mfa: '', monitored: '' }),
      ),
    ).toEqual([
      'Select the kind of access',
      'Enter the description',
      'Select the multi-factor authentication',
      'Select whether it is monitored',
    ]);
    const wrongPath = await form(`/console/suppliers/${supplierId}/access-paths`, {
      kind: 'vpn',
      description: 'VPN',
      mfa: 'sometimes',
      monitored: 'maybe',
      deviceCount: 'two',
      unsupportedDeviceCount: '-1',
      'lastReviewedOn-day': '1',
      'lastReviewedOn-month': '13',
      'lastReviewedOn-year': '2026',
    });
    expect(await summaryOf(Promise.resolve(wrongPath))).toEqual([
      'Select the multi-factor authentication',
      'Select whether it is monitored',
      'Devices must be a number',
      'Unsupported devices must be a number',
      'Date it was last reviewed must be a real date',
    ]);
    expect(wrongPath.body).toContain('id="f-lastReviewedOn-day"'); // the NHS.UK date input, as typed
    expect(wrongPath.body).toMatch(
      /id="f-lastReviewedOn-month"[^>]*value="13"|value="13"[^>]*id="f-lastReviewedOn-month"/,
    );
  });
});
