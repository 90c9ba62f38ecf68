import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '@dev/embedded';
import { startTestApi, type TestApi } from './support/app.js';
import { expectAccessible, launchChromium, screenshots } from './support/browser.js';
import { signIn, type SignedIn } from './support/users.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

/** Small, but with every kind of question a supplier meets: choices with labels, a showIf, evidence required, a number, text, several choices. */
const JOURNEY = {
  key: 'journey-check',
  version: 1,
  title: 'Journey check',
  sections: [
    {
      key: 'certs',
      title: 'Certificates',
      questions: [
        {
          code: 'JRN-01',
          text: 'Which Cyber Essentials certificate do you hold?',
          type: 'single_choice',
          evidence: 'required',
          options: [
            { value: 'none', label: 'None', score: 0 },
            { value: 'basic', label: 'Cyber Essentials', score: 0.5 },
            { value: 'plus', label: 'Cyber Essentials Plus', score: 1 },
          ],
          mappings: [{ framework: 'CYBER-ESSENTIALS', ref: 'firewalls' }],
          recommendation: 'Certify.',
        },
        {
          code: 'JRN-02',
          text: 'When does the certificate expire?',
          type: 'date',
          showIf: { question: 'JRN-01', in: ['basic', 'plus'] },
        },
      ],
    },
    {
      key: 'people',
      title: 'People',
      questions: [
        {
          code: 'JRN-03',
          text: 'Do staff complete security training every year?',
          type: 'yes_no',
          mappings: [{ framework: 'NDG', ref: 'NDG-3' }],
          recommendation: 'Train staff yearly.',
        },
        { code: 'JRN-04', text: 'How many staff handle our data?', type: 'number' },
      ],
    },
    {
      key: 'notes',
      title: 'Anything else',
      questions: [
        { code: 'JRN-05', text: 'Anything else to tell us?', type: 'text', required: false },
        {
          code: 'JRN-06',
          text: 'Which of your services use our data?',
          type: 'multi_choice',
          options: [
            { value: 'hosting', label: 'Hosting' },
            { value: 'support', label: 'Remote support' },
          ],
        },
      ],
    },
  ],
};

