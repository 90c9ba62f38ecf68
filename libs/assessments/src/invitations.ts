import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { noteOwed } from '@app/notifications';
import { Clock, HttpConfig } from '@app/platform';
import type { Assessment } from './assessment.entity.js';
import { hashToken, invitationExpiry, InvitationTokenBox, newToken } from './invitation-token.js';

export type InvitationReason = 'invitation' | 'resend' | 'reassign';

/** What a link is issued for: the assessment, its due date (the link's expiry) and the one contact it goes to. */
export type InvitationTarget = Pick<Assessment, 'id' | 'dueDate' | 'recipientContactId' | 'recipientEmail'>;

/** The outbox's key for the email carrying one link: the same link is never emailed twice. */
export const invitationDedupeKey = (assessmentId: string, invitationId: string): string =>
  `assessment:${assessmentId}:invitation:${invitationId}`;

/**
 * The emailed link of an assessment: issuing one stores the new token's hash and owes the email
 * that carries it, in the caller's transaction. Send, campaigns, resend and reassign all issue their
 * links here.
 */
@Injectable()
export class Invitations {
  constructor(
    private readonly clock: Clock,
    private readonly http: HttpConfig,
    private readonly box: InvitationTokenBox,
  ) {}

  /** Revokes the assessment's earlier links, then issues a new one; returns the link. */
  async issue(
    m: EntityManager,
    assessment: InvitationTarget,
    reason: InvitationReason,
    extraRefs: Record<string, string> = {},
  ): Promise<string> {
    await this.revoke(m, assessment.id);
    const [url] = await this.issueMany(m, [assessment], reason, extraRefs);
    return url;
  }

  /**
   * A new link for each assessment (none of which has a working one), set-based: a campaign of
   * 5,000 is two statements. Returns the links, in the order given.
   */
  async issueMany(
    m: EntityManager,
    targets: InvitationTarget[],
    reason: InvitationReason,
    extraRefs: Record<string, string> = {},
  ): Promise<string[]> {
    if (targets.length === 0) return [];
    const tokens = targets.map(() => newToken());
    const invitations = await m.query<{ id: string; assessment_id: string }[]>(
      `INSERT INTO assessment_invitation (assessment_id, token_hash, expires_at, recipient_contact_id, recipient_email, reason)
       SELECT t.*, $6::text FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::uuid[], $5::citext[]) AS t RETURNING id, assessment_id`,
      [
        targets.map((t) => t.id),
        tokens.map(hashToken),
        targets.map((t) => invitationExpiry(t.dueDate)),
        targets.map((t) => t.recipientContactId),
        targets.map((t) => t.recipientEmail),
        reason,
      ],
    );
    const invitationOf = new Map(invitations.map((i) => [i.assessment_id, i.id]));
    // The email needs the token itself: it waits in the outbox sealed, never in clear, addressed
    // to the one contact the link is issued to.
    const owed = await m.query<{ id: string }[]>(
      `INSERT INTO outbox_message (kind, recipients, template, refs, dedupe_key)
       SELECT $1, ARRAY[t.email], 'assessment-invitation', t.refs, t.dedupe_key FROM unnest($2::text[], $3::jsonb[], $4::text[]) AS t(email, refs, dedupe_key)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        reason === 'reassign' ? 'assessment.reassigned' : `assessment.${reason}`,
        targets.map((t) => t.recipientEmail),
        targets.map((t, i) =>
          JSON.stringify({
            ...extraRefs,
            assessmentId: t.id,
            invitationId: invitationOf.get(t.id),
            sealedToken: this.box.seal(tokens[i]),
          }),
        ),
        targets.map((t) => invitationDedupeKey(t.id, invitationOf.get(t.id)!)),
      ],
    );
    noteOwed(
      m,
      owed.map((o) => o.id),
    );
    return tokens.map((token) => this.url(token));
  }

  /** Every link of the assessment stops working (its portal sessions end with it). */
  async revoke(m: EntityManager, assessmentId: string): Promise<void> {
    await m.query('UPDATE assessment_invitation SET revoked_at = $2 WHERE assessment_id = $1 AND revoked_at IS NULL', [
      assessmentId,
      this.clock.now(),
    ]);
  }

  /** The link a token opens. */
  url(token: string): string {
    return `${this.http.baseUrl}/portal/i/${token}`;
  }
}
