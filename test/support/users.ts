import { randomBytes } from 'node:crypto';
import { UsersService, type Role } from '@app/identity';
import type { TestApi } from './app.js';

export interface SignedIn {
  id: string;
  email: string;
  token: string;
  headers: { authorization: string };
}

export const PASSWORD = 'correct horse battery staple';

/** A fresh user of the role, signed in through the real login route. */
export async function signIn(api: TestApi, role: Role): Promise<SignedIn> {
  const email = `${role}-${randomBytes(4).toString('hex')}@trust.nhs.test`;
  const user = await api.app.get(UsersService).create({ email, name: `${role} user`, role, password: PASSWORD });
  const res = await api.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: PASSWORD },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const token = res.json().accessToken as string;
  return { id: user.id, email, token, headers: { authorization: `Bearer ${token}` } };
}

export async function signInAll(api: TestApi): Promise<Record<Role, SignedIn>> {
  return {
    admin: await signIn(api, 'admin'),
    procurement: await signIn(api, 'procurement'),
    governance: await signIn(api, 'governance'),
    viewer: await signIn(api, 'viewer'),
  };
}