/** The supplier's whole journey in Chromium, with JavaScript on and off; axe on every page. */
describe('supplier portal journey in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let buyer: SignedIn;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startTestApi({
      PUBLIC_URL: base,
      RATE_LIMIT_PER_MINUTE: '10000',
      ORGANISATION_NAME: 'Royal Test NHS Trust',
      SUPPORT_EMAIL: 'supplier.assurance@trust.nhs.test',
    });
    await api.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    buyer = await signIn(api, 'procurement');
    expect(
      (await api.request({ method: 'POST', url: '/api/v1/questionnaires', headers: buyer.headers, payload: JOURNEY }))
        .statusCode,
    ).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function invite(name: string, questionnaireKey = 'journey-check', dueDate = '2099-12-31') {
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        contacts: [
          { name: 'Jo Jones', email: `jo.${Math.random().toString(36).slice(2)}@journey.example`, role: 'primary' },
        ],
      },
    });
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, questionnaireKey, dueDate },
    });
    expect(sent.statusCode).toBe(201);
    return {
      id: sent.json().id as string,
      url: sent.json().invitationUrl as string,
      token: (sent.json().invitationUrl as string).split('/portal/i/')[1],
    };
  }

  async function open(javaScriptEnabled: boolean, url: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL(`${base}/portal/assessment`);
    return { context, page };
  }

  const stored = async (token: string) => {
    const view = (
      await api.request({
        method: 'GET',
        url: '/portal/assessment',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      })
    ).json();
    return new Map<string, { value: unknown; comment: string | null } | null>(
      view.sections
        .flatMap(
          (s: { questions: { code: string; answer: { value: unknown; comment: string | null } | null }[] }) =>
            s.questions,
        )
        .map((q: { code: string; answer: unknown }) => [q.code, q.answer]),
    );
  };
  const group = (page: Page, code: string) => page.getByRole('group', { name: new RegExp(`^${code}\\.`) });

  it.each([true, false])(
    "keeps answers typed in three sections when one section's Save is pressed (JavaScript %s)",
    async (js) => {
      const invited = await invite(`Nothing Lost ${js} Ltd`);
      const { context, page } = await open(js, invited.url);
      await expectAccessible(page, 'questionnaire', { javaScript: js });
      await screenshots(page, `questionnaire-${js ? 'js' : 'nojs'}`);
      // In any order: the last section, the first, then the middle one.
      await page.locator('#q-JRN-05-value').fill('We also hold ISO 27001.');
      await group(page, 'JRN-06').getByLabel('Remote support').check();
      await group(page, 'JRN-01').getByLabel('Cyber Essentials Plus').check();
      if (js) {
        // The dependent question appears at once, and the count follows what is shown.
        await page.locator('#q-JRN-02-value').fill('2027-03-31');
        expect(await page.locator('#progress').textContent()).toMatch(
          /^4 of 6 questions answered; 2 required still to answer/,
        );
      } else {
        expect(await page.locator('#q-JRN-02').isHidden()).toBe(true);
        expect(await page.locator('#progress').textContent()).toMatch(/^0 of 5 questions answered/);
      }
      await group(page, 'JRN-03').getByLabel('Yes').check();
      await page.locator('#q-JRN-04-value').fill('12');
      await page.locator('#q-JRN-03-comment').fill('Every <b>April</b>.');
      await page
        .locator('section[aria-labelledby="section-people"]')
        .getByRole('button', { name: 'Save answers' })
        .click();
      await page.waitForURL(/saved=people/);
      expect(await page.locator('#notice').textContent()).toContain(
        `Your answers have been saved (${js ? 6 : 5} changed).`,
      );
      expect(await page.locator('#notice').isVisible()).toBe(true);
      await screenshots(page, `saved-${js ? 'js' : 'nojs'}`);

      await page.reload();
      expect(await group(page, 'JRN-01').getByLabel('Cyber Essentials Plus').isChecked()).toBe(true);
      expect(await group(page, 'JRN-03').getByLabel('Yes').isChecked()).toBe(true);
      expect(await page.locator('#q-JRN-04-value').inputValue()).toBe('12');
      expect(await page.locator('#q-JRN-05-value').inputValue()).toBe('We also hold ISO 27001.');
      expect(await group(page, 'JRN-06').getByLabel('Remote support').isChecked()).toBe(true);
      // Without JavaScript the dependent question appears after the save.
      expect(await page.locator('#q-JRN-02').isVisible()).toBe(true);
      expect(await page.locator('#progress').textContent()).toMatch(
        js ? /^6 of 6 questions answered/ : /^5 of 6 questions answered; 1 required still to answer/,
      );
      const answers = await stored(invited.token);
      expect(answers.get('JRN-01')).toMatchObject({ value: 'plus' });
      expect(answers.get('JRN-03')).toMatchObject({ value: 'yes', comment: 'Every <b>April</b>.' });
      expect(answers.get('JRN-04')).toMatchObject({ value: 12 });
      expect(answers.get('JRN-06')).toMatchObject({ value: ['support'] });
      await context.close();
    },
    90_000,
  );

  it.each([false, true])(
    'attaches evidence from the page, lists it, removes it (JavaScript %s)',
    async (js) => {
      const invited = await invite(`Evidence Page ${js} Ltd`);
      const { context, page } = await open(js, invited.url);
      const evidence = page.locator('#q-JRN-01 .portal-evidence');
      expect(await evidence.textContent()).toContain('Required before you submit');
      // An answer typed but not saved travels with the upload and is kept.
      await page.locator('#q-JRN-04-value').fill('7');
      await page
        .locator('#q-JRN-01-file')
        .setInputFiles({ name: 'ce-plus-certificate.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Upload file for JRN-01' }).click();
      await page.waitForURL(/attached=JRN-01/);
      expect(await evidence.textContent()).toContain('ce-plus-certificate.pdf');
      expect(await evidence.textContent()).toContain('Required: attached');
      expect(await page.locator('#q-JRN-04-value').inputValue()).toBe('7');
      expect((await stored(invited.token)).get('JRN-04')).toMatchObject({ value: 7 });
      await expectAccessible(page, 'questionnaire with a file', { javaScript: js });
      await screenshots(page, `evidence-${js ? 'js' : 'nojs'}`);

      // A file of a kind that is refused: said in plain words, linked to the file input; the typed answer is kept.
      await page.locator('#q-JRN-04-value').fill('8');
      await page
        .locator('#q-JRN-01-file')
        .setInputFiles({ name: 'tool.pdf', mimeType: 'application/pdf', buffer: EXE });
      await page.getByRole('button', { name: 'Upload file for JRN-01' }).click();
      await page.waitForLoadState();
      const summary = page.locator('.nhsuk-error-summary');
      expect(await summary.textContent()).toContain(
        'JRN-01 Which Cyber Essentials certificate do you hold? The file must be a PDF, PNG, JPEG, Word (DOCX), Excel (XLSX), CSV or plain text file',
      );
      expect(await summary.locator('a').getAttribute('href')).toBe('#q-JRN-01-file');
      expect(await page.locator('#q-JRN-04-value').inputValue()).toBe('8');
      await expectAccessible(page, 'questionnaire with a refused file', { javaScript: js });
      await screenshots(page, `evidence-refused-${js ? 'js' : 'nojs'}`);

      await page.getByRole('button', { name: 'Remove ce-plus-certificate.pdf' }).click();
      await page.waitForURL(/removed=JRN-01/);
      expect(await evidence.textContent()).not.toContain('ce-plus-certificate.pdf');
      expect(await evidence.textContent()).toContain('Required before you submit');
      const audit = await api.request({
        method: 'GET',
        url: `/api/v1/audit-events?entityId=${invited.id}`,
        headers: (await signIn(api, 'governance')).headers,
      });
      expect(JSON.stringify(audit.json())).toContain('evidence.removed');
      await context.close();
    },
    90_000,
  );

  it('lists every problem of a submission at once, in plain words, each linked to its field', async () => {
    const invited = await invite('Gaps Ltd');
    const { context, page } = await open(true, invited.url);
    await group(page, 'JRN-03').getByLabel('Yes').check();
    await page.locator('#q-JRN-04-value').fill('12');
    await page.locator('#q-JRN-04-comment').fill('x'.repeat(5001));
    await page.getByRole('button', { name: 'Submit questionnaire' }).click();
    await page.waitForURL(`${base}/portal/assessment/submit`);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    const items = await page.locator('.nhsuk-error-summary li').allTextContents();
    expect(items).toEqual([
      'JRN-01 Which Cyber Essentials certificate do you hold? Choose an answer',
      'JRN-01 Which Cyber Essentials certificate do you hold? Attach an evidence file',
      'JRN-04 How many staff handle our data? Keep your comment to 5,000 characters or fewer',
      'JRN-06 Which of your services use our data? Choose at least one option',
      'Enter your full name',
      'Enter your job title',
      'Confirm that the answers are accurate to the best of your knowledge',
    ]);
    for (const href of await page
      .locator('.nhsuk-error-summary a')
      .evaluateAll((links) =>
        links.map((a) => (a as unknown as { getAttribute: (n: string) => string }).getAttribute('href')),
      )) {
      expect(await page.locator(href).count()).toBe(1);
    }
    // What was typed is still there (the comment too long as well), and the good answer was saved.
    expect(await page.locator('#q-JRN-04-value').inputValue()).toBe('12');
    expect(await page.locator('#q-JRN-04-comment').inputValue()).toHaveLength(5001);
    expect((await stored(invited.token)).get('JRN-03')).toMatchObject({ value: 'yes' });
    await expectAccessible(page, 'questionnaire with every problem');
    await screenshots(page, 'submit-errors');
    await context.close();
  }, 90_000);

  it('submits and shows a receipt with a printable copy of the answers in words', async () => {
    const invited = await invite('Receipt Ltd');
    const { context, page } = await open(false, invited.url);
    await group(page, 'JRN-01').getByLabel('Cyber Essentials Plus').check();
    await page
      .locator('#q-JRN-01-file')
      .setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Upload file for JRN-01' }).click();
    await page.waitForURL(/attached=JRN-01/);
    await page.locator('#q-JRN-02-value').fill('2027-03-31');
    await group(page, 'JRN-03').getByLabel('No').check();
    await page.locator('#q-JRN-04-value').fill('40');
    await group(page, 'JRN-06').getByLabel('Hosting').check();
    await group(page, 'JRN-06').getByLabel('Remote support').check();
    await page.getByLabel('Your full name').fill('Jo Jones');
    await page.getByLabel('Your job title').fill('Head of IT');
    await page.getByLabel('I confirm these answers are accurate').check();
    await page.getByRole('button', { name: 'Submit questionnaire' }).click();
    await page.waitForURL(`${base}/portal/assessment/receipt`);
    const body = (await page.textContent('main'))!;
    expect(body).toContain('Questionnaire submitted');
    expect(body).toMatch(/Your reference\s*SA-[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(body).toContain('Jo Jones, Head of IT');
    expect(body).toContain('What happens next');
    expect(body).toContain('Royal Test NHS Trust will review your answers');
    const copy = page.locator('.portal-answers');
    expect(await copy.textContent()).toContain('Cyber Essentials Plus');
    expect(await copy.textContent()).toContain('Hosting; Remote support');
    expect(await copy.textContent()).toContain('31 March 2027');
    expect(await copy.textContent()).toContain('Evidence: certificate.pdf');
    expect(await copy.locator('dd').allTextContents()).not.toContain('plus');
    await expectAccessible(page, 'receipt', { javaScript: false });
    await screenshots(page, 'receipt');
    await page.emulateMedia({ media: 'print' });
    await screenshots(page, 'receipt-print');
    expect(await page.locator('header.nhsuk-header').isHidden()).toBe(true);
    expect(await page.locator('.portal-print-only').textContent()).toMatch(
      /^Reference SA-[0-9A-F]{4}-[0-9A-F]{4}, submitted .* by Jo Jones, Head of IT\.$/,
    );
    expect(await page.locator('.portal-answers').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    // Coming back to the questionnaire shows the receipt, not a form.
    await page.goto(`${base}/portal/assessment`);
    expect(page.url()).toBe(`${base}/portal/assessment/receipt`);
    await context.close();
  }, 90_000);

  it("refuses a post without the session's CSRF token, or after the session ended, changing nothing and showing what was typed", async () => {
    const invited = await invite('Refused Post Ltd');
    const { context, page } = await open(true, invited.url);
    await page.locator('#q-JRN-05-value').fill('Our certificate covers the whole company.');
    await group(page, 'JRN-03').getByLabel('Yes').check();
    // A forged or stale page: its token is not this session's.
    await page.evaluate(() => {
      const field = (
        globalThis as unknown as { document: { querySelector: (s: string) => { value: string } } }
      ).document.querySelector('input[name="_csrf"]');
      field.value = 'forged';
    });
    await page
      .locator('section[aria-labelledby="section-people"]')
      .getByRole('button', { name: 'Save answers' })
      .click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('This page has expired');
    expect(await page.textContent('main')).toContain('Nothing was changed');
    expect(await page.locator('.portal-typed').allTextContents()).toEqual([
      'Our certificate covers the whole company.',
    ]);
    expect([...(await stored(invited.token)).values()].every((a) => a === null)).toBe(true);
    await expectAccessible(page, 'refused post');
    await screenshots(page, 'refused-csrf');

    // The session ends (idle, or the cookie is gone) while the supplier types.
    await page.goto(`${base}/portal/assessment`);
    await page.locator('#q-JRN-05-value').fill('Typed after a long lunch.');
    await context.clearCookies();
    await page
      .locator('section[aria-labelledby="section-notes"]')
      .getByRole('button', { name: 'Save answers' })
      .click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Open the link from your email');
    expect(await page.locator('.portal-typed').allTextContents()).toEqual(['Typed after a long lunch.']);
    expect([...(await stored(invited.token)).values()].every((a) => a === null)).toBe(true);
    await expectAccessible(page, 'session ended');
    await screenshots(page, 'session-ended');
    await context.close();
  }, 90_000);

  it('shows a landing page for each state of the link', async () => {
    api.clock.freeze('2026-11-30T10:00:00Z');
    try {
      const seen: Record<string, string> = {};
      const look = async (state: string, url: string, heading: string, button: string | null) => {
        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(url);
        expect(await page.locator('h1').textContent()).toBe(heading);
        const body = (await page.textContent('body'))!;
        expect(body).toContain('Royal Test NHS Trust');
        expect(body).toContain('supplier.assurance@trust.nhs.test');
        expect(await page.locator('main form').count()).toBe(button ? 1 : 0);
        if (button) expect(await page.locator('main button').textContent()).toBe(button);
        await expectAccessible(page, `landing ${state}`, { javaScript: false });
        await screenshots(page, `landing-${state}`);
        seen[state] = heading;
        await context.close();
      };
      const fresh = await invite('Landing Open Ltd', 'supplier-security-lite', '2026-12-31');
      await look('open', fresh.url, 'Supplier security questionnaire (short)', 'Start now');

      const submitted = await invite('Landing Submitted Ltd', 'supplier-security-lite', '2026-12-31');
      const bearer = { authorization: `Bearer ${submitted.token}`, accept: 'application/json' };
      const view = (await api.request({ method: 'GET', url: '/portal/assessment', headers: bearer })).json();
      const answers = view.sections
        .flatMap(
          (s: { questions: { code: string; type: string; options: { value: string }[] | null }[] }) => s.questions,
        )
        .map((q: { code: string; type: string; options: { value: string }[] | null }) => ({
          code: q.code,
          version: 0,
          value: q.options ? q.options[0].value : 'yes',
        }));
      expect(
        (
          await api.request({
            method: 'POST',
            url: '/portal/assessment/answers',
            headers: bearer,
            payload: { answers },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await api.request({
            method: 'POST',
            url: '/portal/assessment/submit',
            headers: bearer,
            payload: { attestation: { name: 'Jo Jones', jobTitle: 'CTO', confirmed: true } },
          })
        ).statusCode,
      ).toBe(200);
      await look('submitted', submitted.url, 'You have submitted this questionnaire', 'View a copy of your answers');
      expect(
        (
          await api.request({
            method: 'POST',
            url: `/api/v1/assessments/${submitted.id}/return`,
            headers: buyer.headers,
            payload: { questionCodes: ['LGV-01'], message: 'Please name the person.' },
          })
        ).statusCode,
      ).toBeLessThan(300);
      await look('returned', submitted.url, 'Supplier security questionnaire (short)', 'See what was asked');
      {
        // What the supplier then sees: the request for clarification, the question asked about.
        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(submitted.url);
        await page.getByRole('button', { name: 'See what was asked' }).click();
        await page.waitForURL(`${base}/portal/assessment`);
        expect(await page.textContent('.nhsuk-warning-callout')).toContain('Please name the person.');
        expect(await page.locator('#q-LGV-01 .nhsuk-tag').textContent()).toBe('Asked about');
        await expectAccessible(page, 'returned questionnaire', { javaScript: false });
        await screenshots(page, 'questionnaire-returned');
        await context.close();
      }

      const cancelled = await invite('Landing Cancelled Ltd', 'supplier-security-lite', '2026-12-31');
      await api.request({
        method: 'POST',
        url: `/api/v1/assessments/${cancelled.id}/cancel`,
        headers: buyer.headers,
        payload: {},
      });
      await look('cancelled', cancelled.url, 'This questionnaire has been withdrawn', null);

      const replaced = await invite('Landing Replaced Ltd', 'supplier-security-lite', '2026-12-31');
      expect(
        (
          await api.request({
            method: 'POST',
            url: `/api/v1/assessments/${replaced.id}/resend`,
            headers: buyer.headers,
            payload: {},
          })
        ).statusCode,
      ).toBeLessThan(300);
      await look('replaced', replaced.url, 'This link has been replaced', null);
      await look('invalid', `${base}/portal/i/${'x'.repeat(43)}`, 'This link is not valid', null);

      const late = await invite('Landing Late Ltd', 'supplier-security-lite', '2026-12-05');
      api.clock.freeze('2026-12-10T10:00:00Z');
      await look('overdue', late.url, 'Supplier security questionnaire (short)', 'Continue');
      api.clock.freeze('2027-01-10T10:00:00Z'); // the link lasts until 30 days after the due date
      await look('expired', late.url, 'This link has expired', null);
      expect(Object.keys(seen)).toHaveLength(8);
    } finally {
      api.clock.reset();
    }
  }, 120_000);
});
