import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, DomainError, NotFoundError } from '@app/platform';
import { readLanding, readPortalView, type Landing, type PortalView } from './portal-read.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentInvitation } from './assessment-invitation.entity.js';
import { PortalSession } from './portal-session.entity.js';
import { hashToken, looksLikeToken } from './invitation-token.js';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 8;

export class LinkGoneError extends DomainError {
  constructor(reason: 'expired' | 'revoked' | 'closed') {
    const detail = {
      expired: 'This link has expired. Ask the person who sent it for a new one.',
      revoked: 'This link is no longer valid: a newer link was sent, or the request was withdrawn.',
      closed: 'This questionnaire is closed.',
    }[reason];
    super(`PORTAL.LINK_${reason.toUpperCase()}`, detail, 410);
  }
}

export class PortalUnauthenticatedError extends DomainError {
  constructor() {
    super('PORTAL.SESSION_REQUIRED', 'Open the link from your email to continue.', 401);
  }
}

/** The context of a portal request: the one assessment it may touch. */
export interface PortalContext {
  assessment: Assessment;
  invitationId: string;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** The supplier's way in: the emailed link, the session it opens, and what they are shown. */
@Injectable()
export class PortalAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Resolves a link without changing anything (mail scanners open links). */
  async resolveToken(token: string): Promise<PortalContext> {
    if (!looksLikeToken(token)) throw new NotFoundError('PORTAL.LINK_UNKNOWN', 'This link is not valid.');
    // The link and its assessment in one round trip: this runs on every scripted request.
    const { entities, raw } = await this.dataSource
      .getRepository(Assessment)
      .createQueryBuilder('a')
      .innerJoin(AssessmentInvitation, 'i', 'i.assessment_id = a.id')
      .addSelect([
        'i.id AS invitation_id',
        'i.revoked_at AS invitation_revoked_at',
        'i.expires_at AS invitation_expires_at',
      ])
      .where('i.token_hash = :hash', { hash: hashToken(token) })
      .getRawAndEntities<{ invitation_id: string; invitation_revoked_at: Date | null; invitation_expires_at: Date }>();
    const [assessment] = entities;
    const [invitation] = raw;
    if (!assessment || !invitation) throw new NotFoundError('PORTAL.LINK_UNKNOWN', 'This link is not valid.');
    if (invitation.invitation_revoked_at) throw new LinkGoneError('revoked');
    if (new Date(invitation.invitation_expires_at) <= this.clock.now()) throw new LinkGoneError('expired');
    if (assessment.status === 'cancelled' || assessment.status === 'expired') throw new LinkGoneError('closed');
    return { assessment, invitationId: invitation.invitation_id };
  }

  /** Where a link stands and who asks whom for what: what the landing page shows, nothing more. */
  async landing(token: string): Promise<Landing> {
    return readLanding(this.dataSource, token, this.clock.today(), this.clock.now());
  }

  /** Opens a session for the link's one assessment; returns the cookie value (only its hash is kept). */
  async startSession(context: PortalContext): Promise<string> {
    const id = randomBytes(16).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.getRepository(PortalSession).insert({
      idHash: sha256(id),
      assessmentId: context.assessment.id,
      invitationId: context.invitationId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3600_000),
    });
    return id;
  }

  /** The session behind a cookie, refreshed; refused when idle too long, past its age, or its link revoked. */
  async resolveSession(id: string): Promise<PortalContext> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(id)) throw new PortalUnauthenticatedError();
    const repository = this.dataSource.getRepository(PortalSession);
    const session = await repository.findOneBy({ idHash: sha256(id) });
    const now = this.clock.now();
    if (
      !session ||
      session.expiresAt <= now ||
      session.lastSeenAt.getTime() + SESSION_IDLE_MINUTES * 60_000 <= now.getTime()
    )
      throw new PortalUnauthenticatedError();
    const invitation = await this.dataSource
      .getRepository(AssessmentInvitation)
      .findOneByOrFail({ id: session.invitationId });
    if (invitation.revokedAt) throw new LinkGoneError('revoked');
    if (invitation.expiresAt <= now) throw new LinkGoneError('expired');
    await repository.update({ idHash: session.idHash }, { lastSeenAt: now });
    const assessment = await this.dataSource.getRepository(Assessment).findOneByOrFail({ id: session.assessmentId });
    if (assessment.status === 'cancelled' || assessment.status === 'expired') throw new LinkGoneError('closed');
    return { assessment, invitationId: invitation.id };
  }

  /** The questionnaire with saved answers, files and what is shown (api.md: GET /portal/assessment). */
  async view(context: PortalContext): Promise<PortalView> {
    return readPortalView(this.dataSource, context.assessment);
  }
}
