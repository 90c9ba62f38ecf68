import { randomBytes } from 'node:crypto';
import { freePort } from '@dev/embedded';
import { createTestDatabase } from './support/database.js';
import { exited, runCompiled, startCompiled, waitUntil } from './support/processes.js';

/**
 * The compiled product as an operator runs it: `npm run migrate`, `npm run start:api` and
 * `npm run start:worker` against given DATABASE_URL and REDIS_URL.
 */
describe('compiled entry points', () => {
  const baseEnv = () => ({
    REDIS_URL: process.env.TEST_REDIS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LINK_SEALING_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: `prod-${randomBytes(3).toString('hex')}`,
  });

  it('refuses to start with a bad variable, naming it, without a stack trace', async () => {
    const run = await runCompiled('apps/api/src/main.js', {
      ...baseEnv(),
      DATABASE_URL: 'mysql://root@db/assure',
      PORT: 'http',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration:');
    expect(run.stderr).toContain('DATABASE_URL must be a postgres:// URL');
    expect(run.stderr).toMatch(/PORT /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says plainly when the database cannot be reached, hiding the password', async () => {
    const port = await freePort();
    const run = await runCompiled('apps/api/src/main.js', {
      ...baseEnv(),
      DATABASE_URL: `postgres://assure:s3cret-pw@127.0.0.1:${port}/assure`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Cannot connect to PostgreSQL at postgres://assure:***@127.0.0.1:${port}/assure (DATABASE_URL)`,
    );
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).not.toContain('s3cret-pw');
  });

  it('migrates, serves /health/ready and /docs, and stops cleanly on SIGTERM', async () => {
    const databaseUrl = await createTestDatabase({ migrated: false });
    const port = await freePort();
    const api = startCompiled('apps/api/src/main.js', { ...baseEnv(), DATABASE_URL: databaseUrl, PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      // Before the migrations run, the API is alive but not ready.
      const notReady = await waitUntil(async () => {
        const res = await fetch(`${base}/health/ready`);
        return res.status === 503 ? res.json() : undefined;
      });
      expect(notReady).toMatchObject({
        status: 'not_ready',
        checks: { migrations: { status: 'down', detail: expect.stringContaining('npm run migrate') } },
      });

      const migrate = await runCompiled('apps/cli/src/migrate.js', { DATABASE_URL: databaseUrl });
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toMatch(/Applied \d+ migration\(s\)/);
      const again = await runCompiled('apps/cli/src/migrate.js', { DATABASE_URL: databaseUrl });
      expect(again.stdout).toContain('No pending migrations');

      // An invitation token in a path never reaches the log.
      const token = 'Tk'.padEnd(43, 'q');
      expect((await fetch(`${base}/portal/i/${token}`)).status).toBe(404);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect((await fetch(`${base}/docs`)).status).toBe(200);
      expect((await fetch(`${base}/docs-json`)).status).toBe(200);

      api.kill('SIGTERM');
      expect(await exited(api)).toBe(0);
      // Structured JSON logs with the request id on request lines, and no secret anywhere.
      const lines = api
        .output()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.some((l) => l.msg === 'request completed' && typeof l.requestId === 'string')).toBe(true);
      expect(api.output()).not.toContain(databaseUrl.split('@')[0].split(':').at(-1));
      expect(api.output()).toContain('/portal/i/[token]');
      expect(api.output()).not.toContain(token);
    } finally {
      api.kill('SIGKILL');
    }
  });

  it('runs the worker without an HTTP server and stops it on SIGTERM', async () => {
    const databaseUrl = await createTestDatabase();
    const worker = startCompiled('apps/worker/src/main.js', { ...baseEnv(), DATABASE_URL: databaseUrl });
    try {
      await waitUntil(async () => (worker.output().includes('worker started') ? true : undefined));
      expect(worker.output()).not.toContain('maxmemory-policy'); // the test Redis is noeviction
      worker.kill('SIGTERM');
      expect(await exited(worker)).toBe(0);
    } finally {
      worker.kill('SIGKILL');
    }
  });
});
