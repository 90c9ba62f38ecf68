import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The portal's CSRF token: an HMAC of the session id under the app's secret. It is bound to that
 * one session (a new Start gives a new one), needs no column and no read, and cannot be made by a
 * site that does not know the session id (SameSite=Lax alone does not cover every browser or a
 * same-site attacker).
 */
export function portalCsrfToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`assure-portal-csrf:${sessionId}`).digest('base64url');
}

export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
