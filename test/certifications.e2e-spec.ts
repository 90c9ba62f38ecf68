import type { INestApplicationContext } from '@nestjs/common';
import { pino } from 'pino';
import { Clock } from '@app/platform';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { NotificationScheduler } from '../apps/worker/src/email/notification-scheduler.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { createDataSharingLink, createSupplier } from './support/factories.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

/** A Monday: the scheduler runs on working days only, and the literal dates below are written against it. */
const NOW = '2026-11-30T10:00:00Z';
const until = (probe: () => Promise<unknown>, timeoutMs = 15_000) =>
  waitUntil(async () => ((await probe()) ? true : undefined), timeoutMs);

describe('certifications: what a supplier has proven, not said', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let workerClock: Clock;
  let buyer: SignedIn;
  let governance: SignedIn;
  let viewer: SignedIn;
  let supplierId: string;
  let ceId: string;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({
      SMTP_URL: sink.url,
      RATE_LIMIT_PER_MINUTE: '10000',
      SWEEP_INTERVAL_MS: '300',
      SWEEP_GRACE_MS: '200',
      SCHEDULE_INTERVAL_MS: '3600000',
    });
    api.clock.freeze(NOW);
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    await worker.init();
    workerClock = worker.get(Clock);
    workerClock.freeze(NOW);
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    viewer = await signIn(api, 'viewer');
    supplierId = await createSupplier(api, buyer, {
      name: 'Northgate Pathology',
      ownerId: buyer.id,
      contacts: [{ name: 'Priya Shah', email: 'priya@northgate.example', role: 'primary' }],
    });
    await createDataSharingLink(api, buyer, supplierId, {
      asset: { name: 'Pathology results', recordCount: 500_000 },
      link: { purpose: 'Pathology testing for direct care', recordCount: 200_000, agreementRef: 'C-17' },
    });
  });
  afterAll(async () => {
    api.clock.reset();
    workerClock.reset();
    await worker.close();
    await api.close();
    await sink.stop();
  });

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  const list = async () => (await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/certifications`)).json();

  it('flags a supplier receiving patient data without a current DSPT of standards met or better', async () => {
    expect((await list()).dspt).toEqual({ receivesPatientData: true, currentStatus: null, flagged: true });
    const approaching = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'dspt',
      status: 'approaching_standards',
      reference: '8HN22',
      issuedOn: '2026-06-30',
      expiresOn: '2027-06-30',
    });
    expect(approaching.statusCode).toBe(201);
    expect((await list()).dspt).toEqual({
      receivesPatientData: true,
      currentStatus: 'approaching_standards',
      flagged: true,
    });
    const met = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'dspt',
      status: 'standards_met',
      reference: '8HN22',
      issuedOn: '2026-07-15',
      expiresOn: '2027-06-30',
    });
    expect(met.json()).toMatchObject({
      kind: 'dspt',
      status: 'standards_met',
      expired: false,
      current: true,
      verified: false,
      verifiedBy: null,
      verifiedOn: null,
    });
    expect((await list()).dspt).toEqual({ receivesPatientData: true, currentStatus: 'standards_met', flagged: false });
  });

  it('refuses bad input with problem details: kinds and DSPT statuses of api.md, a status for the DSPT only, expiry after issue', async () => {
    const bad = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'iso9001',
      status: 'great',
      issuedOn: '30/06/2026',
    });
    expect(bad.statusCode).toBe(400);
    expect([...new Set(bad.json().errors.map((e: { path: string }) => e.path))].sort()).toEqual([
      'issuedOn',
      'kind',
      'status',
    ]);
    const noStatus = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, { kind: 'dspt' });
    expect(noStatus.statusCode).toBe(422);
    expect(noStatus.json().errors).toEqual([
      { path: 'status', message: 'is required for the DSPT (its published status)' },
    ]);
    const wrong = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'iso27001',
      status: 'standards_met',
      issuedOn: '2026-05-01',
      expiresOn: '2026-04-01',
    });
    expect(
      wrong
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['expiresOn', 'status']);
    expect(
      (await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, { kind: 'other' })).statusCode,
    ).toBe(403);
  });

  it('verified by procurement or governance (who and when); governance changes nothing else; a changed certificate needs verifying again', async () => {
    const ce = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'cyber_essentials',
      reference: 'IASME-CE-012345',
      scope: 'Whole organisation',
      issuedOn: '2025-12-20',
      expiresOn: '2026-12-20',
      evidence: 'SharePoint: Suppliers/Northgate/CE-2025.pdf',
    });
    expect(ce.statusCode).toBe(201);
    ceId = ce.json().id;
    expect((await call(viewer, 'PATCH', `/api/v1/certifications/${ceId}`, { verified: true })).statusCode).toBe(403);
    const sneaky = await call(governance, 'PATCH', `/api/v1/certifications/${ceId}`, {
      verified: true,
      expiresOn: '2030-01-01',
    });
    expect(sneaky.statusCode).toBe(422);
    expect(sneaky.json().errors).toEqual([{ path: 'expiresOn', message: 'may only be changed by procurement' }]);
    const verified = await call(governance, 'PATCH', `/api/v1/certifications/${ceId}`, { verified: true });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      verified: true,
      verifiedBy: governance.id,
      verifiedOn: '2026-11-30',
      current: true,
    });
    const changed = await call(buyer, 'PATCH', `/api/v1/certifications/${ceId}`, { reference: 'IASME-CE-099999' });
    expect(changed.json()).toMatchObject({
      reference: 'IASME-CE-099999',
      verified: false,
      verifiedBy: null,
      verifiedOn: null,
    });
    const again = await call(buyer, 'PATCH', `/api/v1/certifications/${ceId}`, { verified: true });
    expect(again.json()).toMatchObject({ verified: true, verifiedBy: buyer.id });
    const audit = await query<{ action: string; actor_id: string }>(
      api.databaseUrl,
      "SELECT action, actor_id FROM audit_event WHERE entity_type = 'certification' AND entity_id = $1 ORDER BY id",
      [ceId],
    );
    expect(audit).toEqual([
      { action: 'certification.created', actor_id: buyer.id },
      { action: 'certification.verified', actor_id: governance.id },
      { action: 'certification.updated', actor_id: buyer.id },
      { action: 'certification.verified', actor_id: buyer.id },
    ]);
  });

  it('keeps the certificate checked as a file (type by content); a new file clears the verification', async () => {
    const created = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'iso27001',
      reference: 'ISO-2026',
      issuedOn: '2026-02-01',
      expiresOn: '2029-02-01',
    });
    const id = created.json().id;
    expect((await call(buyer, 'PATCH', `/api/v1/certifications/${id}`, { verified: true })).json().verified).toBe(true);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const upload = (who: SignedIn, content: Buffer, filename: string) => {
      const boundary = `----assure${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return api.request({
        method: 'POST',
        url: `/api/v1/certifications/${id}/evidence`,
        headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    expect((await upload(governance, pdf, 'iso.pdf')).statusCode).toBe(403);
    const bad = await upload(buyer, Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 'certificate.pdf');
    expect(bad.statusCode).toBe(415);
    const stored = await upload(buyer, pdf, 'ISO 27001 certificate.pdf');
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({
      verified: false,
      evidenceFile: {
        mediaType: 'application/pdf',
        size: pdf.length,
        fileName: expect.stringMatching(/^certificate-iso27001-[0-9a-f]{12}\.pdf$/),
      },
    });
    const download = await call(viewer, 'GET', `/api/v1/certifications/${id}/evidence`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(
      await query(
        api.databaseUrl,
        "SELECT id FROM audit_event WHERE action = 'certification.evidence_attached' AND entity_id = $1",
        [id],
      ),
    ).toHaveLength(1);
  });

  it('shows an expired certificate as expired', async () => {
    const iso = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/certifications`, {
      kind: 'iso27001',
      reference: 'ISO-77',
      issuedOn: '2023-10-01',
      expiresOn: '2026-10-01',
    });
    expect(iso.json()).toMatchObject({ expired: true, current: false });
    expect((await call(viewer, 'GET', `/api/v1/certifications/${iso.json().id}`)).json()).toMatchObject({
      expired: true,
    });
    const items = (await list()).items as { reference: string; expired: boolean }[];
    expect(items.find((c) => c.reference === 'ISO-77')).toMatchObject({ expired: true });
  });

  it('owes procurement one reminder 30 days before expiry and one on expiry, whatever the number of runs', async () => {
    const scheduler = worker.get(NotificationScheduler);
    const mine = () =>
      sink
        .to(buyer.email)
        .filter((m) => m.subject.includes('Northgate Pathology') && m.subject.includes('Cyber Essentials'));
    await scheduler.run();
    await scheduler.run();
    await until(async () => mine().length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(mine().map((m) => m.subject)).toEqual([
      "Expires in 20 days: Northgate Pathology's Cyber Essentials certificate",
    ]);
    expect(mine()[0].text).toContain('expires in 20 days, on 20 Dec 2026');
    expect(mine()[0].text).toContain('What to do:');
    expect(mine()[0].text).toContain(`/console/suppliers/${supplierId}/assurance`);
    // The ISO certificate expired two months ago: shown as expired, not mailed about.
    expect(sink.to(buyer.email).filter((m) => m.subject.includes('ISO/IEC 27001'))).toHaveLength(0);

    workerClock.freeze('2026-12-21T10:00:00Z'); // the Monday after expiry
    await scheduler.run();
    await scheduler.run();
    await until(async () => mine().length === 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(mine().map((m) => m.subject)).toEqual([
      "Expires in 20 days: Northgate Pathology's Cyber Essentials certificate",
      "Expired: Northgate Pathology's Cyber Essentials certificate",
    ]);
    const owed = await query<{ dedupe_key: string }>(
      api.databaseUrl,
      "SELECT dedupe_key FROM outbox_message WHERE refs->>'certificationId' = $1 ORDER BY dedupe_key",
      [ceId],
    );
    expect(owed.map((o) => o.dedupe_key)).toEqual([
      `certification:${ceId}:expiry:2026-12-20:30d`,
      `certification:${ceId}:expiry:2026-12-20:expiry`,
    ]);
    workerClock.freeze(NOW);
  });

  it('owes the owner a review notice for an access path not reviewed for 12 months, once', async () => {
    const path = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'remote_support',
      description: 'Analyser vendor remote support',
      mfa: 'enforced',
      monitored: true,
      lastReviewedOn: '2025-11-01',
    });
    expect(path.statusCode).toBe(201);
    const fresh = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'vpn',
      description: 'Lab VPN',
      mfa: 'enforced',
      monitored: true,
      lastReviewedOn: '2026-09-01',
    });
    expect(fresh.statusCode).toBe(201);
    const scheduler = worker.get(NotificationScheduler);
    const notices = () => sink.to(buyer.email).filter((m) => m.subject.startsWith('Review due:'));
    await scheduler.run();
    await scheduler.run();
    await until(async () => notices().length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(notices().map((m) => m.subject)).toEqual([
      "Review due: Northgate Pathology's way into our systems (Analyser vendor remote support)",
    ]);
    expect(notices()[0].text).toContain('was last reviewed on 1 Nov 2025');
    expect(notices()[0].text).toContain('What to do:');
  });
  it('tells whoever recorded the path when the supplier has no owner, and the recorder of a certificate likewise', async () => {
    const orphan = await createSupplier(api, buyer, {
      name: 'Ownerless Imaging',
      contacts: [{ name: 'Kim Lee', email: 'kim@ownerless.example', role: 'primary' }],
    });
    const path = await call(buyer, 'POST', `/api/v1/suppliers/${orphan}/access-paths`, {
      kind: 'vpn',
      description: 'Ownerless VPN',
      mfa: 'enforced',
      monitored: true,
      lastReviewedOn: '2025-10-01',
    });
    expect(path.statusCode).toBe(201);
    const cert = await call(buyer, 'POST', `/api/v1/suppliers/${orphan}/certifications`, {
      kind: 'cyber_essentials',
      reference: 'CE-ORPHAN',
      issuedOn: '2026-01-05',
      expiresOn: '2026-12-15',
    });
    expect(cert.statusCode).toBe(201);
    const scheduler = worker.get(NotificationScheduler);
    const mine = () => sink.to(buyer.email).filter((m) => m.subject.includes('Ownerless Imaging'));
    await scheduler.run();
    await until(async () => mine().length === 2);
    expect(
      mine()
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      "Expires in 15 days: Ownerless Imaging's Cyber Essentials certificate",
      "Review due: Ownerless Imaging's way into our systems (Ownerless VPN)",
    ]);
  });
});
