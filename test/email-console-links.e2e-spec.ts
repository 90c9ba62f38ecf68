import type { INestApplicationContext } from '@nestjs/common';
import { pino } from 'pino';
import type { Role } from '@app/identity';
import { Clock } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { NotificationScheduler } from '../apps/worker/src/email/notification-scheduler.js';
import { startTestApi, type TestApi } from './support/app.js';
import { postConsoleLogin } from './support/console.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';

/**
 * An internal email's console link must open, for its reader, a page their role may see: a data
 * asset's owner may hold any role, and the link's own form is procurement's.
 */
describe('internal emails link to a console page the reader can open', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let buyer: SignedIn;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({
      SMTP_URL: sink.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      SWEEP_INTERVAL_MS: '300',
      SWEEP_GRACE_MS: '200',
      SCHEDULE_INTERVAL_MS: '3600000',
    });
    api.clock.freeze('2027-02-01T09:00:00Z');
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    await worker.init();
    buyer = await signIn(api, 'procurement');
  }, 120_000);
  afterAll(async () => {
    api.clock.reset();
    worker.get(Clock).reset();
    await worker.close();
    await api.close();
    await sink.stop();
  });

  /** The reader's console session, signed in through the login form. */
  async function consoleCookie(email: string): Promise<string> {
    const res = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
    );
    expect(res.statusCode).toBe(303);
    return String(res.headers['set-cookie']).split(';')[0];
  }

  async function linkOwnedBy(owner: SignedIn, name: string) {
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name,
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        ownerId: buyer.id,
        contacts: [{ name: 'Pat Primary', email: `pat.${name.split(' ')[2]}@supplier.example`, role: 'primary' }],
      },
    });
    expect(supplier.statusCode).toBe(201);
    const asset = await api.request({
      method: 'POST',
      url: '/api/v1/data-assets',
      headers: buyer.headers,
      payload: {
        name: `${name} records`,
        classification: 'personal',
        categories: ['contact_details'],
        recordCount: 500,
        ownerId: owner.id,
      },
    });
    expect(asset.statusCode).toBe(201);
    const link = await api.request({
      method: 'POST',
      url: '/api/v1/data-sharing-links',
      headers: buyer.headers,
      payload: {
        supplierId: supplier.json().id,
        dataAssetId: asset.json().id,
        purpose: 'Printing',
        direction: 'outbound',
        recordCount: 500,
        pseudonymisation: 'identifiable',
        article6Basis: 'public_task',
        agreementType: 'DPA',
        agreementRef: 'DPA-9',
        processingLocation: 'uk',
        reviewDate: '2027-03-10',
        endDate: '2027-03-12',
        status: 'active',
      },
    });
    expect(link.statusCode).toBe(201);
    return { supplierId: supplier.json().id as string, linkId: link.json().id as string };
  }

  it('the review and end-date notices of a data-sharing link open for the data asset owner, whatever their role', async () => {
    const owners = {} as Record<Role, SignedIn>;
    const links = {} as Record<Role, { supplierId: string; linkId: string }>;
    for (const role of ['procurement', 'governance', 'viewer'] as Role[]) {
      owners[role] = role === 'procurement' ? buyer : await signIn(api, role);
      links[role] = await linkOwnedBy(owners[role], `Owned by ${role} Ltd`);
    }
    worker.get(Clock).freeze('2027-02-10T10:00:00Z'); // a Wednesday, 28 days before the review date, 30 before the end
    await worker.get(NotificationScheduler).run();
    for (const role of ['procurement', 'governance', 'viewer'] as Role[]) {
      const mail = () =>
        sink.to(owners[role].email).filter((m) => /^Data(-sharing review due| sharing ends) /.test(m.subject));
      await waitUntil(async () => (mail().length === 2 ? true : undefined), 20_000);
      const cookie = await consoleCookie(owners[role].email);
      for (const m of mail()) {
        const urls = [...m.text.matchAll(/http:\/\/assure\.test(\/console\/\S+)/g)].map((x) => x[1]);
        expect({ role, subject: m.subject, urls: urls.length }).toEqual({ role, subject: m.subject, urls: 1 });
        const page = await api.request({ method: 'GET', url: urls[0].replace(/#.*$/, ''), headers: { cookie } });
        expect({ role, url: urls[0], status: page.statusCode }).toEqual({ role, url: urls[0], status: 200 });
        if (role === 'procurement') {
          expect(urls[0]).toBe(`/console/links/${links[role].linkId}`);
        } else {
          // Not the form that would refuse them: the supplier's links, and who records the decision.
          expect(urls[0]).toBe(`/console/suppliers/${links[role].supplierId}#links`);
          expect(m.text).toContain('Your role in Assure cannot change the link');
          expect(m.text).toMatch(/write to \S+@\S+ and procurement will record/);
        }
      }
    }
  }, 90_000);

  it("an overdue questionnaire's notice to a supplier owner who cannot send questionnaires opens the assessment, not the reassign form", async () => {
    const owner = await signIn(api, 'governance');
    const supplier = await api.request({
      method: 'POST',
      url: '/api/v1/suppliers',
      headers: buyer.headers,
      payload: {
        name: 'Governance Owned Ltd',
        kind: 'supplier',
        criticality: 'low',
        status: 'active',
        ownerId: owner.id,
        contacts: [{ name: 'Pat Primary', email: 'pat.governance-owned@supplier.example', role: 'primary' }],
      },
    });
    expect(supplier.statusCode).toBe(201);
    const sent = await api.request({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: buyer.headers,
      payload: { supplierId: supplier.json().id, dueDate: '2027-02-09' },
    });
    expect(sent.statusCode).toBe(201);
    worker.get(Clock).freeze('2027-02-10T10:00:00Z'); // the day after the due date: the overdue notice
    await worker.get(NotificationScheduler).run();
    const notice = () =>
      sink.to(owner.email).find((m) => m.subject.startsWith('Overdue: Governance Owned Ltd has not returned'));
    await waitUntil(async () => notice(), 20_000);
    const urls = [...notice()!.text.matchAll(/http:\/\/assure\.test(\/console\/\S+)/g)].map((x) => x[1]);
    expect(urls).toEqual([`/console/assessments/${sent.json().id}`]);
    expect(notice()!.text).toContain('your role in Assure cannot send questionnaires, so procurement sends it on');
    const page = await api.request({
      method: 'GET',
      url: urls[0],
      headers: { cookie: await consoleCookie(owner.email) },
    });
    expect(page.statusCode).toBe(200);
  }, 60_000);
});
