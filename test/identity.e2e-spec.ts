import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { startTestApi, type TestApi } from './support/app.js';
import { PASSWORD, signIn } from './support/users.js';

describe('identity: login, tokens, users', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ ADMIN_EMAIL: 'first.admin@trust.nhs.test', ADMIN_PASSWORD: 'first-admin-password' });
  });
  afterAll(() => api.close());

  const login = (email: string, password: string, ip = '198.51.100.1') =>
    api.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

  it('creates the first admin from ADMIN_EMAIL and ADMIN_PASSWORD, who can sign in', async () => {
    const res = await login('first.admin@trust.nhs.test', 'first-admin-password');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ accessToken: expect.any(String), expiresIn: 3600, tokenType: 'Bearer' });
    const users = await api.request({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(users.statusCode).toBe(200);
    expect(users.json().items).toEqual([
      expect.objectContaining({ email: 'first.admin@trust.nhs.test', role: 'admin', active: true }),
    ]);
  });

  it('answers an unknown email and a wrong password the same way', async () => {
    const unknown = await login('nobody@trust.nhs.test', 'whatever-password', '198.51.100.2');
    const wrong = await login('first.admin@trust.nhs.test', 'not-the-password', '198.51.100.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json().detail).toBe('Email or password is wrong.');
  });

  it('rate limits login attempts per address', async () => {
    const statuses: number[] = [];
    // A different address each time: the per-account throttle (hardening tests) is not what this checks.
    for (let i = 0; i < 11; i++)
      statuses.push((await login(`nobody-${i}@trust.nhs.test`, 'wrong-password', '198.51.100.77')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('lets an admin create, list and change users; never shows a password hash', async () => {
    const admin = await signIn(api, 'admin');
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        email: 'buyer@trust.nhs.test',
        name: 'Bea Buyer',
        role: 'procurement',
        password: 'long-enough-password',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      email: 'buyer@trust.nhs.test',
      name: 'Bea Buyer',
      role: 'procurement',
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(created.body).not.toMatch(/argon2|passwordHash/);

    const duplicate = await api.request({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'BUYER@trust.nhs.test', name: 'Again', role: 'viewer', password: 'long-enough-password' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors).toEqual([{ path: 'email', message: 'is already used by another user' }]);

    const bad = await api.request({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'x', name: '', role: 'boss', password: 'short', extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['email', 'extra', 'name', 'password', 'role']);

    const patched = await api.request({
      method: 'PATCH',
      url: `/api/v1/users/${created.json().id}`,
      headers: admin.headers,
      payload: { role: 'governance', name: 'Bea Governance' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ role: 'governance', name: 'Bea Governance' });
  });

  it('ends a disabled user’s access at once, even with a token still in date', async () => {
    const admin = await signIn(api, 'admin');
    const viewer = await signIn(api, 'viewer');
    expect((await api.request({ method: 'GET', url: '/api/v1/suppliers', headers: viewer.headers })).statusCode).toBe(
      200,
    );
    const disable = await api.request({
      method: 'PATCH',
      url: `/api/v1/users/${viewer.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(disable.statusCode).toBe(200);
    const after = await api.request({ method: 'GET', url: '/api/v1/suppliers', headers: viewer.headers });
    expect(after.statusCode).toBe(401);
    expect((await login(viewer.email, PASSWORD, '198.51.100.9')).statusCode).toBe(401);
  });

  it('refuses forged, expired and malformed tokens', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwiaXNzIjoiYXNzdXJlIn0.c2lnbmF0dXJl';
    for (const authorization of [`Bearer ${forged}`, 'Bearer', 'Basic abc', 'Bearer a.b.c']) {
      const res = await api.request({ method: 'GET', url: '/api/v1/suppliers', headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const viewer = await signIn(api, 'viewer');
    const [, payload] = viewer.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(3600);
    // The same user's token, signed with our key but already expired, is refused.
    const expired = await api.app.get(JwtService, { strict: false }).signAsync({ sub: viewer.id }, { expiresIn: -10 });
    const res = await api.request({
      method: 'GET',
      url: '/api/v1/suppliers',
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('The access token is invalid or has expired.');
  });

  it('stores passwords as argon2id hashes', async () => {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ password_hash: string }>(
      "SELECT password_hash FROM app_user WHERE email = 'first.admin@trust.nhs.test'",
    );
    await client.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});
