import { DataSource } from 'typeorm';
import { UsersService, type Role } from '@app/identity';
import { startTestApi, type TestApi } from './support/app.js';
import { postConsoleLogin } from './support/console.js';
import { query } from './support/db.js';
import { PASSWORD } from './support/users.js';

/** The console's register, campaigns, decisions and users pages, over HTTP: forms, errors, roles, CSRF, and what is stored. */
describe('console: register, campaigns, decisions, users', () => {
  let api: TestApi;
  const sessions: Partial<Record<Role, { cookie: string; csrf: string }>> = {};

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000', ORG_NAME: 'Royal Test NHS Trust' });
    api.clock.freeze('2026-11-28T09:00:00Z'); // the literal dates below are written against this day
  }, 60_000);
  afterAll(() => {
    api?.clock.reset();
    return api?.close();
  });

  /** A user of the role signed in through the console form: its cookie and CSRF token. */
  async function as(role: Role): Promise<{ cookie: string; csrf: string }> {
    if (sessions[role]) return sessions[role]!;
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@trust.nhs.test`;
    await api.app.get(UsersService).create({ email, name: `${role} person`, role, password: PASSWORD });
    const res = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
      `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    );
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await api.request({ method: 'GET', url: '/console', headers: { cookie } });
    sessions[role] = { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1] };
    return sessions[role]!;
  }
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' ');
  const get = async (role: Role, url: string) =>
    api.request({ method: 'GET', url, headers: { cookie: (await as(role)).cookie } });
  const post = async (role: Role, url: string, fields: Record<string, string | string[]>, withCsrf = true) => {
    const { cookie, csrf } = await as(role);
    const params = new URLSearchParams();
    if (withCsrf) params.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    return api.request({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
  };
  const sql = <T extends object>(text: string, params: unknown[] = []) => query<T>(api.databaseUrl, text, params);
  const idFrom = (location: unknown) => String(location).split('/').at(-1)!.split('#')[0];

  let supplierId: string;
  let assetId: string;

  it('creates a supplier with its contacts by form; a wrong field is named, linked, kept as typed, and nothing is stored', async () => {
    const bad = await post('procurement', '/console/suppliers', {
      name: 'Pathlab <b>North</b>',
      kind: 'supplier',
      criticality: 'high',
      status: 'active',
      companiesHouseNumber: '123',
      'contacts[0].name': 'Pat Primary',
      'contacts[0].email': 'not-an-email',
      'contacts[0].role': 'primary',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<title>Error: New supplier');
    expect(bad.body).toContain('href="#f-contacts-0-email"');
    expect(bad.body).toContain('href="#f-companiesHouseNumber"');
    expect(bad.body).toContain('id="f-contacts-0-email"');
    expect(bad.body).toContain('value="Pathlab &lt;b&gt;North&lt;/b&gt;"'); // kept as typed, escaped
    expect(await sql('SELECT id FROM supplier')).toEqual([]);

    const good = await post('procurement', '/console/suppliers', {
      name: 'Pathlab <b>North</b>',
      kind: 'supplier',
      criticality: 'high',
      status: 'active',
      companiesHouseNumber: '01234567',
      tags: 'Pathology, cloud',
      'contacts[0].name': 'Pat Primary',
      'contacts[0].email': 'pat@pathlab.example',
      'contacts[0].role': 'primary',
      'contacts[1].name': 'Sam Security',
      'contacts[1].email': 'sam@pathlab.example',
      'contacts[1].phone': '020 7946 0000',
      'contacts[1].role': 'security',
    });
    expect(good.statusCode).toBe(303);
    supplierId = idFrom(good.headers.location);
    const [stored] = await sql<{ name: string; tags: string[]; companies_house_number: string }>(
      'SELECT name, tags, companies_house_number FROM supplier WHERE id = $1',
      [supplierId],
    );
    expect(stored).toEqual({
      name: 'Pathlab <b>North</b>',
      tags: ['cloud', 'pathology'],
      companies_house_number: '01234567',
    });
    expect(
      await sql('SELECT name, email, role FROM supplier_contact WHERE supplier_id = $1 ORDER BY position', [
        supplierId,
      ]),
    ).toEqual([
      { name: 'Pat Primary', email: 'pat@pathlab.example', role: 'primary' },
      { name: 'Sam Security', email: 'sam@pathlab.example', role: 'security' },
    ]);
    const page = await get('procurement', `/console/suppliers/${supplierId}`);
    expect(page.body).toContain('Pathlab &lt;b&gt;North&lt;/b&gt;');
    expect(page.body).toContain('<title>Pathlab &lt;b&gt;North&lt;/b&gt; – Assure console</title>'); // the supplier's name, not "Supplier"
    expect(text(page.body)).toContain('Kind Supplier Status Active');
    expect(text(page.body)).toContain(
      'Path to band B It has no completed review yet, so there is no band to improve. Send a questionnaire first.',
    );
    expect(page.body).toContain(`href="/console/suppliers/${supplierId}/edit"`);
  });

  it('edits the details and replaces the contacts as shown', async () => {
    const form = await get('procurement', `/console/suppliers/${supplierId}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="sam@pathlab.example"');
    const [primary] = await sql<{ id: string }>(
      "SELECT id FROM supplier_contact WHERE supplier_id = $1 AND role = 'primary'",
      [supplierId],
    );
    const saved = await post('procurement', `/console/suppliers/${supplierId}/edit`, {
      name: 'Pathlab North Ltd',
      kind: 'supplier',
      criticality: 'critical',
      status: 'active',
      companiesHouseNumber: '',
      tags: '',
      'contacts[0].id': primary.id,
      'contacts[0].name': 'Pat Primary',
      'contacts[0].email': 'pat@pathlab.example',
      'contacts[0].role': 'primary',
      'contacts[1].name': '',
      'contacts[1].email': '',
      'contacts[1].role': 'security', // emptied: removed
    });
    expect(saved.statusCode).toBe(303);
    const [row] = await sql<{
      name: string;
      criticality: string;
      companies_house_number: string | null;
      tags: string[];
    }>('SELECT name, criticality, companies_house_number, tags FROM supplier WHERE id = $1', [supplierId]);
    expect(row).toEqual({ name: 'Pathlab North Ltd', criticality: 'critical', companies_house_number: null, tags: [] });
    expect(await sql('SELECT id, role FROM supplier_contact WHERE supplier_id = $1', [supplierId])).toEqual([
      { id: primary.id, role: 'primary' },
    ]);
    const [audit] = await sql<{ n: string }>(
      "SELECT count(*) AS n FROM audit_event WHERE entity_id = $1 AND action = 'supplier.updated'",
      [supplierId],
    );
    expect(Number(audit.n)).toBe(1);
    // The supplier page's history, from the audit trail, says who changed what.
    const history = (await get('viewer', `/console/suppliers/${supplierId}`)).body.split('id="history"')[1];
    expect(history).toMatch(/supplier updated by procurement person \([^)]*criticality[^)]*\)/);
    expect(history).toContain('supplier created by procurement person');
  });

  it('adds a data asset, then a link to it, edits and ends the link; the figures follow', async () => {
    const bad = await post('procurement', '/console/assets', {
      name: '',
      classification: 'special_category',
      recordCount: 'many',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#f-recordCount"');
    const ok = await post('procurement', '/console/assets', {
      name: 'Pathology results',
      classification: 'special_category',
      recordCount: '2000000',
      categories: ['nhs_number', 'clinical'],
    });
    expect(ok.statusCode).toBe(303);
    [{ id: assetId }] = await sql<{ id: string }>("SELECT id FROM data_asset WHERE name = 'Pathology results'");
    expect((await get('viewer', '/console/assets')).body).toContain('Pathology results');

    const form = await get('procurement', `/console/suppliers/${supplierId}/links/new`);
    expect(form.body).toContain(
      `<option value="${assetId}">Pathology results (special category, 2,000,000 records)</option>`,
    );
    const missing = await post('procurement', `/console/suppliers/${supplierId}/links`, {
      dataAssetId: assetId,
      purpose: '',
      recordCount: '1500000',
      direction: 'outbound',
      pseudonymisation: 'identifiable',
      processingLocation: 'uk',
      status: 'active',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#f-purpose"');
    const created = await post('procurement', `/console/suppliers/${supplierId}/links`, {
      dataAssetId: assetId,
      purpose: 'Pathology testing',
      recordCount: '1500000',
      direction: 'outbound',
      pseudonymisation: 'identifiable',
      processingLocation: 'uk',
      status: 'active',
      agreementType: 'contract',
      agreementRef: 'C-17',
      article6Basis: 'public_task',
      article9Condition: 'health_care',
      confidentialityBasis: 'direct_care',
      startDate: '2025-01-01',
      reviewDate: '2027-06-30',
      endDate: '',
    });
    expect(created.statusCode).toBe(303);
    const [link] = await sql<{ id: string; record_count: string; agreement_ref: string }>(
      'SELECT id, record_count, agreement_ref FROM data_sharing_link WHERE supplier_id = $1',
      [supplierId],
    );
    expect(link).toMatchObject({ record_count: '1500000', agreement_ref: 'C-17' });
    const shared = async () =>
      (
        await sql<{ rs: Record<string, number> }>('SELECT records_shared AS rs FROM supplier WHERE id = $1', [
          supplierId,
        ])
      )[0].rs;
    expect(await shared()).toEqual({ special_category: 1_500_000 });
    expect((await get('procurement', `/console/suppliers/${supplierId}`)).body).toContain(
      `href="/console/links/${link.id}">Pathology results: Pathology testing</a>`,
    );

    const edit = await get('procurement', `/console/links/${link.id}`);
    expect(edit.body).toContain('value="1500000"');
    const fields = {
      purpose: 'Pathology testing',
      recordCount: '900000',
      direction: 'outbound',
      pseudonymisation: 'identifiable',
      processingLocation: 'uk',
      status: 'active',
      agreementType: 'contract',
      agreementRef: 'C-17',
      article6Basis: 'public_task',
      article9Condition: 'health_care',
      confidentialityBasis: 'direct_care',
      startDate: '2025-01-01',
      reviewDate: '2027-06-30',
      endDate: '',
    };
    expect((await post('procurement', `/console/links/${link.id}`, fields)).statusCode).toBe(303);
    expect(await shared()).toEqual({ special_category: 900_000 });
    expect((await post('procurement', `/console/links/${link.id}/end`, {})).statusCode).toBe(303);
    const [ended] = await sql<{ status: string; end_date: string }>(
      "SELECT status, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM data_sharing_link WHERE id = $1",
      [link.id],
    );
    expect(ended).toEqual({ status: 'ended', end_date: api.clock.today() });
    // Ended, destruction not yet confirmed: the records still count as held (risk-model section 4).
    expect(await shared()).toEqual({ special_category: 900_000 });
    // A new link for the campaign and decision tests below.
    expect(
      (
        await post('procurement', `/console/suppliers/${supplierId}/links`, {
          ...fields,
          dataAssetId: assetId,
          recordCount: '1500000',
        })
      ).statusCode,
    ).toBe(303);
  });

  it('imports a CSV file with a result per row (check only stores nothing), and exports the filtered register', async () => {
    const csv = [
      'name,kind,criticality,status,primaryContactName,primaryContactEmail',
      'Riverside University,university,high,active,Rae Research,rae@riverside.example',
      'Carecloud Ltd,supplier,moderate,active,Cam Cloud,cam@carecloud.example',
      ',supplier,moderate,active,No Name,nobody@example.example',
    ].join('\n');
    const upload = async (checkOnly: boolean, withCsrf = true) => {
      const { cookie, csrf } = await as('procurement');
      const boundary = '----assure-test';
      const parts = [
        ...(checkOnly ? [`--${boundary}\r\nContent-Disposition: form-data; name="checkOnly"\r\n\r\ntrue\r\n`] : []),
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="suppliers.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
        `--${boundary}--\r\n`,
      ];
      return api.request({
        method: 'POST',
        url: `/console/suppliers/import${withCsrf ? `?_csrf=${csrf}` : ''}`,
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: parts.join(''),
      });
    };
    expect((await upload(false, false)).statusCode).toBe(403);
    const checked = await upload(true);
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Checked (nothing stored): 3 rows');
    expect(await sql("SELECT id FROM supplier WHERE name IN ('Riverside University', 'Carecloud Ltd')")).toEqual([]);
    const imported = await upload(false);
    expect(imported.body).toContain('Imported: 3 rows');
    expect(imported.body).toContain('2 created, 0 updated, 0 unchanged, 1 not valid');
    expect(imported.body).toMatch(
      /<td class="nhsuk-table__cell">4<\/td><td class="nhsuk-table__cell"><\/td><td class="nhsuk-table__cell">invalid<\/td><td class="nhsuk-table__cell">(Enter the name|Name [^<]+)<\/td>/,
    );
    const [riverside] = await sql<{ id: string }>("SELECT id FROM supplier WHERE name = 'Riverside University'");
    expect(imported.body).toContain(`href="/console/suppliers/${riverside.id}">Riverside University</a>`);

    const exported = await get('viewer', '/console/suppliers/export?kind=university');
    expect(exported.headers['content-type']).toContain('text/csv');
    const lines = exported.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Riverside University');
  });

  it('filters the supplier list by kind, status, band and rating, and keeps the filters in the pages and the export link', async () => {
    const list = await get('viewer', '/console/suppliers?kind=university&status=active');
    expect(list.body).toContain('1 supplier.');
    expect(list.body).toContain('Riverside University');
    expect(list.body).not.toContain('Carecloud Ltd');
    // Values as the forms label them ("University", "Active"), not the stored "university", "active".
    expect(text(list.body)).toContain('Riverside University University Active');
    const decoded = list.body.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(decoded).toContain('href="/console/suppliers/export?kind=university&status=active&sort=-netValueAtRisk"');
    expect((await get('viewer', '/console/suppliers?band=A')).body).toContain('No suppliers.'); // nobody assessed yet
    expect((await get('viewer', '/console/suppliers?rating=critical&kind=supplier')).body).toContain(
      'Pathlab North Ltd',
    );
    expect(list.body).not.toContain('href="/console/suppliers/new"'); // a viewer adds nothing
  });

  it('previews a campaign (recipients, skipped, the email) without sending, then sends it', async () => {
    const fields = {
      questionnaireKey: 'supplier-security-lite',
      dueDate: '2027-01-29',
      kind: '',
      tier: '',
      status: 'active',
      tag: '',
    };
    const preview = await post('procurement', '/console/campaigns', { ...fields, action: 'preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('3 suppliers would receive the');
    expect(preview.body).toContain('Subject:');
    expect(preview.body).toMatch(/Dear (Pat Primary|Rae Research|Cam Cloud),/);
    expect(preview.body).toContain('Royal Test NHS Trust');
    expect(await sql('SELECT id FROM assessment')).toEqual([]);
    const bad = await post('procurement', '/console/campaigns', { ...fields, dueDate: 'soon', action: 'preview' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#f-dueDate-day"');

    const sent = await post('procurement', '/console/campaigns', { ...fields, action: 'send' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Sent to 3 suppliers');
    const [{ n }] = await sql<{ n: string }>(
      "SELECT count(*) AS n FROM outbox_message WHERE template = 'assessment-invitation'",
    );
    expect(Number(n)).toBe(3);
    const again = await post('procurement', '/console/campaigns', { ...fields, action: 'preview' });
    expect(again.body).toContain('No suppliers would receive the');
    expect(again.body).toContain('an open assessment of this questionnaire (sent)');
    expect((await post('viewer', '/console/campaigns', { ...fields, action: 'send' })).statusCode).toBe(403);
  });

  it('lists current decisions for governance, soonest review first', async () => {
    const noPlan = await post('governance', `/console/suppliers/${supplierId}/decisions`, {
      decision: 'mitigate',
      rationale: 'A remediation plan is agreed with the supplier.',
      reviewDate: '2027-03-31',
    });
    expect(noPlan.statusCode).toBe(422);
    expect(noPlan.body).toContain('href="#decision-findingIds"');
    const recorded = await post('governance', `/console/suppliers/${supplierId}/decisions`, {
      decision: 'transfer',
      rationale: 'Cyber insurance required by the contract.',
      reviewDate: '2027-06-30',
      insurer: 'Example Mutual',
      policyRef: 'P-9',
      limit: '20000000',
      excess: '500000',
      expiresOn: '2027-05-31',
    });
    expect(recorded.statusCode).toBe(303);
    const page = await get('governance', '/console/decisions');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 current decision.');
    expect(page.body).toContain('Pathlab North Ltd');
    expect(page.body).toContain('2027-05-31');
    expect((await get('governance', '/console/decisions?decision=accept')).body).toContain('No current decisions.');
    expect((await get('procurement', '/console/decisions')).statusCode).toBe(403);
  });

  it('lets governance override a tier with a reason, and procurement offboard a supplier', async () => {
    const short = await post('governance', `/console/suppliers/${supplierId}/tier`, { tier: '1', reason: 'because' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('href="#tier-reason"');
    expect(
      (await sql<{ tier_override: number | null }>('SELECT tier_override FROM supplier WHERE id = $1', [supplierId]))[0]
        .tier_override,
    ).toBeNull();
    expect(
      (
        await post('governance', `/console/suppliers/${supplierId}/tier`, {
          tier: '1',
          reason: 'Runs the pathology service for three trusts.',
        })
      ).statusCode,
    ).toBe(303);
    expect(await sql('SELECT tier, tier_override FROM supplier WHERE id = $1', [supplierId])).toEqual([
      { tier: 1, tier_override: 1 },
    ]);
    expect((await get('governance', `/console/suppliers/${supplierId}`)).body).toContain(
      'Overridden to tier 1: Runs the pathology service for three trusts.',
    );
    expect(
      (
        await post('procurement', `/console/suppliers/${supplierId}/tier`, {
          tier: 'none',
          reason: 'Not mine to change.',
        })
      ).statusCode,
    ).toBe(403);

    const [carecloud] = await sql<{ id: string }>("SELECT id FROM supplier WHERE name = 'Carecloud Ltd'");
    expect((await get('procurement', `/console/suppliers/${carecloud.id}`)).body).toContain('Offboard Carecloud Ltd');
    // A questionnaire still open: offboarding names it, cancels it and revokes its link, in its transaction.
    // (the campaign above sent it one)
    const [open, ...others] = await sql<{ id: string; status: string }>(
      "SELECT id, status FROM assessment WHERE supplier_id = $1 AND status <> 'cancelled'",
      [carecloud.id],
    );
    expect(others).toEqual([]);
    expect(open.status).toBe('sent');
    const confirm = text((await get('procurement', `/console/suppliers/${carecloud.id}/offboard`)).body);
    expect(confirm).toMatch(
      /These questionnaires are cancelled: their links stop working and no reminder follows: Supplier security questionnaire \([a-z]+\) \(Sent, due \d{1,2} \w+ 20\d\d\)/,
    );
    expect((await post('governance', `/console/suppliers/${carecloud.id}/offboard`, {})).statusCode).toBe(403);
    expect((await sql<{ status: string }>('SELECT status FROM assessment WHERE id = $1', [open.id]))[0].status).toBe(
      'sent',
    );
    expect((await post('procurement', `/console/suppliers/${carecloud.id}/offboard`, {})).statusCode).toBe(303);
    expect((await sql<{ status: string }>('SELECT status FROM supplier WHERE id = $1', [carecloud.id]))[0].status).toBe(
      'offboarded',
    );
    expect(
      await sql('SELECT status, cancelled_at IS NOT NULL AS cancelled FROM assessment WHERE id = $1', [open.id]),
    ).toEqual([{ status: 'cancelled', cancelled: true }]);
    expect(
      await sql(
        'SELECT count(*)::int AS live FROM assessment_invitation WHERE assessment_id = $1 AND revoked_at IS NULL',
        [open.id],
      ),
    ).toEqual([{ live: 0 }]);
    expect(
      await sql("SELECT changes FROM audit_event WHERE action = 'assessment.cancelled' AND entity_id = $1", [open.id]),
    ).toEqual([
      {
        changes: {
          status: { before: 'sent', after: 'cancelled' },
          reason: { before: null, after: 'supplier offboarded' },
        },
      },
    ]);
    const page = await get('procurement', `/console/suppliers/${carecloud.id}`);
    expect(text(page.body)).toMatch(
      /Offboarding cancelled these questionnaires \(their links no longer open\): Supplier security questionnaire \([a-z]+\), due \d{1,2} \w+ 20\d\d/,
    );
    expect(page.body).not.toContain('Offboard Carecloud Ltd');
    expect(page.body).not.toContain('/edit"');
    const again = await post('procurement', `/console/suppliers/${carecloud.id}/offboard`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already offboarded');
  });

  it('lets an admin add users and change roles, with the API’s rules', async () => {
    const short = await post('admin', '/console/admin/users', {
      name: 'Nia New',
      email: 'nia@trust.nhs.test',
      role: 'procurement',
      password: 'short',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('must be at least 12 characters');
    expect(short.body).not.toContain('value="short"');
    const added = await post('admin', '/console/admin/users', {
      name: 'Nia New',
      email: 'nia@trust.nhs.test',
      role: 'procurement',
      password: 'a long first password',
    });
    expect(added.statusCode).toBe(303);
    const [nia] = await sql<{ id: string; role: string }>(
      "SELECT id, role FROM app_user WHERE email = 'nia@trust.nhs.test'",
    );
    expect(nia.role).toBe('procurement');
    expect((await post('admin', `/console/admin/users/${nia.id}`, { role: 'governance' })).statusCode).toBe(303);
    expect((await sql<{ role: string }>('SELECT role FROM app_user WHERE id = $1', [nia.id]))[0].role).toBe(
      'governance',
    );
    expect((await post('admin', `/console/admin/users/${nia.id}`, { role: 'superuser' })).statusCode).toBe(422);
    expect(
      (
        await post('procurement', '/console/admin/users', {
          name: 'X',
          email: 'x@trust.nhs.test',
          role: 'admin',
          password: 'a long first password',
        })
      ).statusCode,
    ).toBe(403);
    const [audit] = await sql<{ n: string }>('SELECT count(*) AS n FROM audit_event WHERE entity_id = $1', [nia.id]);
    expect(Number(audit.n)).toBe(2);
  });

  it('shows a viewer no edit controls, refuses its forms, and refuses any form without the CSRF token', async () => {
    const page = await get('viewer', `/console/suppliers/${supplierId}`);
    expect(page.body).not.toContain('/edit"');
    expect(page.body).not.toContain('/links/new"');
    expect((await get('viewer', '/console/suppliers/new')).statusCode).toBe(403);
    expect(
      (await post('viewer', '/console/suppliers', { name: 'Sneaky Ltd', kind: 'supplier', criticality: 'low' }))
        .statusCode,
    ).toBe(403);
    const forged = await post(
      'procurement',
      '/console/suppliers',
      { name: 'Forged Ltd', kind: 'supplier', criticality: 'low', status: 'active' },
      false,
    );
    expect(forged.statusCode).toBe(403);
    expect(await sql("SELECT id FROM supplier WHERE name IN ('Sneaky Ltd', 'Forged Ltd')")).toEqual([]);
  });

  it('loads the supplier list and a supplier page of a 10,000-supplier register in a fixed number of queries (no N+1)', async () => {
    await sql(`INSERT INTO supplier (name, kind, criticality, status, tier, impact_level, single_loss_estimate, risk_inputs)
               SELECT 'Bulk supplier ' || i, 'supplier', 'low', 'active', 4, 1, 0, '{}'::jsonb FROM generate_series(1, 10000) i`);
    await sql(
      `INSERT INTO supplier_contact (supplier_id, name, email, role) SELECT id, 'Contact', 'c' || substr(id::text, 1, 8) || '@bulk.example', 'primary' FROM supplier WHERE name LIKE 'Bulk supplier %'`,
    );
    const ds = api.app.get(DataSource);
    const runner = ds.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
    await runner.release();
    const original = proto.query;
    let count = 0;
    const seen: string[] = [];
    proto.query = function (this: unknown, ...args: unknown[]) {
      count++;
      seen.push(String(args[0]).slice(0, 120));
      return original.apply(this, args);
    };
    const queriesOf = async (url: string) => {
      await get('procurement', url); // warm: caches of the process are not what is measured
      count = 0;
      seen.length = 0;
      const res = await get('procurement', url);
      if (process.env.SHOW_QUERIES) console.log(url, seen);
      expect(res.statusCode).toBe(200);
      return count;
    };
    try {
      // 25 rows, each with its contacts: the session, the user, the page, its count, the contacts of all 25 rows.
      const fullPage = await queriesOf('/console/suppliers?q=Bulk');
      expect(fullPage).toBeLessThanOrEqual(5);
      expect(await queriesOf('/console/suppliers?q=Bulk&page=300')).toBe(fullPage);
      expect(await queriesOf('/console/suppliers?q=Bulk%20supplier%201000')).toBeLessThanOrEqual(fullPage); // 2 rows: no count needed

      // A supplier page costs the same with one link and finding-free, or with thirty links and three assessments.
      const [bare] = await sql<{ id: string }>("SELECT id FROM supplier WHERE name = 'Bulk supplier 1'");
      const [busy] = await sql<{ id: string }>("SELECT id FROM supplier WHERE name = 'Bulk supplier 2'");
      const [version] = await sql<{ id: string }>(
        "SELECT id FROM questionnaire_version WHERE key = 'supplier-security-lite' LIMIT 1",
      );
      await sql(
        `INSERT INTO data_asset (name, classification, categories, record_count) SELECT 'Bulk asset ' || i, 'personal', '{}', 1000 FROM generate_series(1, 30) i`,
      );
      await sql(
        `INSERT INTO data_sharing_link (supplier_id, data_asset_id, purpose, direction, record_count, pseudonymisation, processing_location, status)
                 SELECT $1, id, 'Bulk', 'outbound', 10, 'identifiable', 'uk', 'active' FROM data_asset WHERE name LIKE 'Bulk asset %'`,
        [busy.id],
      );
      await sql(
        `INSERT INTO data_sharing_link (supplier_id, data_asset_id, purpose, direction, record_count, pseudonymisation, processing_location, status)
                 SELECT $1, id, 'Bulk', 'outbound', 10, 'identifiable', 'uk', 'active' FROM data_asset WHERE name = 'Bulk asset 1'`,
        [bare.id],
      );
      await sql(
        `INSERT INTO assessment (supplier_id, questionnaire_version_id, questionnaire_key, questionnaire_version, recipient_contact_id, recipient_name, recipient_email, due_date, status)
                 SELECT $1, $2, 'supplier-security-lite', 1, c.id, 'Contact', c.email, DATE '2026-01-01' + k, 'cancelled' FROM supplier_contact c, generate_series(1, 3) k WHERE c.supplier_id = $1`,
        [busy.id, version.id],
      );
      const bareQueries = await queriesOf(`/console/suppliers/${bare.id}`);
      const busyQueries = await queriesOf(`/console/suppliers/${busy.id}`);
      expect(busyQueries).toBe(bareQueries);
      expect(bareQueries).toBeLessThanOrEqual(20); // the page also shows its path to band B and the questionnaire titles
    } finally {
      proto.query = original;
    }
  }, 60_000);
});
