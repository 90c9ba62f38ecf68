import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { oweEmail } from '@app/notifications';
import { AppConfig, Clock } from '@app/platform';
import { AssessmentInvitation, type Assessment } from './entities.js';
import { hashToken, invitationExpiry, InvitationTokenBox, newToken } from './invitation-token.js';

export type InvitationReason = 'invitation' | 'resend' | 'reassign';

/**
 * The emailed link of an assessment: issuing one revokes the earlier ones, stores the new token's
 * hash and owes the email that carries it, in the caller's transaction. Send, resend and reassign
 * all issue their links here.
 */
@Injectable()
export class Invitations {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly box: InvitationTokenBox,
  ) {}

  /** Revokes earlier links, stores the new one's hash, and owes the email that carries it; returns the link. */
  async issue(m: EntityManager, assessment: Assessment, reason: InvitationReason, extraRefs: Record<string, string> = {}): Promise<string> {
    await this.revoke(m, assessment.id);
    const token = newToken();
    const expiresAt = invitationExpiry(assessment.dueDate);
    const inserted = await m.insert(AssessmentInvitation, {
      assessmentId: assessment.id, tokenHash: hashToken(token), expiresAt, revokedAt: null, recipientContactId: assessment.recipientContactId, recipientEmail: assessment.recipientEmail, reason,
    });
    const invitationId = inserted.identifiers[0].id as string;
    // The email needs the token itself: it waits in the outbox sealed, never in clear, addressed
    // to the one contact the link is issued to.
    await oweEmail(m, {
      kind: reason === 'reassign' ? 'assessment.reassigned' : `assessment.${reason}`,
      recipients: [assessment.recipientEmail],
      template: 'assessment-invitation',
      refs: { ...extraRefs, assessmentId: assessment.id, invitationId, sealedToken: this.box.seal(token) },
      dedupeKey: `assessment:${assessment.id}:invitation:${invitationId}`,
    });
    return this.url(token);
  }

  /** Every link of the assessment stops working (its portal sessions end with it). */
  async revoke(m: EntityManager, assessmentId: string): Promise<void> {
    await m.query('UPDATE assessment_invitation SET revoked_at = $2 WHERE assessment_id = $1 AND revoked_at IS NULL', [assessmentId, this.clock.now()]);
  }

  /** The link a token opens. */
  url(token: string): string {
    return `${this.config.baseUrl}/portal/i/${token}`;
  }
}
