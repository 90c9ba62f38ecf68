import { Redis } from 'ioredis';
import { REDIS } from '@app/platform';
import { startTestApi, type TestApi } from './support/app.js';

describe('platform behaviour every route inherits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('answers liveness without touching anything else', async () => {
    const res = await api.request({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready when PostgreSQL and Redis answer and every migration is applied', async () => {
    const res = await api.request({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ready',
      checks: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await api.request({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'x-request-id': 'caller-chosen-id-123' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toEqual({
      type: 'urn:assure:problem:resource.not-found',
      title: 'Not found',
      status: 404,
      detail: 'Cannot GET /api/v1/nothing-here',
      code: 'RESOURCE.NOT_FOUND',
      instance: '/api/v1/nothing-here',
      requestId: 'caller-chosen-id-123',
    });
  });

  it('answers unreadable JSON with a 400 problem, not a 500', async () => {
    const res = await api.request({
      method: 'POST',
      url: '/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: 'REQUEST.INVALID', title: 'Invalid request' });
    expect(res.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a body over the limit with a 413 problem', async () => {
    const res = await api.request({
      method: 'POST',
      url: '/health',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ blob: 'x'.repeat(api.config.http.bodyLimitBytes + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('sends security headers', async () => {
    const res = await api.request({ method: 'GET', url: '/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('shows the risk model settings in force to signed-in users', async () => {
    const { signIn } = await import('./support/users.js');
    const viewer = await signIn(api, 'viewer');
    const res = await api.request({
      method: 'GET',
      url: '/api/v1/settings/risk',
      headers: viewer.headers,
      remoteAddress: '192.0.2.77',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      recordRates: { personal: 120, special_category: 180 },
      bandThresholds: { A: 90, B: 75, C: 60, D: 40 },
      likelihood: { A: { probability: 0.025, level: 1 }, never: { probability: 0.1, level: 5 } },
      operationalLoss: { critical: 30_000_000 },
      reassessmentMonths: { 1: 12, 3: 24, 4: 36 },
    });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const json = await api.request({ method: 'GET', url: '/docs-json' });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Assure' } });
    expect(Object.keys(json.json().paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    const ui = await api.request({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('counts ordinary requests locally: no Redis round trip per request below half the limit', async () => {
    const { signIn } = await import('./support/users.js');
    // Synchronised once a minute, so that no synchronisation falls inside the 40 requests however slow the machine.
    const fast = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_SYNC_MS: '60000' });
    const viewer = await signIn(fast, 'viewer');
    // The rate limiter's own calls to Redis (the server's command statistics would count other test files' queues too).
    const redis = fast.app.get<Redis>(REDIS);
    const limiterCalls: string[] = [];
    const evaluate = redis.eval.bind(redis) as (...args: unknown[]) => Promise<unknown>;
    (redis as unknown as { eval: (...args: unknown[]) => Promise<unknown> }).eval = (...args: unknown[]) => {
      if (String(args[2]).includes(':rl:global:198.51.100.40')) limiterCalls.push(String(args[2]));
      return evaluate(...args);
    };
    try {
      for (let i = 0; i < 40; i++) {
        expect(
          (
            await fast.request({
              method: 'GET',
              url: '/api/v1/suppliers?pageSize=1',
              headers: viewer.headers,
              remoteAddress: '198.51.100.40',
            })
          ).statusCode,
        ).toBe(200);
      }
      expect(limiterCalls).toEqual([]);
      // Past half the limit (as far as this replica knows), every request asks Redis for the exact total.
      const strict = await startTestApi({ RATE_LIMIT_PER_MINUTE: '4', RATE_LIMIT_SYNC_MS: '60000' });
      try {
        const strictRedis = strict.app.get<Redis>(REDIS);
        let asked = 0;
        const strictEvaluate = strictRedis.eval.bind(strictRedis) as (...args: unknown[]) => Promise<unknown>;
        (strictRedis as unknown as { eval: (...args: unknown[]) => Promise<unknown> }).eval = (...args: unknown[]) => {
          if (String(args[2]).includes(':rl:global:198.51.100.41')) asked++;
          return strictEvaluate(...args);
        };
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++)
          statuses.push(
            (await strict.request({ method: 'GET', url: '/health/ready', remoteAddress: '198.51.100.41' })).statusCode,
          );
        expect(statuses).toEqual([200, 200, 200, 200, 429]);
        expect(asked).toBe(3); // requests 3, 4 and 5; the first two were counted locally
      } finally {
        await strict.close();
      }
    } finally {
      await fast.close();
    }
  });

  it('rate limits per client in Redis, with Retry-After, shared by every replica', async () => {
    // A second API process on the same Redis counts against the same limit.
    const other = await startTestApi({ RATE_LIMIT_PER_MINUTE: '5', QUEUE_PREFIX: api.config.queue.prefix });
    try {
      const redis = new Redis(api.config.queue.redisUrl);
      await redis.del(`${api.config.queue.prefix}:rl:global:203.0.113.7`);
      await redis.quit();
      const hit = (target: TestApi) =>
        target.request({ method: 'GET', url: '/health/ready', remoteAddress: '203.0.113.7' });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await hit(api)).statusCode);
      for (let i = 0; i < 2; i++) statuses.push((await hit(other)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      // Below half its limit a replica counts locally and tells Redis within 100 ms (or as soon as a loaded machine runs its timer).
      const counter = new Redis(api.config.queue.redisUrl);
      try {
        for (
          let waited = 0;
          Number(await counter.get(`${api.config.queue.prefix}:rl:global:203.0.113.7`)) < 5;
          waited += 50
        ) {
          if (waited > 10_000) throw new Error('the replicas never told Redis their counts');
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await counter.quit();
      }
      const limited = await hit(api);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
      // Another client is not affected.
      expect(
        (await api.request({ method: 'GET', url: '/health/ready', remoteAddress: '203.0.113.8' })).statusCode,
      ).toBe(200);
    } finally {
      await other.close();
    }
  });
});
