import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@dev/embedded';
import { createTestDatabase } from './support/database.js';
import { exited, startCompiled, waitUntil } from './support/processes.js';

/**
 * `npm run demo` as a newcomer runs it (here given this run's PostgreSQL and Redis, so the suite
 * still starts one database server per run): migrations, the seeded register, MailDev, the printed
 * URLs and login, and a clean stop.
 */
describe('npm run demo', () => {
  it('starts the product with a seeded register, prints where everything is, and stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assure-demo-'));
    const port = await freePort();
    const demo = startCompiled('apps/demo/src/main.js', {
      DATABASE_URL: await createTestDatabase({ migrated: false }),
      REDIS_URL: process.env.TEST_REDIS_URL,
      PORT: String(port),
      DATA_DIR: dataDir,
      QUEUE_PREFIX: 'demo-test',
    });
    try {
      await waitUntil(async () => (demo.output().includes('Assure is running.') ? true : undefined), 60_000);
      const output = demo.output();
      expect(output).toMatch(/applied \d+ migration\(s\)/);
      expect(output).toContain('seeded the demo register: 30 suppliers');
      expect(output).toContain('6 questionnaires sent, 3 reviews completed, 1 incident open');
      const supplierLink = /Supplier\s+Riverside University: (\S+)/.exec(output)![1];
      expect(output).toContain(`OpenAPI      http://localhost:${port}/docs`);
      const inbox = /Inbox\s+(http:\/\/127\.0\.0\.1:\S+)/.exec(output)![1];
      const [, email, password] = /Admin login\s+(\S+) \/ (\S+)/.exec(output)!;
      expect(password).toBe(readFileSync(join(dataDir, 'admin-password'), 'utf8'));

      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      expect(inbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/); // the root: at /index.html the inbox stays on "Loading"
      expect((await fetch(inbox, { headers: { accept: 'text/html' } })).status).toBe(200);
      // The worker delivered the invitations, and the scheduler's first round a reminder and an escalation.
      const api = new URL('/api/email', inbox).toString();
      const subjects = await waitUntil(async () => {
        const mail = (await (await fetch(api)).json()) as { subject: string }[];
        const all = mail.map((m) => m.subject);
        return all.some((x) => x.startsWith('Escalation: ')) &&
          all.some((x) => x.startsWith('Reminder: ')) &&
          all.some((x) => x.includes('Northgate'))
          ? all
          : undefined;
      }, 30_000);
      expect(subjects).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Security questionnaire for Northgate Pathology Partnership due \d{1,2} \w{3} \d{4}$/),
          expect.stringMatching(/^Reminder: security questionnaire for Carecloud EPR Ltd due /),
          expect.stringMatching(/^Escalation: security questionnaire for Imaging Connect Ltd was due /),
        ]),
      );
      const landing = await fetch(supplierLink.replace(/^http:\/\/localhost:\d+/, base), {
        headers: { accept: 'application/json' },
      });
      expect(await landing.json()).toMatchObject({
        supplier: { name: 'Riverside University' },
        status: 'in_progress',
        questionnaire: { key: 'research-data-partner' },
      });
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const suppliers = (await (
        await fetch(`${base}/api/v1/suppliers?kind=university`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as { total: number; items: { name: string; tier: number; singleLossEstimate: number }[] };
      expect(suppliers.items.map((s) => s.name).sort()).toEqual(['Eastfield University', 'Riverside University']);
      // The trauma dataset goes pseudonymised (factor 0.5): 0.5 x 180 x (100,000 + 0.1 x 1,000,000) + 50,000.
      expect(suppliers.items.find((s) => s.name === 'Riverside University')).toMatchObject({
        tier: 1,
        singleLossEstimate: 18_050_000,
      });

      // The printed report link answers the committee pack.
      const reportUrl = /Report\s+(\S+)/.exec(output)![1].replace(/^http:\/\/localhost:\d+/, base);
      const page = await fetch(reportUrl, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Supply-chain cyber risk: committee pack');

      // The seeded incident: a university partner, with its exposure.
      const incidents = (await (
        await fetch(`${base}/api/v1/incidents`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as { items: { supplierName: string; status: string; exposure: { records: { total: number } } }[] };
      expect(incidents.items).toEqual([
        expect.objectContaining({ supplierName: 'Eastfield University', status: 'open' }),
      ]);
      expect(incidents.items[0].exposure.records.total).toBeGreaterThan(0);

      // The risk stories of the seed's completed reviews.
      const all = (await (
        await fetch(`${base}/api/v1/suppliers?pageSize=100`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as {
        items: {
          id: string;
          name: string;
          band: string | null;
          rating: string;
          valueAtRisk: number;
          netValueAtRisk: number;
        }[];
      };
      const story = (name: string) => all.items.find((s) => s.name === name)!;
      expect(story('Northgate Pathology Partnership')).toMatchObject({ band: 'D', rating: 'critical' });
      expect(story('Riverside University')).toMatchObject({ band: 'D', rating: 'critical' });
      // Both its questionnaires counted; the research one (no MFA into the research environment) set the band.
      const riverside = story('Riverside University');
      const explained = (await (
        await fetch(`${base}/api/v1/suppliers/${riverside.id}/risk`, {
          headers: { authorization: `Bearer ${accessToken}` },
        })
      ).json()) as {
        explanation: {
          likelihood: {
            latestAssessment: { questionnaireKey: string };
            assessments: { questionnaireKey: string; band: string }[];
          };
        };
      };
      expect(explained.explanation.likelihood.latestAssessment.questionnaireKey).toBe('research-data-partner');
      expect(explained.explanation.likelihood.assessments.map((a) => `${a.questionnaireKey}:${a.band}`).sort()).toEqual(
        ['research-data-partner:D', 'supplier-security-core:C'],
      );
      expect(story('Telecare Monitoring Ltd')).toMatchObject({ band: 'A', rating: 'low' });
      // Entry points: the pathology partner's analyser vendor reaches the lab network through a
      // remote-support tool with no MFA and nobody watching: its band D counts as E for p (0.08 -> 0.10).
      type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const get = async (path: string) =>
        (
          await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })
        ).json() as Promise<Json>;
      const northgate = await get(`/api/v1/suppliers/${story('Northgate Pathology Partnership').id}/risk`);
      expect(northgate).toMatchObject({
        band: 'D',
        probability: 0.1,
        explanation: { entryPoints: { bandBefore: 'D', bandAfter: 'E', stepApplied: true } },
      });
      expect(northgate.explanation.summary).toContain(
        'Analyser vendor’s remote-support tool into the laboratory network (no MFA, not monitored)',
      );
      const devices = await get(
        `/api/v1/suppliers/${all.items.find((s) => s.name === 'MedDevice Servicing Ltd')!.id}/access-paths`,
      );
      expect(devices.items).toEqual([
        expect.objectContaining({
          kind: 'managed_device',
          mfa: 'not_applicable',
          deviceCount: 240,
          unsupportedDeviceCount: 31,
          status: 'active',
        }),
      ]);
      const vpn = await get(`/api/v1/suppliers/${story('Carecloud EPR Ltd').id}/access-paths`);
      expect(vpn.items).toEqual([expect.objectContaining({ kind: 'vpn', mfa: 'enforced', monitored: true })]);
      // Certificates: the EPR host's Cyber Essentials Plus verified with its file; the imaging
      // supplier's Cyber Essentials running out within 30 days; the analytics partner's DSPT a gap.
      const carecloudCerts = await get(`/api/v1/suppliers/${story('Carecloud EPR Ltd').id}/certifications`);
      expect(carecloudCerts.items).toEqual([
        expect.objectContaining({
          kind: 'cyber_essentials_plus',
          verifiedBy: expect.any(String),
          verifiedOn: expect.any(String),
        }),
      ]);
      const imagingCerts = await get(
        `/api/v1/suppliers/${all.items.find((s) => s.name === 'Imaging Connect Ltd')!.id}/certifications`,
      );
      const expiresInDays = (Date.parse(imagingCerts.items[0].expiresOn) - Date.now()) / 86_400_000;
      expect(expiresInDays).toBeGreaterThan(0);
      expect(expiresInDays).toBeLessThan(30);
      const report = await get('/api/v1/reports/supply-chain?format=json');
      const gaps = report.dataExposure.patientDataWithoutDspt as { name: string; currentStatus: string | null }[];
      expect(gaps).toContainEqual(
        expect.objectContaining({ name: 'Meridian Health Analytics Ltd', currentStatus: 'approaching_standards' }),
      );
      expect(gaps.map((g) => g.name)).not.toContain('Northgate Pathology Partnership'); // standards met, verified
      expect(report.entryPoints.totals).toMatchObject({ suppliers: expect.any(Number) });
      expect(story('Carecloud EPR Ltd').netValueAtRisk).toBeLessThan(story('Carecloud EPR Ltd').valueAtRisk / 2);
      // The seeded reviews' findings are valued (the seed runs before the app's init(): they were
      // "not yet valued", below the £0 fixes): Northgate's knock-out first, every fix with a figure.
      const fixes = (await (
        await fetch(`${base}/api/v1/risk/countermeasures`, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as { actions: { supplierName: string; questionCode: string; riskReduction: number | null }[] };
      expect(fixes.actions.length).toBeGreaterThan(0);
      expect(fixes.actions.filter((a) => a.riskReduction === null)).toEqual([]);
      expect(fixes.actions[0]).toMatchObject({
        supplierName: 'Northgate Pathology Partnership',
        questionCode: 'BAK-01',
      });
      expect(fixes.actions[0].riskReduction).toBeGreaterThan(1_000_000);

      demo.kill('SIGTERM');
      expect(await exited(demo, 30_000)).toBe(0);
      expect(demo.output()).toContain('stopped; nothing left running');
      await expect(fetch(inbox)).rejects.toThrow();
      // The inbox's mail is kept on disk, so the next run still shows these invitations.
      expect(readdirSync(join(dataDir, 'inbox')).length).toBeGreaterThan(0);
    } finally {
      demo.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('stops everything it started when Ctrl-C reaches only the npm process', async () => {
    // npm forwards SIGINT to the shell of its script; without `exec` the shell died and the demo
    // kept running, orphaned. Here npm is its own process group, and only npm gets the signal.
    const scripts = (
      JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.demo).toMatch(/ && exec npm run --silent demo:run$/); // the shell hands over: npm's signal reaches the next npm
    const dataDir = mkdtempSync(join(tmpdir(), 'assure-demo-'));
    const port = await freePort();
    const npm = spawn('npm', ['run', '--silent', 'demo:run'], {
      cwd: process.cwd(),
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: await createTestDatabase({ migrated: false }),
        REDIS_URL: process.env.TEST_REDIS_URL,
        PORT: String(port),
        DATA_DIR: dataDir,
        QUEUE_PREFIX: 'demo-sigint',
      },
    });
    let output = '';
    npm.stdout.on('data', (c: Buffer) => (output += c.toString()));
    npm.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const groupAlive = () => {
      try {
        process.kill(-npm.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      await waitUntil(async () => (output.includes('Assure is running.') ? true : undefined), 90_000);
      process.kill(npm.pid!, 'SIGINT');
      expect(await exited(npm, 30_000)).toBe(0);
      expect(output).toContain('[demo] stopped; nothing left running');
      expect(output).not.toMatch(/Error:|at .+:\d+:\d+\)/); // no stack trace on the way out
      await waitUntil(async () => (groupAlive() ? undefined : true), 10_000); // nothing of the demo left running
      await expect(fetch(`http://127.0.0.1:${port}/health/ready`)).rejects.toThrow();
    } finally {
      if (groupAlive()) process.kill(-npm.pid!, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
