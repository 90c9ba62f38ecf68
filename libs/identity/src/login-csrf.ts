import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Login CSRF for the console's sign-in form (a double-submit token): the form page sets a random
 * token in a cookie scoped to the sign-in path and in a hidden field; a sign-in whose field does not
 * match its cookie is refused, so another site cannot sign a victim's browser in to an account of its own.
 */
export const LOGIN_CSRF_COOKIE = 'assure_login_csrf';

export function newLoginCsrf(): string {
  return randomBytes(32).toString('base64url');
}

/** The token in a Cookie header, if it holds one. */
export function loginCsrfCookie(header: string | undefined): string | null {
  const match = String(header ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${LOGIN_CSRF_COOKIE}=`));
  const value = match ? match.slice(LOGIN_CSRF_COOKIE.length + 1) : '';
  return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export function loginCsrfMatches(cookieHeader: string | undefined, given: unknown): boolean {
  const expected = loginCsrfCookie(cookieHeader);
  if (!expected || typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
