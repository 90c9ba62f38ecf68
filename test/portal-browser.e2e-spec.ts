import { addDays } from '@app/platform';
import type { Browser, Page } from 'playwright-core';
import { SendQuestionnaire } from '@app/assessments';
import { freePort } from '@dev/embedded';
import { SuppliersService } from '@app/suppliers';
import { startTestApi, type TestApi } from './support/app.js';
import { expectAccessible, launchChromium } from './support/browser.js';

/** A supplier answers in a real browser (Debian's Chromium), with no account; axe checks every page. */
describe('supplier portal in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = await startTestApi({ PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '10000' });
    await api.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const accessible = (page: Page, label: string) => expectAccessible(page, label);

  it('opens the link, starts, answers over two sittings, reloads, and submits', async () => {
    const supplier = await api.app.get(SuppliersService).create({
      name: 'Browser Test <i>Ltd</i>',
      kind: 'supplier',
      criticality: 'low',
      status: 'active',
      contacts: [{ name: 'Robin Reed', email: 'robin@browser.example', role: 'primary' }],
    });
    const { invitationUrl } = await api.app.get(SendQuestionnaire).send(
      {
        supplierId: supplier.id,
        questionnaireKey: 'supplier-security-lite',
        dueDate: addDays(api.clock.today(), 60),
      },
      null,
    );
    const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
    const page = await context.newPage();

    await page.goto(invitationUrl);
    expect(await page.locator('h1').textContent()).toBe('Supplier security questionnaire (short)');
    expect(await page.textContent('body')).toContain('Browser Test <i>Ltd</i>');
    await accessible(page, 'landing');
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL(`${base}/portal/assessment`);
    await accessible(page, 'questionnaire');

    // First sitting: the first section.
    await page
      .getByRole('group', { name: /LGV-01/ })
      .getByLabel('Yes')
      .check();
    await page
      .getByRole('group', { name: /LGV-02/ })
      .getByLabel('Partly')
      .check();
    await page
      .getByRole('group', { name: /LGV-03/ })
      .getByLabel('Standards met')
      .check();
    await page.getByLabel('Comment (optional)').first().fill('Our CISO <b>owns</b> this.');
    await page
      .locator('section[aria-labelledby="section-basics"]')
      .getByRole('button', { name: 'Save answers' })
      .click();
    await page.waitForURL(/saved=basics/);
    expect(await page.textContent('body')).toContain('Your answers have been saved (3 changed).');

    // Second sitting, after a reload: the answers are still there.
    await page.reload();
    expect(
      await page
        .getByRole('group', { name: /LGV-01/ })
        .getByLabel('Yes')
        .isChecked(),
    ).toBe(true);
    expect(
      await page
        .getByRole('group', { name: /LGV-02/ })
        .getByLabel('Partly')
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Comment (optional)').first().inputValue()).toBe('Our CISO <b>owns</b> this.');

    for (const section of ['controls', 'data', 'incidents']) {
      const form = page.locator(`section[aria-labelledby="section-${section}"]`);
      const groups = await form.locator('.nhsuk-radios').all();
      for (const group of groups) await group.locator('input').first().check();
      await form.getByRole('button', { name: 'Save answers' }).click();
      await page.waitForURL(new RegExp(`saved=${section}`));
    }
    // LIN-04 appears once LIN-03 is answered "yes", at once with JavaScript on: answer it too.
    await page
      .getByRole('group', { name: /LIN-03/ })
      .getByLabel('No')
      .check();
    expect(await page.locator('#q-LIN-04').isHidden()).toBe(true);
    await page
      .getByRole('group', { name: /LIN-03/ })
      .getByLabel('Yes')
      .check();
    expect(await page.locator('#q-LIN-04').isVisible()).toBe(true);
    const lin04 = page.getByRole('group', { name: /LIN-04/ });
    await lin04.getByLabel('Yes').check();
    await page
      .locator('section[aria-labelledby="section-incidents"]')
      .getByRole('button', { name: 'Save answers' })
      .click();
    await page.waitForURL(/saved=incidents/);

    // Submitting without the attestation shows an error summary that links to the field.
    await page.getByRole('button', { name: 'Submit questionnaire' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await accessible(page, 'questionnaire with errors');
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Enter your full name');

    await page.getByLabel('Your full name').fill('Robin Reed');
    await page.getByLabel('Your job title').fill('Head of IT');
    await page.getByLabel('I confirm these answers are accurate').check();
    await page.getByRole('button', { name: 'Submit questionnaire' }).click();
    await page.waitForURL(/\/portal\/assessment\/receipt$/);
    expect(await page.textContent('body')).toContain('Questionnaire submitted');
    await accessible(page, 'submitted');
    // On a phone the copy of the answers gives each question the full width (not 55% of it).
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = (await page.evaluate(
      `(() => { const row = document.querySelector('.portal-answers .nhsuk-summary-list__row'); return { row: row.clientWidth, key: row.querySelector('dt').clientWidth }; })()`,
    )) as { row: number; key: number };
    expect(widths.key).toBeGreaterThan(widths.row * 0.9);
    await context.close();
  }, 120_000);

  it('an error summary link brings the question and its error into view, with the focus in its first answer', async () => {
    const supplier = await api.app.get(SuppliersService).create({
      name: 'Summary Links Ltd',
      kind: 'supplier',
      criticality: 'low',
      status: 'active',
      contacts: [{ name: 'Ash Lee', email: 'ash@summary.example', role: 'primary' }],
    });
    const { invitationUrl } = await api.app.get(SendQuestionnaire).send(
      {
        supplierId: supplier.id,
        questionnaireKey: 'supplier-security-lite',
        dueDate: addDays(api.clock.today(), 60),
      },
      null,
    );
    const context = await browser.newContext({
      bypassCSP: true,
      javaScriptEnabled: true,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(invitationUrl);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForURL(`${base}/portal/assessment`);
    await page.getByRole('button', { name: 'Submit questionnaire' }).click();
    await page.locator('.nhsuk-error-summary a[href="#q-LGV-02-yes"]').click();
    expect(await page.evaluate('document.activeElement.id')).toBe('q-LGV-02-yes');
    const top = async (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
    // The question's text and its error are on screen, above the focused answer.
    expect(await top('#q-LGV-02 legend')).toBeGreaterThanOrEqual(0);
    expect(await top('#error-LGV-02')).toBeGreaterThanOrEqual(0);
    expect(await top('#q-LGV-02-yes')).toBeLessThan(844);
    await context.close();
  }, 120_000);

  /** Answers every visible question of a section the way a person would: first choice, some text, a number, a date. */
  async function answerSection(page: Page, form: ReturnType<Page['locator']>) {
    // More passes for questions an answer has just revealed (the list is live: a reveal shifts the ones after it).
    for (let pass = 0; pass < 4; pass++) {
      for (const question of await form.locator('div.nhsuk-form-group[id^="q-"]:not([hidden])').all()) {
        const code = (await question.getAttribute('id'))!.slice(2);
        const choices = question.locator(`input[name="q.${code}.value"]`);
        if (
          (await choices.count()) > 0 &&
          ['radio', 'checkbox'].includes((await choices.first().getAttribute('type')) ?? '')
        ) {
          if ((await question.locator(`input[name="q.${code}.value"]:checked`).count()) === 0)
            await choices.first().check();
          continue;
        }
        const value = question.locator(`#q-${code}-value`);
        const type = await value.getAttribute('type');
        if ((await value.inputValue()) === '')
          await value.fill(
            type === 'number'
              ? '1'
              : type === 'date'
                ? addDays(api.clock.today(), -30)
                : 'Described in our security policy.',
          );
      }
    }
    await form.getByRole('button', { name: 'Save answers' }).click();
    await page.waitForURL(/saved=/);
  }

  it.each(['supplier-security-core', 'research-data-partner', 'incident-follow-up'])(
    'completes %s end to end in the browser',
    async (questionnaireKey) => {
      const supplier = await api.app.get(SuppliersService).create({
        name: `Every Question ${questionnaireKey} Ltd`,
        kind: 'university',
        criticality: 'high',
        status: 'active',
        contacts: [{ name: 'Sam Shaw', email: `sam.${questionnaireKey}@every.example`, role: 'primary' }],
      });
      const { invitationUrl } = await api.app
        .get(SendQuestionnaire)
        .send({ supplierId: supplier.id, questionnaireKey, dueDate: addDays(api.clock.today(), 60) }, null);
      const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.goto(invitationUrl);
      await page.getByRole('button', { name: 'Start now' }).click();
      await page.waitForURL(`${base}/portal/assessment`);
      const sections = await page.locator('section[aria-labelledby^="section-"]').count();
      for (let i = 0; i < sections; i++)
        await answerSection(page, page.locator('section[aria-labelledby^="section-"]').nth(i));
      await page.getByLabel('Your full name').fill('Sam Shaw');
      await page.getByLabel('Your job title').fill('Chief Information Security Officer');
      await page.getByLabel('I confirm these answers are accurate').check();
      await page.getByRole('button', { name: 'Submit questionnaire' }).click();
      await page.waitForURL(/\/portal\/assessment\/receipt$/);
      expect(await page.textContent('body')).toContain('Questionnaire submitted');
      await accessible(page, `${questionnaireKey} submitted`);
      await context.close();
    },
    120_000,
  );
});
