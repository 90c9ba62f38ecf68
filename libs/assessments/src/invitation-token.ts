import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthConfig, SecretBox } from '@app/platform';

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

/** Links stay valid this many days after the due date. */
export const INVITATION_VALID_AFTER_DUE_DAYS = 30;

/** When a link for this due date stops working: the end of the due day plus the grace period, UTC. */
export function invitationExpiry(dueDate: string): Date {
  const expiresAt = new Date(`${dueDate}T23:59:59.999Z`);
  expiresAt.setUTCDate(expiresAt.getUTCDate() + INVITATION_VALID_AFTER_DUE_DAYS);
  return expiresAt;
}

/** Seals tokens waiting in the outbox for their email; the worker opens them with the same purpose. */
export const OUTBOX_TOKEN_PURPOSE = 'outbox-invitation-token';

/** The outbox's box for invitation tokens, one per process. */
@Injectable()
export class InvitationTokenBox extends SecretBox {
  constructor(auth: AuthConfig) {
    super(auth.linkSealingSecret, OUTBOX_TOKEN_PURPOSE);
  }
}
