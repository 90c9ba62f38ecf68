import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the system's CSPRNG, base64url: the secret part of an emailed link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token's shape, checked before any lookup (and before any rate-limit bucket is made for it). */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
