import { parse } from 'csv-parse/sync';
import { startTestApi, type TestApi } from './support/app.js';
import { query } from './support/db.js';
import { answerQuestionnaire, createDataSharingLink, createSupplier, sendAssessment } from './support/factories.js';
import { PASSWORD, signIn, type SignedIn } from './support/users.js';
import { postConsoleLogin } from './support/console.js';
import { UsersService } from '@app/identity';

/** The day the tests' literal dates are written against (the Clock is frozen there). */
const NOW = '2026-11-28T09:00:00Z';
/** risk-model.md section 3, written out again: the test checks the code against the table. */
const P = { A: 0.025, B: 0.04, C: 0.06, D: 0.08, E: 0.1 } as const;

describe('access paths: each way a supplier reaches into our systems', () => {
  let api: TestApi;
  let buyer: SignedIn;
  let governance: SignedIn;
  let viewer: SignedIn;
  let supplierId: string;
  let assetId: string;
  let SLE: number;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    api.clock.freeze(NOW);
    buyer = await signIn(api, 'procurement');
    governance = await signIn(api, 'governance');
    viewer = await signIn(api, 'viewer');
    supplierId = await createSupplier(api, buyer, {
      name: 'Imaging Connect',
      ownerId: buyer.id,
      contacts: [{ name: 'Sam Ortiz', email: 'sam@imaging.example', role: 'primary' }],
    });
    ({ assetId } = await createDataSharingLink(api, buyer, supplierId, {
      asset: { name: 'PACS images' },
      link: { purpose: 'Image reporting for direct care', direction: 'both', agreementRef: 'C-9' },
    }));
    await completeWithBestAnswers();
    const risk = await riskOf();
    expect(risk.explanation.likelihood.bandUsed).toBe('A');
    SLE = risk.singleLossEstimate;
  });
  afterAll(() => {
    api.clock.reset();
    return api.close();
  });

  function call(who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    return api.request({ method, url, headers: who.headers, payload });
  }
  const riskOf = async () => (await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/risk`)).json();

  /** The supplier answers the lite questionnaire at its best, and procurement completes the review: band A. */
  async function completeWithBestAnswers() {
    const sent = await sendAssessment(api, buyer, supplierId, '2027-01-12');
    await answerQuestionnaire(api, sent.token);
    expect((await call(buyer, 'POST', `/api/v1/assessments/${sent.id}/complete`)).statusCode).toBe(200);
  }

  const vpn = () => ({
    kind: 'vpn',
    description: 'Vendor VPN to the PACS servers',
    systems: ['PACS', 'RIS'],
    dataAssetIds: [assetId],
    mfa: 'enforced',
    monitored: true,
    lastReviewedOn: '2026-06-01',
  });

  it('procurement records a path; every internal role reads it; the change is audited', async () => {
    const created = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, vpn());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      supplierId,
      kind: 'vpn',
      systems: ['PACS', 'RIS'],
      dataAssetIds: [assetId],
      mfa: 'enforced',
      monitored: true,
      deviceCount: null,
      unsupportedDeviceCount: null,
      lastReviewedOn: '2026-06-01',
      status: 'active',
    });
    const id = created.json().id;
    for (const who of [viewer, governance]) {
      const list = await call(who, 'GET', `/api/v1/suppliers/${supplierId}/access-paths`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 1, page: 1, items: [{ id, kind: 'vpn' }] });
    }
    expect((await call(viewer, 'GET', `/api/v1/access-paths/${id}`)).json().description).toBe(
      'Vendor VPN to the PACS servers',
    );
    expect((await call(governance, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, vpn())).statusCode).toBe(
      403,
    );
    expect((await call(viewer, 'PATCH', `/api/v1/access-paths/${id}`, { monitored: false })).statusCode).toBe(403);
    const audit = await query<{ action: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      api.databaseUrl,
      "SELECT action, changes FROM audit_event WHERE entity_type = 'access_path' AND entity_id = $1",
      [id],
    );
    expect(audit).toEqual([
      {
        action: 'access_path.created',
        changes: expect.objectContaining({
          kind: { before: null, after: 'vpn' },
          mfa: { before: null, after: 'enforced' },
        }),
      },
    ]);
    // A well-protected way in changes nothing.
    expect((await riskOf()).explanation.likelihood.bandUsed).toBe('A');
    await call(buyer, 'PATCH', `/api/v1/access-paths/${id}`, { status: 'removed' });
  });

  it('refuses bad input with problem details naming each field, never a 500', async () => {
    const bad = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'telnet',
      description: 'x',
      mfa: 'sometimes',
      monitored: 'yes',
      surprise: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['description', 'kind', 'mfa', 'monitored', 'surprise']);
    const rules = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      ...vpn(),
      deviceCount: 3,
      dataAssetIds: ['00000000-0000-4000-8000-000000000000'],
      lastReviewedOn: '2027-01-01',
    });
    expect(rules.statusCode).toBe(422);
    expect(
      rules
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['dataAssetIds[0]', 'deviceCount', 'lastReviewedOn']);
    const devices = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'managed_device',
      description: 'Ward cameras',
      mfa: 'not_applicable',
      monitored: true,
      deviceCount: 4,
      unsupportedDeviceCount: 5,
    });
    expect(devices.json().errors).toEqual([
      { path: 'unsupportedDeviceCount', message: 'must be at most deviceCount (4)' },
    ]);
    expect(
      (await call(buyer, 'POST', '/api/v1/suppliers/00000000-0000-4000-8000-000000000000/access-paths', vpn()))
        .statusCode,
    ).toBe(404);
    expect((await call(buyer, 'PATCH', '/api/v1/access-paths/not-a-uuid', { monitored: true })).statusCode).toBe(400);
  });

  it('an active path with MFA none moves the band used and VaR by exactly one step, and back when disabled; two such paths are still one step', async () => {
    const before = await riskOf();
    expect(before).toMatchObject({
      probability: P.A,
      valueAtRisk: Math.round(P.A * SLE),
      explanation: { entryPoints: { stepApplied: false, unprotected: [] } },
    });

    const tool = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'remote_support',
      description: 'TeamViewer into the reporting workstations',
      mfa: 'none',
      monitored: true,
    });
    expect(tool.statusCode).toBe(201);
    const one = await riskOf();
    expect(one).toMatchObject({
      band: 'A',
      probability: P.B,
      likelihoodLevel: 2,
      valueAtRisk: Math.round(P.B * SLE),
      netValueAtRisk: Math.round(P.B * SLE),
    });
    expect(one.explanation.likelihood.bandUsed).toBe('B');
    expect(one.explanation.entryPoints).toMatchObject({
      bandBefore: 'A',
      bandAfter: 'B',
      stepApplied: true,
      unprotected: [{ id: tool.json().id, reasons: ['no MFA'] }],
    });
    expect(one.explanation.summary).toContain(
      'band A counts as B because of an unprotected way in: TeamViewer into the reporting workstations (no MFA)',
    );
    const [stored] = await query<{ value_at_risk: string }>(
      api.databaseUrl,
      'SELECT value_at_risk FROM supplier WHERE id = $1',
      [supplierId],
    );
    expect(Number(stored.value_at_risk)).toBe(Math.round(P.B * SLE)); // stored in the transaction of the change

    const unmonitored = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'api_integration',
      description: 'Results API account',
      mfa: 'not_applicable',
      monitored: false,
    });
    const two = await riskOf();
    expect(two).toMatchObject({ probability: P.B, valueAtRisk: Math.round(P.B * SLE) }); // still one step
    expect(two.explanation.entryPoints.unprotected.map((p: { description: string }) => p.description)).toEqual([
      'TeamViewer into the reporting workstations',
      'Results API account',
    ]);

    expect(
      (await call(buyer, 'PATCH', `/api/v1/access-paths/${unmonitored.json().id}`, { monitored: true })).statusCode,
    ).toBe(200);
    const disabled = await call(buyer, 'PATCH', `/api/v1/access-paths/${tool.json().id}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    const back = await riskOf();
    expect(back).toMatchObject({
      probability: P.A,
      valueAtRisk: Math.round(P.A * SLE),
      explanation: { likelihood: { bandUsed: 'A' }, entryPoints: { stepApplied: false } },
    });
    const audit = await query<{ action: string }>(
      api.databaseUrl,
      'SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id',
      [tool.json().id],
    );
    expect(audit.map((a) => a.action)).toEqual(['access_path.created', 'access_path.disabled']);

    const removed = await call(buyer, 'PATCH', `/api/v1/access-paths/${tool.json().id}`, { status: 'removed' });
    expect(removed.json().status).toBe('removed');
    const again = await call(buyer, 'PATCH', `/api/v1/access-paths/${tool.json().id}`, { status: 'active' });
    expect(again.statusCode).toBe(409);
  });

  it('exports the paths as CSV and imports them back unchanged; a bad row is named by line and column', async () => {
    await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'managed_device',
      description: 'Ultrasound carts on the wards',
      systems: ['Ward network'],
      mfa: 'not_applicable',
      monitored: true,
      deviceCount: 12,
      unsupportedDeviceCount: 2,
      lastReviewedOn: '2026-03-01',
    });
    // Cells a spreadsheet would run as formulas are exported with a ' in front, and imported without it.
    await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'remote_support',
      description: '+44 20 7946 0000 dial-in modem',
      systems: ['=PACS'],
      mfa: 'enforced',
      monitored: true,
      lastReviewedOn: '2026-10-01',
    });
    const exported = await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/access-paths?format=csv`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const rows = parse(exported.body, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.kind === 'remote_support' && r.description.includes('dial-in'))).toMatchObject({
      description: "'+44 20 7946 0000 dial-in modem",
      systems: "'=PACS",
    });
    expect(rows.find((r) => r.kind === 'managed_device')).toMatchObject({
      description: 'Ultrasound carts on the wards',
      systems: 'Ward network',
      mfa: 'not_applicable',
      monitored: 'true',
      deviceCount: '12',
      unsupportedDeviceCount: '2',
      lastReviewedOn: '2026-03-01',
      status: 'active',
    });
    const auditBefore = await query(api.databaseUrl, "SELECT id FROM audit_event WHERE entity_type = 'access_path'");
    const roundTrip = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${supplierId}/access-paths/import`,
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: exported.body,
    });
    expect(roundTrip.statusCode).toBe(200);
    expect(roundTrip.json()).toMatchObject({
      rows: rows.length,
      created: 0,
      updated: 0,
      invalid: 0,
      unchanged: rows.length,
    });
    expect(await query(api.databaseUrl, "SELECT id FROM audit_event WHERE entity_type = 'access_path'")).toHaveLength(
      auditBefore.length,
    );

    const csv =
      'kind,description,mfa,monitored,systems\nvpn,Night support VPN,partial,true,EPR;PACS\ntelnet,Old modem,none,maybe,\n';
    const imported = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${supplierId}/access-paths/import`,
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.json()).toMatchObject({ created: 1, invalid: 1 });
    expect(imported.json().results[1]).toMatchObject({
      line: 3,
      status: 'invalid',
      errors: expect.arrayContaining([
        expect.objectContaining({ path: 'kind' }),
        expect.objectContaining({ path: 'monitored' }),
      ]),
    });
    const list = (await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/access-paths?status=active`)).json();
    expect(list.items.find((p: { description: string }) => p.description === 'Night support VPN')).toMatchObject({
      systems: ['EPR', 'PACS'],
      mfa: 'partial',
    });
    const header = await api.request({
      method: 'POST',
      url: `/api/v1/suppliers/${supplierId}/access-paths/import`,
      headers: { ...buyer.headers, 'content-type': 'text/csv' },
      payload: 'kind,colour\nvpn,red\n',
    });
    expect(header.statusCode).toBe(400);
    expect(header.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'header.colour',
      'header.description',
      'header.mfa',
      'header.monitored',
    ]);
  });
  it('the committee pack lists the weak entry points by supplier, and a supplier receiving patient data without a DSPT', async () => {
    await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'other',
      description: 'Legacy dial-up modem',
      mfa: 'none',
      monitored: false,
      lastReviewedOn: '2025-01-01',
    });
    const pack = await call(governance, 'GET', '/api/v1/reports/supply-chain?format=json');
    expect(pack.statusCode).toBe(200);
    const mine = pack.json().entryPoints.suppliers.find((s: { supplierId: string }) => s.supplierId === supplierId);
    expect(mine).toMatchObject({
      supplier: 'Imaging Connect',
      withoutMfa: 1,
      unmonitored: 1,
      unreviewed: 1,
      unsupportedDevices: 2,
    });
    expect(mine.paths).toEqual([
      'Legacy dial-up modem (no MFA, not monitored, not reviewed for 12 months)',
      'Ultrasound carts on the wards (2 unsupported device(s))',
    ]);
    expect(pack.json().dataExposure.patientDataWithoutDspt).toEqual([
      { supplierId, name: 'Imaging Connect', currentStatus: null, lastExpiredOn: null },
    ]);
    const html = await call(governance, 'GET', '/api/v1/reports/supply-chain?format=html');
    expect(html.body).toContain('<h2 id="entry-points">Entry points</h2>');
    expect(html.body).toContain('Legacy dial-up modem (no MFA, not monitored, not reviewed for 12 months)');
    expect(html.body).toContain('<li>Imaging Connect: No DSPT assessment recorded</li>');
  });

  it('suspend links (incident mode) disables every active way in, each on the timeline; the exposure lists the paths and the data reachable', async () => {
    const weak = await call(buyer, 'POST', `/api/v1/suppliers/${supplierId}/access-paths`, {
      kind: 'privileged_account',
      description: 'Domain admin for the PACS upgrade',
      systems: ['PACS'],
      dataAssetIds: [assetId],
      mfa: 'none',
      monitored: true,
    });
    expect((await riskOf()).explanation.likelihood.bandUsed).toBe('B');
    const active = (await call(viewer, 'GET', `/api/v1/suppliers/${supplierId}/access-paths?status=active`))
      .json()
      .items.map((p: { id: string }) => p.id)
      .sort();
    expect(active.length).toBeGreaterThan(1);
    const opened = await call(governance, 'POST', '/api/v1/incidents', {
      supplierId,
      summary: 'Imaging Connect reports credential theft.',
      detectedAt: '2026-11-28T08:00:00Z',
      source: 'supplier_notice',
      severity: 'high',
    });
    expect(opened.statusCode).toBe(201);
    const incidentId = opened.json().id;
    const exposure = opened.json().exposure;
    expect(exposure.accessPaths.find((p: { accessPathId: string }) => p.accessPathId === weak.json().id)).toEqual({
      accessPathId: weak.json().id,
      kind: 'privileged_account',
      description: 'Domain admin for the PACS upgrade',
      status: 'active',
      mfa: 'none',
      monitored: true,
      systems: ['PACS'],
      dataAssets: [{ id: assetId, name: 'PACS images', classification: 'special_category', recordCount: 400_000 }],
    });

    const suspended = await call(buyer, 'POST', `/api/v1/incidents/${incidentId}/suspend-links`);
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ suspended: 1, accessPathsDisabled: active.length });
    expect([...suspended.json().accessPathIds].sort()).toEqual(active);
    const rows = await query<{ status: string; disabled_by_incident: string }>(
      api.databaseUrl,
      'SELECT status, disabled_by_incident FROM access_path WHERE id = ANY($1::uuid[])',
      [active],
    );
    expect(rows.every((r) => r.status === 'disabled' && r.disabled_by_incident === incidentId)).toBe(true);
    const detail = (await call(buyer, 'GET', `/api/v1/incidents/${incidentId}`)).json();
    const disabledEvents = detail.timeline.filter((t: { kind: string }) => t.kind === 'access_path_disabled');
    expect(disabledEvents.map((t: { detail: { accessPathId: string } }) => t.detail.accessPathId).sort()).toEqual(
      active,
    );
    expect(
      detail.exposureNow.accessPaths.find((p: { accessPathId: string }) => p.accessPathId === weak.json().id),
    ).toMatchObject({ status: 'disabled' });
    expect(
      await query(
        api.databaseUrl,
        "SELECT id FROM audit_event WHERE action = 'access_path.disabled' AND entity_id = ANY($1::text[])",
        [active],
      ),
    ).toHaveLength(active.length);
    // No unprotected way in is active any more: the step is gone, in the same transaction.
    expect((await riskOf()).explanation.likelihood.bandUsed).toBe('A');
  });

  it('offboarding disables every active way in, audited; reactivating re-enables none, and the console says so', async () => {
    const other = await call(buyer, 'POST', '/api/v1/suppliers', {
      name: 'Legacy Remote Support Ltd',
      kind: 'supplier',
      criticality: 'moderate',
      status: 'active',
      ownerId: buyer.id,
      contacts: [{ name: 'Ola Ade', email: 'ola@legacy.example', role: 'primary' }],
    });
    const otherId = other.json().id;
    const add = (body: object) =>
      call(buyer, 'POST', `/api/v1/suppliers/${otherId}/access-paths`, { systems: ['EPR'], monitored: true, ...body });
    const tool = (
      await add({ kind: 'remote_support', description: 'Screen-sharing tool to the ward PCs', mfa: 'none' })
    ).json();
    const vpn = (await add({ kind: 'vpn', description: 'Support VPN', mfa: 'enforced' })).json();
    const old = (
      await add({ kind: 'api_integration', description: 'Old results feed', mfa: 'not_applicable', status: 'disabled' })
    ).json();

    // The console's confirmation names the ways in that offboarding will disable.
    const email = `procurement-${Math.random().toString(36).slice(2, 8)}@trust.nhs.test`;
    await api.app
      .get(UsersService)
      .create({ email, name: 'Procurement person', role: 'procurement', password: PASSWORD });
    const login = await postConsoleLogin(
      api,
      `email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
      '10.6.1.1',
    );
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const page = async (url: string) => (await api.request({ method: 'GET', url, headers: { cookie } })).body;
    const confirm = await page(`/console/suppliers/${otherId}/offboard`);
    expect(confirm).toContain('These ways into our systems (access paths) are disabled today:');
    expect(confirm).toContain('<li>Screen-sharing tool to the ward PCs</li>');
    expect(confirm).toContain('<li>Support VPN</li>');
    expect(confirm).not.toContain('Old results feed');

    const offboarded = await call(buyer, 'POST', `/api/v1/suppliers/${otherId}/offboard`);
    expect(offboarded.statusCode).toBe(200);
    expect(offboarded.json()).toMatchObject({ status: 'offboarded' });
    const listed = (await call(viewer, 'GET', `/api/v1/suppliers/${otherId}/access-paths`)).json().items;
    expect(Object.fromEntries(listed.map((p: { id: string; status: string }) => [p.id, p.status]))).toEqual({
      [tool.id]: 'disabled',
      [vpn.id]: 'disabled',
      [old.id]: 'disabled',
    });
    const audited = await query<{ entity_id: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      api.databaseUrl,
      "SELECT entity_id, changes FROM audit_event WHERE action = 'access_path.disabled' AND entity_id = ANY($1::text[]) ORDER BY entity_id",
      [[tool.id, vpn.id, old.id]],
    );
    expect(audited.map((a) => a.entity_id).sort()).toEqual([tool.id, vpn.id].sort()); // the one already disabled is not disabled again
    for (const a of audited)
      expect(a.changes).toMatchObject({
        status: { before: 'active', after: 'disabled' },
        reason: { after: 'supplier offboarded' },
      });
    expect(await page(`/console/suppliers/${otherId}`)).toContain('Offboarding disabled these ways in (access paths):');

    // Reactivated: the ways in stay disabled, and the supplier page says so until each is re-enabled.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page(`/console/suppliers/${otherId}`))![1];
    const reactivated = await api.request({
      method: 'POST',
      url: `/console/suppliers/${otherId}/reactivate`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(reactivated.statusCode).toBe(303);
    expect((await call(viewer, 'GET', `/api/v1/suppliers/${otherId}`)).json()).toMatchObject({ status: 'active' });
    expect((await call(viewer, 'GET', `/api/v1/suppliers/${otherId}/access-paths?status=active`)).json().total).toBe(0);
    const after = await page(`/console/suppliers/${otherId}`);
    expect(after).toContain('did not re-enable the ways in that offboarding disabled');
    expect(after).toContain('<li>Screen-sharing tool to the ward PCs</li>');
    expect(after).not.toContain('Old results feed');
    expect((await call(buyer, 'PATCH', `/api/v1/access-paths/${vpn.id}`, { status: 'active' })).statusCode).toBe(200);
    const later = await page(`/console/suppliers/${otherId}`);
    expect(later).toContain('<li>Screen-sharing tool to the ward PCs</li>');
    expect(later).not.toContain('<li>Support VPN</li>');
  });
});
