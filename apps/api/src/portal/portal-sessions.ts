import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, PortalAccess, PortalUnauthenticatedError, type PortalContext } from '@app/assessments';
import { AuthConfig, DomainError, requestContext } from '@app/platform';
import { csrfMatches, portalCsrfToken } from './csrf.js';

/** The session cookie's name: set by the landing page's start, bound to one assessment. */
export const COOKIE = 'assure_portal';
const CSRF_HEADER = 'x-csrf-token';

export const tokenKey = (request: FastifyRequest) =>
  hashToken(String((request.params as { token?: string }).token ?? '')).slice(0, 16);
export const wantsJson = (request: FastifyRequest) => String(request.headers.accept ?? '').includes('application/json');
/** A post of the questionnaire page (a browser's form), as opposed to JSON from a script. */
export const isPagePost = (request: FastifyRequest) =>
  !bearerOf(request) &&
  (String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ||
    (request.isMultipart() && !wantsJson(request)));

/**
 * Who is asking, on the portal: the session behind the cookie (with the CSRF token its forms carry),
 * or an invitation token as a bearer for scripts. The request is audited as the supplier.
 */
@Injectable()
export class PortalSessions {
  constructor(
    private readonly portal: PortalAccess,
    private readonly auth: AuthConfig,
  ) {}

  /** The one assessment a script's request may touch: a bearer invitation token, or the session with its CSRF header. */
  async scriptContext(request: FastifyRequest): Promise<PortalContext> {
    const bearer = bearerOf(request);
    if (bearer) return this.actAs(await this.portal.resolveToken(bearer));
    const { context, csrf } = await this.session(request);
    if (!csrfMatches(csrf, request.headers[CSRF_HEADER])) throw csrfRefused();
    return context;
  }

  /** The session behind the cookie (or a bearer token, for reading), and the CSRF token its forms carry. */
  async session(request: FastifyRequest): Promise<{ context: PortalContext; csrf: string }> {
    const bearer = bearerOf(request);
    if (bearer) return { context: this.actAs(await this.portal.resolveToken(bearer)), csrf: '' };
    const cookie = String(request.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === COOKIE)?.[1];
    if (!cookie) throw new PortalUnauthenticatedError();
    return {
      context: this.actAs(await this.portal.resolveSession(cookie)),
      csrf: portalCsrfToken(this.auth.jwtSecret, cookie),
    };
  }

  private actAs(context: PortalContext): PortalContext {
    const current = requestContext.current();
    if (current) current.actor = { type: 'supplier', id: context.assessment.id };
    return context;
  }
}

export function csrfRefused(): DomainError {
  return new DomainError(
    'PORTAL.CSRF',
    'For your security, this form could not be accepted: it came from an old copy of the page, or from another site. Nothing was changed. Go back to the questionnaire, reload it, and try again.',
    403,
  );
}

export function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
}

export function noReferrer(reply: FastifyReply): void {
  void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}
