import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '@dev/embedded';
import { UsersService, type Role } from '@app/identity';
import { addDays } from '@app/platform';
import { startTestApi, type TestApi } from './app.js';
import { postConsoleLogin } from './console.js';
import { PASSWORD, type SignedIn } from './users.js';

export { launchChromium } from './browser.js';

/**
 * Test data built the way a user builds it: through the API's own routes, so a factory's rows are
 * the rows the product makes. Every test creates what it reads (fresh names, its own supplier);
 * none relies on an earlier test's rows.
 */

/** The API on a real port (for a browser), its links pointing at that port. */
export async function startListeningApi(
  overrides: Record<string, string> = {},
): Promise<{ api: TestApi; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = await startTestApi({ PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '10000', ...overrides });
  await api.app.listen({ port, host: '127.0.0.1' });
  return { api, base };
}

export interface SupplierFields {
  name: string;
  kind?: string;
  criticality?: string;
  status?: string;
  ownerId?: string;
  contacts?: { name: string; email: string; role: string }[];
}

/** A supplier (active, high criticality, one primary contact unless given): answers its id. */
export async function createSupplier(api: TestApi, who: SignedIn, fields: SupplierFields): Promise<string> {
  const payload = {
    kind: 'supplier',
    criticality: 'high',
    status: 'active',
    contacts: [{ name: 'Pat', email: 'pat@supplier.example', role: 'primary' }],
    ...fields,
  };
  const res = await api.request({ method: 'POST', url: '/api/v1/suppliers', headers: who.headers, payload });
  if (res.statusCode !== 201) throw new Error(`supplier not created: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

export interface LinkFields {
  asset?: { name?: string; recordCount?: number; classification?: string; categories?: string[] };
  link?: Record<string, unknown>;
}

/**
 * A data asset of patient data and an active data-sharing link of it to the supplier (identifiable,
 * UK, started 330 days ago, review date in 212 days by the app's clock, unless given): answers both ids.
 */
export async function createDataSharingLink(
  api: TestApi,
  who: SignedIn,
  supplierId: string,
  fields: LinkFields = {},
): Promise<{ assetId: string; linkId: string }> {
  const asset = await api.request({
    method: 'POST',
    url: '/api/v1/data-assets',
    headers: who.headers,
    payload: {
      name: 'Patient records',
      classification: 'special_category',
      categories: ['nhs_number', 'clinical'],
      recordCount: 400_000,
      ...fields.asset,
    },
  });
  if (asset.statusCode !== 201) throw new Error(`data asset not created: ${asset.statusCode} ${asset.body}`);
  const link = await api.request({
    method: 'POST',
    url: '/api/v1/data-sharing-links',
    headers: who.headers,
    payload: {
      supplierId,
      dataAssetId: asset.json().id,
      purpose: 'Direct care',
      direction: 'outbound',
      recordCount: 100_000,
      pseudonymisation: 'identifiable',
      article6Basis: 'public_task',
      article9Condition: 'health_care',
      confidentialityBasis: 'direct_care',
      agreementType: 'contract',
      agreementRef: 'C-1',
      transferMethod: 'api',
      processingLocation: 'uk',
      startDate: addDays(api.clock.today(), -330),
      reviewDate: addDays(api.clock.today(), 212),
      status: 'active',
      ...fields.link,
    },
  });
  if (link.statusCode !== 201 || link.json().status !== 'active')
    throw new Error(`data-sharing link not created: ${link.statusCode} ${link.body}`);
  return { assetId: asset.json().id as string, linkId: link.json().id as string };
}

/** A questionnaire sent to the supplier's primary contact: answers its id and the supplier's portal token. */
export async function sendAssessment(
  api: TestApi,
  who: SignedIn,
  supplierId: string,
  dueDate: string,
  questionnaireKey = 'supplier-security-lite',
): Promise<{ id: string; token: string; invitationUrl: string }> {
  const sent = await api.request({
    method: 'POST',
    url: '/api/v1/assessments',
    headers: who.headers,
    payload: { supplierId, questionnaireKey, dueDate },
  });
  if (sent.statusCode !== 201) throw new Error(`assessment not sent: ${sent.statusCode} ${sent.body}`);
  const invitationUrl = sent.json().invitationUrl as string;
  return { id: sent.json().id as string, token: invitationUrl.split('/portal/i/')[1], invitationUrl };
}

type Question = {
  code: string;
  type: string;
  options: { value: string; score?: number }[] | null;
  answer: { version: number } | null;
};

/**
 * The supplier answers every question at its best through the portal (yes, the highest-scoring
 * choice), except the answers given by question code in `answers`, and submits with its attestation.
 */
export async function answerQuestionnaire(
  api: TestApi,
  token: string,
  options: {
    answers?: Record<string, unknown>;
    attestation?: { name: string; jobTitle: string; confirmed: boolean };
  } = {},
): Promise<void> {
  const attestation = options.attestation ?? { name: 'Sam Ortiz', jobTitle: 'CTO', confirmed: true };
  const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
    api.request({ method, url, payload, headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  const view = (await portal('GET', '/portal/assessment')).json();
  const answers = view.sections
    .flatMap((s: { questions: Question[] }) => s.questions)
    .map((q: Question) => ({
      code: q.code,
      version: q.answer?.version ?? 0,
      value:
        q.code in (options.answers ?? {})
          ? options.answers![q.code]
          : (
              {
                yes_no: 'yes',
                yes_no_partial: 'yes',
                text: 'Described.',
                number: 1,
                date: addDays(api.clock.today(), -30),
                single_choice: [...(q.options ?? [])].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]?.value,
                multi_choice: [q.options?.[0]?.value],
              } as Record<string, unknown>
            )[q.type],
    }));
  const saved = await portal('POST', '/portal/assessment/answers', { answers });
  if (saved.statusCode !== 200) throw new Error(`answers not saved: ${saved.statusCode} ${saved.body}`);
  const submitted = await portal('POST', '/portal/assessment/submit', { attestation });
  if (submitted.statusCode !== 200)
    throw new Error(`questionnaire not submitted: ${submitted.statusCode} ${submitted.body}`);
}

/** An internal user of the role with the test password (not signed in): answers the address and id. */
export async function createUser(api: TestApi, role: Role): Promise<{ email: string; id: string }> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@trust.nhs.test`;
  const created = await api.app.get(UsersService).create({ email, name: `${role} person`, role, password: PASSWORD });
  return { email, id: created.id };
}

/**
 * A console session signed in through the form (each from its own address: the form is rate limited
 * per address): answers the session cookie and the CSRF token of the first page.
 */
export async function consoleSession(
  api: TestApi,
  email: string,
  password = PASSWORD,
): Promise<{ cookie: string; csrf: string; status: number }> {
  const res = await postConsoleLogin(
    api,
    `email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}`,
    `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  );
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const page = await api.request({ method: 'GET', url: '/console', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie, csrf, status: res.statusCode };
}

/** A browser page signed in to the console through its sign-in form, on the console's home page. */
export async function consolePage(
  browser: Browser,
  base: string,
  email: string,
  options: { width?: number; javaScriptEnabled?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    bypassCSP: true,
    ...(options.javaScriptEnabled === undefined ? {} : { javaScriptEnabled: options.javaScriptEnabled }),
    ...(options.width ? { viewport: { width: options.width, height: 900 } } : {}),
  });
  const page = await context.newPage();
  await page.goto(`${base}/console/login`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/console`);
  return page;
}

/** axe-core's source, to add to a page. */
export const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 AA violations on the page, one line each (empty when it passes). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const win = globalThis as unknown as {
      document: unknown;
      axe: {
        run: (
          c: unknown,
          o: object,
        ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    const result = await win.axe.run(win.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}
