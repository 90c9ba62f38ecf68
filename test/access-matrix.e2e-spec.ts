import type { Role } from '@app/identity';
import { startTestApi, type TestApi } from './support/app.js';
import { signInAll, type SignedIn } from './support/users.js';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'viewer', 'governance', 'procurement', 'admin'];
const EVERY_ROLE: Role[] = ['viewer', 'governance', 'procurement', 'admin'];
const ID = '00000000-0000-4000-8000-000000000000';

/** Every route of the API and who may call it (shared/spec/api.md). Admin may call everything. */
const MATRIX: { method: 'GET' | 'POST' | 'PATCH'; path: string; allowed: Role[] | 'public' | 'portal' }[] = [
  { method: 'POST', path: '/api/v1/auth/login', allowed: 'public' },
  { method: 'GET', path: '/api/v1/users', allowed: ['admin'] },
  { method: 'POST', path: '/api/v1/users', allowed: ['admin'] },
  { method: 'PATCH', path: '/api/v1/users/{id}', allowed: ['admin'] },
  { method: 'GET', path: '/api/v1/suppliers', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/suppliers', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/suppliers/import', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/suppliers/{id}', allowed: EVERY_ROLE },
  { method: 'PATCH', path: '/api/v1/suppliers/{id}', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/suppliers/{id}/offboard', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/data-assets', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/data-assets', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/data-assets/{id}', allowed: EVERY_ROLE },
  { method: 'PATCH', path: '/api/v1/data-assets/{id}', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/data-sharing-links', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/data-sharing-links', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/data-sharing-links/{id}', allowed: EVERY_ROLE },
  { method: 'PATCH', path: '/api/v1/data-sharing-links/{id}', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/data-sharing/records-shared', allowed: EVERY_ROLE },
  { method: 'GET', path: '/api/v1/data-sharing/unassessed-holders', allowed: EVERY_ROLE },
  { method: 'GET', path: '/api/v1/audit-events', allowed: ['governance', 'admin'] },
  { method: 'GET', path: '/api/v1/settings/risk', allowed: EVERY_ROLE },
  { method: 'GET', path: '/api/v1/questionnaires', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/questionnaires', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/questionnaires/{key}/versions/{version}', allowed: EVERY_ROLE },
  { method: 'GET', path: '/api/v1/assessments', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/assessments', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/assessments/{id}', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/assessments/campaigns', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/assessments/{id}/resend', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/assessments/{id}/evidence/{evidenceId}', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/assessments/{id}/cancel', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/assessments/{id}/return', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/assessments/{id}/complete', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/assessments/{id}/reassess', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/assessments/{id}/reassign', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/assessments/{id}/adjustments', allowed: ['procurement', 'governance', 'admin'] }, // governance raises, procurement lowers (risk-model section 2)
  { method: 'GET', path: '/api/v1/suppliers/{id}/risk', allowed: EVERY_ROLE },
  { method: 'GET', path: '/api/v1/suppliers/{id}/risk-decisions', allowed: ['governance', 'admin'] },
  { method: 'POST', path: '/api/v1/suppliers/{id}/tier-override', allowed: ['governance', 'admin'] },
  { method: 'POST', path: '/api/v1/suppliers/{id}/risk-decisions', allowed: ['governance', 'admin'] },
  { method: 'GET', path: '/api/v1/findings', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'GET', path: '/api/v1/findings/{id}', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'PATCH', path: '/api/v1/findings/{id}', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'GET', path: '/api/v1/reports/supply-chain', allowed: ['governance', 'admin'] },
  { method: 'GET', path: '/api/v1/risk/loss-distribution', allowed: ['governance', 'admin'] },
  { method: 'GET', path: '/api/v1/risk/countermeasures', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'POST', path: '/api/v1/reports/snapshots', allowed: ['governance', 'admin'] },
  { method: 'GET', path: '/api/v1/incidents', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'POST', path: '/api/v1/incidents', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'GET', path: '/api/v1/incidents/{id}', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'GET', path: '/api/v1/incidents/{id}/exposure', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'POST', path: '/api/v1/incidents/{id}/suspend-links', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'POST', path: '/api/v1/incidents/{id}/close', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'GET', path: '/api/v1/notifications', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'POST', path: '/api/v1/notifications/{id}/retry', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/suppliers/{id}/access-paths', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/suppliers/{id}/access-paths', allowed: ['procurement', 'admin'] },
  { method: 'POST', path: '/api/v1/suppliers/{id}/access-paths/import', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/access-paths/{id}', allowed: EVERY_ROLE },
  { method: 'PATCH', path: '/api/v1/access-paths/{id}', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/suppliers/{id}/certifications', allowed: EVERY_ROLE },
  { method: 'POST', path: '/api/v1/suppliers/{id}/certifications', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/certifications/{id}', allowed: EVERY_ROLE },
  { method: 'PATCH', path: '/api/v1/certifications/{id}', allowed: ['procurement', 'governance', 'admin'] },
  { method: 'POST', path: '/api/v1/certifications/{id}/evidence', allowed: ['procurement', 'admin'] },
  { method: 'GET', path: '/api/v1/certifications/{id}/evidence', allowed: EVERY_ROLE },
  // The portal takes no internal account: its own link or session decides (tested in assessments.e2e-spec).
  { method: 'GET', path: '/portal/i/{token}', allowed: 'public' },
  { method: 'POST', path: '/portal/i/{token}/start', allowed: 'public' },
  { method: 'GET', path: '/portal/assessment', allowed: 'portal' },
  { method: 'POST', path: '/portal/assessment/answers', allowed: 'portal' },
  { method: 'POST', path: '/portal/assessment/submit', allowed: 'portal' },
  { method: 'POST', path: '/portal/assessment/evidence', allowed: 'portal' },
  { method: 'GET', path: '/health', allowed: 'public' },
  { method: 'GET', path: '/health/ready', allowed: 'public' },
];

describe('route x role matrix', () => {
  let api: TestApi;
  let users: Record<Role, SignedIn>;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '10000' });
    users = await signInAll(api);
  });
  afterAll(() => api.close());

  it('covers every route the API serves', async () => {
    const doc = (await api.request({ method: 'GET', url: '/docs-json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.sort()).toEqual(MATRIX.map((r) => `${r.method} ${r.path}`).sort());
  });

  for (const route of MATRIX) {
    for (const caller of CALLERS) {
      if (route.allowed === 'portal') {
        it(`${route.method} ${route.path} as ${caller}: an internal token opens no supplier session`, async () => {
          const res = await api.request({
            method: route.method,
            url: route.path,
            headers: caller === 'anonymous' ? {} : { cookie: 'x=1' },
            payload: route.method === 'GET' ? undefined : {},
          });
          expect([400, 401]).toContain(res.statusCode);
        });
        continue;
      }
      const allowed = route.allowed === 'public' || (caller !== 'anonymous' && route.allowed.includes(caller));
      it(`${route.method} ${route.path} as ${caller}: ${allowed ? 'allowed' : 'denied'}`, async () => {
        const res = await api.request({
          method: route.method,
          url: route.path
            .replace('{id}', ID)
            .replace('{key}', 'supplier-security-lite')
            .replace('{version}', '1')
            .replace('{token}', 'x'.repeat(43))
            .replace('{evidenceId}', ID),
          headers: caller === 'anonymous' ? {} : users[caller].headers,
          payload: route.method === 'GET' ? undefined : {},
          remoteAddress: '192.0.2.10',
        });
        if (allowed) {
          expect([401, 403]).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode).toBe(caller === 'anonymous' ? 401 : 403);
          expect(res.json().code).toBe(caller === 'anonymous' ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN');
        }
        expect(res.statusCode).toBeLessThan(500);
      });
    }
  }
});
