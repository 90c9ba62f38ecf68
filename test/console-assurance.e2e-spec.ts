import type { Browser, Page } from 'playwright-core';
import type { TestApi } from './support/app.js';
import { query } from './support/db.js';
import {
  axeViolations,
  consolePage,
  createDataSharingLink,
  createSupplier,
  createUser,
  launchChromium,
  startListeningApi,
} from './support/factories.js';
import { signIn, type SignedIn } from './support/users.js';

/** Set to a folder to keep screenshots of the pages at 1280 and 390 px. */
const SHOTS = process.env.SCREENSHOT_DIR;

/** The console's entry points and certificates: procurement records a way in and a certificate in the browser. */
describe('console: entry points and certificates', () => {
  let api: TestApi;
  let base: string;
  let buyer: SignedIn;
  let supplierId: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ api, base } = await startListeningApi());
    api.clock.freeze('2026-11-30T09:00:00Z'); // the literal dates below are written against this day
    buyer = await signIn(api, 'procurement');
    supplierId = await createSupplier(api, buyer, {
      name: 'Imaging Connect',
      contacts: [{ name: 'Sam', email: 'sam@imaging.example', role: 'primary' }],
    });
    await createDataSharingLink(api, buyer, supplierId, {
      asset: { name: 'PACS images' },
      link: { purpose: 'Image reporting', agreementRef: 'C-9' },
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    api?.clock.reset();
    await api?.close();
  });

  async function accessible(page: Page, label: string) {
    expect({ label, violations: await axeViolations(page) }).toEqual({ label, violations: [] });
    if (SHOTS) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: `${SHOTS}/${label.replace(/\W+/g, '-')}-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  async function browse(role: 'procurement' | 'governance' | 'viewer'): Promise<Page> {
    return consolePage(browser, base, (await createUser(api, role)).email, { javaScriptEnabled: true });
  }

  it('procurement adds an access path without MFA and a certificate; the page marks the weak way in and the DSPT flag clears', async () => {
    const page = await browse('procurement');
    // The dashboard names a supplier receiving patient data without a DSPT.
    expect(await page.locator('li', { hasText: 'No DSPT assessment recorded' }).textContent()).toBe(
      'Imaging Connect: No DSPT assessment recorded',
    );
    await page.goto(`${base}/console/suppliers/${supplierId}`);
    await page.click('text=Entry points and certificates');
    await page.waitForURL(`${base}/console/suppliers/${supplierId}/assurance`);
    expect(await page.textContent('h1')).toBe('Imaging Connect: entry points and certificates');
    expect(await page.textContent('.nhsuk-warning-callout')).toContain(
      'receives patient data but has no current DSPT status recorded',
    );
    await accessible(page, 'assurance empty');

    await page.click('text=Add an access path');
    await accessible(page, 'access path form');
    await page.selectOption('#f-kind', 'managed_device');
    await page.fill('#f-description', 'Ward ultrasound carts');
    await page.fill('#f-deviceCount', '4');
    await page.fill('#f-unsupportedDeviceCount', '6');
    await page.click('text=Save the access path');
    expect(await page.textContent('.nhsuk-error-summary')).toContain('must be at most deviceCount (4)');
    await accessible(page, 'access path form with errors');
    await page.selectOption('#f-kind', 'remote_support');
    await page.fill('#f-description', 'TeamViewer into the reporting workstations');
    await page.fill('#f-systems', 'PACS, RIS');
    await page.fill('#f-deviceCount', '');
    await page.fill('#f-unsupportedDeviceCount', '');
    await page.selectOption('#f-mfa', 'none');
    await page.check('text=PACS images');
    await page.click('text=Save the access path');
    await page.waitForURL(`${base}/console/suppliers/${supplierId}/assurance#access-paths`);
    const row = page.locator('tr', { hasText: 'TeamViewer into the reporting workstations' });
    expect(await row.textContent()).toContain('Unprotected');
    expect(await row.textContent()).toContain('PACS images');
    expect(await page.textContent('.nhsuk-inset-text')).toContain('the band used for the likelihood is one step worse');

    await page.click('text=Add a certification');
    await accessible(page, 'certification form');
    await page.selectOption('#f-kind', 'dspt');
    await page.click('text=Save the certification');
    expect(await page.textContent('.nhsuk-error-summary')).toContain('Select the DSPT status');
    await page.selectOption('#f-status', 'standards_met');
    await page.fill('#f-reference', '8HN22');
    for (const [name, [day, month, year]] of [
      ['issuedOn', ['30', '6', '2026']],
      ['expiresOn', ['30', '6', '2027']],
    ] as const) {
      await page.fill(`#f-${name}-day`, day);
      await page.fill(`#f-${name}-month`, month);
      await page.fill(`#f-${name}-year`, year);
    }
    await page.click('text=Save the certification');
    await page.waitForURL(`${base}/console/suppliers/${supplierId}/assurance#certifications`);
    expect(await page.locator('.nhsuk-warning-callout').count()).toBe(0); // standards met: no longer flagged
    // The certificate itself, as a file: nothing chosen is named, then a PDF is kept.
    await page.click('a:has-text("DSPT")');
    await page.click('text=Attach the file');
    expect(await page.textContent('.nhsuk-error-summary')).toContain('Choose the certificate file');
    await accessible(page, 'certification form with upload error');
    await page.setInputFiles('#f-file', {
      name: 'dspt.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.click('text=Attach the file');
    await page.waitForURL(`${base}/console/suppliers/${supplierId}/assurance#certifications`);
    const file = await page.request.get(
      `${base}${await page.locator('a:has-text("Certificate file")').getAttribute('href')}`,
    );
    expect(file.headers()['content-type']).toBe('application/pdf');
    await page.click('button:has-text("Mark verified")');
    await page.waitForURL(`${base}/console/suppliers/${supplierId}/assurance#certifications`);
    expect(await page.locator('tr', { hasText: '8HN22' }).textContent()).toContain('Verified 2026-11-30');
    await accessible(page, 'assurance with a path and a certificate');
    const csv = await page.request.get(`${base}/console/suppliers/${supplierId}/access-paths.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('TeamViewer into the reporting workstations,PACS;RIS');

    const paths = await query<{ mfa: string; systems: string[]; data_asset_ids: string[] }>(
      api.databaseUrl,
      'SELECT mfa, systems, data_asset_ids FROM access_path WHERE supplier_id = $1',
      [supplierId],
    );
    expect(paths).toEqual([{ mfa: 'none', systems: ['PACS', 'RIS'], data_asset_ids: [expect.any(String)] }]);
    const certs = await query<{ kind: string; status: string; verified_on: string }>(
      api.databaseUrl,
      'SELECT kind, status, verified_on::text FROM certification WHERE supplier_id = $1',
      [supplierId],
    );
    expect(certs).toEqual([{ kind: 'dspt', status: 'standards_met', verified_on: '2026-11-30' }]);
    await page.context().close();
  }, 90_000);

  it('the review page says where an answer claiming a certificate is proven, and flags an expired one', async () => {
    // A supplier of its own, whose answers say: DSPT standards met (recorded and verified), Cyber Essentials yes (recorded, expired).
    const own = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Telecare Monitoring',
        kind: 'supplier',
        criticality: 'moderate',
        status: 'active',
        contacts: [{ name: 'Lee', email: 'lee@telecare.example', role: 'primary' }],
      },
    });
    const ownId = own.json().id;
    const certify = (payload: object) =>
      api.request({
        method: 'POST',
        url: `/api/v1/suppliers/${ownId}/certifications`,
        headers: buyer.headers,
        payload,
      });
    const dsptId = (
      await certify({
        kind: 'dspt',
        status: 'standards_met',
        reference: '8HN22',
        issuedOn: '2026-06-30',
        expiresOn: '2027-06-30',
      })
    ).json().id;
    expect(
      (
        await api.request({
          method: 'PATCH',
          url: `/api/v1/certifications/${dsptId}`,
          headers: buyer.headers,
          payload: { verified: true },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await certify({
          kind: 'cyber_essentials',
          reference: 'IASME-CE-1',
          issuedOn: '2025-10-01',
          expiresOn: '2026-10-01',
        })
      ).json(),
    ).toMatchObject({ expired: true });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: ownId, questionnaireKey: 'supplier-security-lite', dueDate: '2027-01-12' },
    });
    expect(sent.statusCode).toBe(201);
    const token = sent.json().invitationUrl.split('/portal/i/')[1];
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    const saved = await portal('POST', '/portal/assessment/answers', {
      answers: [
        { code: 'LGV-03', value: 'met', version: 0 },
        { code: 'LCT-06', value: 'yes', version: 0 },
      ],
    });
    expect(saved.statusCode).toBe(200);
    const page = await browse('procurement');
    await page.goto(`${base}/console/assessments/${sent.json().id}`);
    expect(await page.locator('tr', { hasText: 'LGV-03' }).textContent()).toContain(
      'Proven: DSPT standards met (8HN22), expires 2027-06-30, verified 2026-11-30.',
    );
    expect(await page.locator('tr', { hasText: 'LCT-06' }).textContent()).toContain(
      'The recorded certificate has expired: Cyber Essentials (IASME-CE-1), expires 2026-10-01.',
    );
    expect(await page.textContent('.nhsuk-warning-callout')).toContain(
      '1 answer claims a certification that the recorded certificates contradict or that has expired',
    );
    await accessible(page, 'assessment review with certificates');
    await page.context().close();
  }, 60_000);

  it('a viewer reads the page but gets no forms', async () => {
    const page = await browse('viewer');
    await page.goto(`${base}/console/suppliers/${supplierId}/assurance`);
    expect(await page.locator('text=Add an access path').count()).toBe(0);
    expect(await page.locator('button:has-text("Mark verified")').count()).toBe(0);
    const refused = await page.goto(`${base}/console/suppliers/${supplierId}/access-paths/new`);
    expect(refused?.status()).toBe(403);
    await page.context().close();
  }, 60_000);
  it('the dashboard says a DSPT outcome in words, as the committee pack does', async () => {
    const lab = await createSupplier(api, buyer, {
      name: 'Meridian Labs',
      contacts: [{ name: 'Ola', email: 'ola@meridian.example', role: 'primary' }],
    });
    await createDataSharingLink(api, buyer, lab, { asset: { name: 'Pathology results' } });
    const approaching = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${lab}/certifications`,
      headers: buyer.headers,
      payload: {
        kind: 'dspt',
        status: 'approaching_standards',
        reference: '8XY11',
        issuedOn: '2026-09-30',
        expiresOn: '2027-09-30',
      },
    });
    expect(approaching.statusCode).toBe(201);
    const page = await browse('governance');
    expect(await page.locator('li', { hasText: 'DSPT approaching' }).textContent()).toBe(
      'Meridian Labs: DSPT approaching standards',
    );
    await page.context().close();
  }, 60_000);
});
