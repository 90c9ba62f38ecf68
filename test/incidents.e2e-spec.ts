import type { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { pino } from 'pino';
import { londonDateTime } from '@app/notifications';
import { createWorker } from '../apps/worker/src/bootstrap.js';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { answerQuestionnaire } from './support/factories.js';
import { waitUntil } from './support/processes.js';
import { SmtpSink } from './support/smtp-sink.js';
import { signIn, type SignedIn } from './support/users.js';

const GOVERNANCE = 'governance@trust.nhs.test';

describe('incident mode: a supplier has been breached', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let supplierId: string;
  let incidentId: string;
  let sink: SmtpSink;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000', GOVERNANCE_EMAIL: GOVERNANCE, SMTP_URL: sink.url });
    worker = await createWorker(api.config, pino({ level: 'silent' }));
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    const supplier = await call(buyer, 'POST', '/api/v1/suppliers', {
      name: 'Riverside University',
      kind: 'university',
      criticality: 'low',
      status: 'active',
      ownerId: buyer.id,
      contacts: [
        { name: 'Ada Lee', email: 'ada@riverside.example', role: 'primary' },
        { name: 'Security Office', email: 'security@riverside.example', role: 'security', phone: '0161 000 0000' },
        { name: 'Data Protection Officer', email: 'dpo@riverside.example', role: 'dpo' },
      ],
    });
    supplierId = supplier.json().id;
    const asset = async (name: string, classification: string, categories: string[], ownerId?: string) =>
      (
        await call(buyer, 'POST', '/api/v1/data-assets', {
          name,
          classification,
          categories,
          recordCount: 2_000_000,
          ownerId,
        })
      ).json().id as string;
    const trauma = await asset(
      'Major trauma research dataset',
      'special_category',
      ['nhs_number', 'clinical'],
      governance.id,
    );
    const payroll = await asset('Research staff payroll', 'personal', ['demographics']);
    const old = await asset('2019 audit extract', 'personal', ['nhs_number']);
    const link = async (dataAssetId: string, recordCount: number, extra: object) => {
      const res = await call(buyer, 'POST', '/api/v1/data-sharing-links', {
        supplierId,
        dataAssetId,
        purpose: 'Research',
        direction: 'outbound',
        recordCount,
        pseudonymisation: 'pseudonymised',
        article6Basis: 'public_task',
        article9Condition: 'research',
        confidentialityBasis: 's251_support',
        agreementType: 'DSA',
        agreementRef: 'DSA-14',
        transferMethod: 'sftp',
        processingLocation: 'uk',
        startDate: dateFromToday(-2500),
        reviewDate: dateFromToday(200),
        status: 'active',
        ...extra,
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    await link(trauma, 1_100_000, {});
    await link(trauma, 5_000, { agreementRef: 'DSA-15' }); // the same asset twice: exposed once, at the larger count
    await link(payroll, 9_000, { status: 'ended', endDate: dateFromToday(-90) }); // ended 3 months ago: may still be held
    // Ended two years ago and its destruction confirmed: out (an ended link counts until then, however old).
    const destroyed = await link(old, 2_000, { status: 'ended', endDate: dateFromToday(-730) });
    expect(
      (
        await api.request({
          method: 'PATCH',
          url: `/api/v1/data-sharing-links/${destroyed}`,
          headers: buyer.headers,
          payload: { destructionConfirmedOn: dateFromToday(-700), destructionEvidence: 'CERT-2019-07' },
        })
      ).statusCode,
    ).toBe(200);
    await link(old, 700, { status: 'proposed', agreementRef: null }); // not shared yet: out
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.stop();
  });

  function call(
    who: SignedIn,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) {
    return api.request({ method, url, headers: { ...who.headers, ...headers }, payload });
  }
  function dateFromToday(days: number) {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  }
  const open = (key?: string, extra: object = {}) =>
    call(
      governance,
      'POST',
      '/api/v1/incidents',
      {
        supplierId,
        summary: 'Ransomware group lists the university on its leak site.',
        detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
        source: 'press',
        severity: 'critical',
        ...extra,
      },
      key ? { 'idempotency-key': key } : {},
    );

  it('refuses bad input and other roles, storing nothing', async () => {
    expect((await call(await signIn(api, 'viewer'), 'POST', '/api/v1/incidents', {})).statusCode).toBe(403);
    const future = await open(undefined, { detectedAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].path).toBe('detectedAt');
    const invalid = await open(undefined, { source: 'rumour', severity: 'apocalyptic' });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['severity', 'source']);
    expect((await open('bad key!')).json().errors[0].path).toBe('Idempotency-Key');
    expect(await query(api.databaseUrl, 'SELECT id FROM incident')).toHaveLength(0);
  });

  it('answers with the exposure at once, equal to an independent query of the ledger', async () => {
    const res = await open('press-2026-11-29-riverside');
    expect(res.statusCode).toBe(201);
    const incident = res.json();
    incidentId = incident.id;
    const exposure = incident.exposure;
    expect(exposure.links.map((l: { records: number; status: string }) => `${l.records}:${l.status}`)).toEqual([
      '1100000:active',
      '9000:ended',
      '5000:active',
    ]);
    // Independently: per asset the largest of its links still held (outbound or both; active, suspended, or ended without confirmed destruction).
    const independent = await query<{ classification: string; records: string }>(
      api.databaseUrl,
      `SELECT a.classification, sum(m.records) AS records FROM (
         SELECT data_asset_id, max(record_count) AS records FROM data_sharing_link
          WHERE supplier_id = $1 AND direction IN ('outbound', 'both') AND (status IN ('active', 'suspended') OR (status = 'ended' AND destruction_confirmed_on IS NULL))
          GROUP BY data_asset_id) m JOIN data_asset a ON a.id = m.data_asset_id GROUP BY a.classification`,
      [supplierId],
    );
    expect(exposure.records.byClassification).toEqual(
      Object.fromEntries(independent.map((r) => [r.classification, Number(r.records)])),
    );
    expect(exposure.records).toEqual({
      total: 1_109_000,
      byClassification: { special_category: 1_100_000, personal: 9_000 },
      byCategory: { nhs_number: 1_100_000, clinical: 1_100_000, demographics: 9_000 },
    });
    expect(exposure.links[0]).toMatchObject({
      asset: 'Major trauma research dataset',
      pseudonymisation: 'pseudonymised',
      article6Basis: 'public_task',
      article9Condition: 'research',
      agreementRef: 'DSA-14',
      processingLocation: 'uk',
      owner: { email: governance.email },
    });
    expect(exposure.contacts.map((c: { role: string }) => c.role)).toEqual(['security', 'dpo', 'primary']);
    expect(exposure.internalOwners.map((o: { email: string }) => o.email).sort()).toEqual(
      [buyer.email, governance.email].sort(),
    );
    expect(exposure.risk).toMatchObject({ tier: 1, band: null, rating: 'critical' });
    expect(incident.followUp).toMatchObject({ status: 'sent' });
  });

  it('starts the 72-hour follow-up and the notices exactly once, however often the request is retried', async () => {
    const again = await open('press-2026-11-29-riverside');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(incidentId);
    await Promise.all([open('press-2026-11-29-riverside'), open('press-2026-11-29-riverside')]);
    expect(await query(api.databaseUrl, 'SELECT id FROM incident')).toHaveLength(1);
    const followUps = await query<{ id: string; recipient_email: string; due_date: string }>(
      api.databaseUrl,
      "SELECT id, recipient_email, due_date::text FROM assessment WHERE questionnaire_key = 'incident-follow-up'",
    );
    expect(followUps).toHaveLength(1);
    expect(followUps[0].recipient_email).toBe('security@riverside.example');
    // Due 72 hours after detection (an hour before the incident was opened), a first report 24 hours after it.
    const [{ detected_at: detectedAt }] = await query<{ detected_at: Date }>(
      api.databaseUrl,
      'SELECT detected_at FROM incident',
    );
    expect(followUps[0].due_date).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
        new Date(detectedAt.getTime() + 72 * 3_600_000),
      ),
    );
    const [sentEvent] = await query<{ detail: { firstReportDueBy: string; dueBy: string } }>(
      api.databaseUrl,
      "SELECT detail FROM incident_event WHERE kind = 'follow_up_sent'",
    );
    expect(sentEvent.detail).toMatchObject({
      firstReportDueBy: new Date(detectedAt.getTime() + 24 * 3_600_000).toISOString(),
      dueBy: new Date(detectedAt.getTime() + 72 * 3_600_000).toISOString(),
    });
    const outbox = await query<{ kind: string; recipients: string[] }>(
      api.databaseUrl,
      "SELECT kind, recipients FROM outbox_message WHERE kind IN ('incident.opened', 'assessment.invitation') ORDER BY kind, recipients",
    );
    expect(outbox.map((o) => `${o.kind}:${o.recipients[0]}`).sort()).toEqual(
      [
        'assessment.invitation:security@riverside.example',
        `incident.opened:${buyer.email}`,
        `incident.opened:${governance.email}`,
        `incident.opened:${GOVERNANCE}`,
      ].sort(),
    );
    expect(
      (await open('press-2026-11-29-riverside', { supplierId: '00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(409);

    // The worker delivers them: the notice says what they hold and whom to call; the supplier gets its link.
    await waitUntil(
      async () =>
        sink.to(GOVERNANCE).length === 1 && sink.to('security@riverside.example').length === 1 ? true : undefined,
      15_000,
    );
    const notice = sink.to(GOVERNANCE)[0];
    expect(notice.subject).toBe('Incident (critical): Riverside University holds 1,109,000 records of ours');
    expect(notice.text).toContain('Security Office (security): security@riverside.example');
    expect(sink.to('security@riverside.example')[0].subject).toMatch(
      /^Urgent: security incident at Riverside University: first answers needed by \d\d:\d\d on \w{3} \d{1,2} \w{3} \d{4}$/,
    );
    // The follow-up names the incident and what is needed first, by when (24 and 72 hours from detection).
    const followUp = sink.to('security@riverside.example')[0].text;
    expect(followUp).toContain('Ransomware group lists the university on its leak site (detected '); // the summary's own full stop is dropped mid-sentence
    expect(followUp).toMatch(/What we need first: by \d\d:\d\d on /);
    expect(followUp).toMatch(/Everything else: by \d\d:\d\d on /);
    // The questionnaire itself gives the same two clock times, so the supplier need not count the hours.
    const followUpToken = /\/portal\/i\/([A-Za-z0-9_-]+)/.exec(followUp)![1];
    const opened = await api.request({
      method: 'GET',
      url: '/portal/assessment',
      headers: { authorization: `Bearer ${followUpToken}`, accept: 'application/json' },
    });
    const hoursAfter = (h: number) => londonDateTime(new Date(detectedAt.getTime() + h * 3_600_000));
    expect(opened.json().assessment.questionnaire.note).toContain(
      `the first report is due by ${hoursAfter(24)}, every answer by ${hoursAfter(72)}.`,
    );
    expect(notice.text).toContain(`http://assure.test/console/suppliers/${supplierId}`);
    expect(notice.text).not.toMatch(/\/portal\/i\//);
    // Delivered: the incident's timeline shows the supplier notified (derived from the sent invitation).
    const notified = async () =>
      (await call(buyer, 'GET', `/api/v1/incidents/${incidentId}`))
        .json()
        .timeline.filter((t: { kind: string }) => t.kind === 'supplier_notified');
    await waitUntil(async () => ((await notified()).length === 1 ? true : undefined), 10_000);
    expect((await notified())[0].detail).toEqual({ to: ['security@riverside.example'] });
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.received).toHaveLength(4); // each notice and the invitation, once
  });

  it('suspends every active link in one action, recorded on each link, audited, on the timeline', async () => {
    const res = await call(buyer, 'POST', `/api/v1/incidents/${incidentId}/suspend-links`);
    expect(res.statusCode).toBe(200);
    expect(res.json().suspended).toBe(2);
    const links = await query<{ status: string; suspended_by_incident: string | null }>(
      api.databaseUrl,
      'SELECT status, suspended_by_incident FROM data_sharing_link WHERE supplier_id = $1 ORDER BY record_count DESC',
      [supplierId],
    );
    expect(links.map((l) => l.status).sort()).toEqual(['ended', 'ended', 'proposed', 'suspended', 'suspended']);
    expect(links.filter((l) => l.status === 'suspended').every((l) => l.suspended_by_incident === incidentId)).toBe(
      true,
    );
    expect(links.filter((l) => l.status === 'active')).toHaveLength(0);
    const audit = await query(
      api.databaseUrl,
      "SELECT entity_id FROM audit_event WHERE action = 'data_sharing_link.suspended'",
    );
    expect(audit).toHaveLength(2);
    // Suspending stops new flows, not what is held: the single-loss estimate does not move.
    // 0.5 x 180 x (100,000 + 0.1 x 1,000,000) + 0.5 x 120 x 9,000 + 50,000 (pseudonymised links).
    expect((await call(buyer, 'GET', `/api/v1/suppliers/${supplierId}/risk`)).json().singleLossEstimate).toBe(
      18_000_000 + 540_000 + 50_000,
    );

    const detail = (await call(buyer, 'GET', `/api/v1/incidents/${incidentId}`)).json();
    expect(detail.timeline.map((t: { kind: string }) => t.kind)).toEqual([
      'detected',
      'exposure_produced',
      'follow_up_sent',
      'supplier_notified',
      'links_suspended',
    ]);
    expect(detail.exposure.records.total).toBe(1_109_000); // as it was when opened
    expect(detail.exposureNow.links.map((l: { status: string }) => l.status)).toEqual([
      'suspended',
      'ended',
      'suspended',
    ]);
  });

  it('exports the exposure as CSV, lists incidents, shows them in the report, and closes', async () => {
    const csv = await call(buyer, 'GET', `/api/v1/incidents/${incidentId}/exposure?format=csv`);
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.asset}:${r.records}:${r.status}`)).toEqual([
      'Major trauma research dataset:1100000:suspended',
      'Research staff payroll:9000:ended',
      'Major trauma research dataset:5000:suspended',
    ]);
    const pdf = await call(buyer, 'GET', `/api/v1/incidents/${incidentId}/exposure?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).toContain('Incident exposure: Riverside University');
    expect(text).toContain('1,109,000 records held');
    expect(
      (await call(governance, 'GET', `/api/v1/incidents?supplierId=${supplierId}&status=open`)).json(),
    ).toMatchObject({ total: 1, items: [{ id: incidentId, severity: 'critical' }] });
    const report = (await call(governance, 'GET', '/api/v1/reports/supply-chain')).json();
    expect(report.incidents).toMatchObject({
      open: 1,
      items: [{ incidentId, supplier: 'Riverside University', recordsExposed: 1_109_000, linksSuspended: 2 }],
    });
    const closed = await call(governance, 'POST', `/api/v1/incidents/${incidentId}/close`, {
      note: 'University confirmed no data of ours was taken.',
    });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(
      (await call(governance, 'POST', `/api/v1/incidents/${incidentId}/close`, { note: 'Again, please.' })).statusCode,
    ).toBe(409);
  });

  it('shows on the timeline when the supplier submits its follow-up answers', async () => {
    const token = /\/portal\/i\/([A-Za-z0-9_-]+)/.exec(sink.to('security@riverside.example')[0].text)![1];
    await answerQuestionnaire(api, token);
    const detail = (await call(buyer, 'GET', `/api/v1/incidents/${incidentId}`)).json();
    expect(detail.timeline.map((t: { kind: string }) => t.kind)).toEqual([
      'detected',
      'exposure_produced',
      'follow_up_sent',
      'supplier_notified',
      'links_suspended',
      'closed',
      'supplier_answered',
    ]);
    expect(detail.timeline.at(-1).detail).toEqual({ assessmentId: detail.followUp.assessmentId });
  });
});
