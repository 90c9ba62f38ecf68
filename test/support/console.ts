import type { LightMyRequestResponse } from 'fastify';
import type { TestApi } from './app.js';

/**
 * Posts the console's sign-in form as a browser would: first the form page (its login CSRF cookie
 * and hidden field), then the form with both. `fields` is the form body (`email=...&password=...`).
 */
export async function postConsoleLogin(
  api: TestApi,
  fields: string,
  remoteAddress?: string,
): Promise<LightMyRequestResponse> {
  const form = await api.request({ method: 'GET', url: '/console/login', ...(remoteAddress ? { remoteAddress } : {}) });
  const cookie = String(form.headers['set-cookie'] ?? '').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return api.request({
    method: 'POST',
    url: '/console/login',
    payload: `${fields}&_csrf=${encodeURIComponent(csrf)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}
