import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, requestContext } from '@app/platform';
import { ACCESS, type AccessRule } from './access.js';
import { AuthenticationError, AuthService } from './auth.service.js';
import { consoleCookie, ConsoleSessions, type ConsoleSession } from './console-sessions.js';
import type { User } from './user.entity.js';

export class ForbiddenError extends DomainError {
  constructor() {
    super('AUTH.FORBIDDEN', 'Your role does not allow this.', 403);
  }
}

export type AuthenticatedRequest = FastifyRequest & { user?: User; consoleSession?: ConsoleSession };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Checks every route: the route must declare who may call it (@Public or @Roles), the caller must
 * present a valid bearer token of an active user, and that user's role must be allowed. Fails
 * closed: a route that declares nothing is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly sessions: ConsoleSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (rule && 'public' in rule) return true;
    const user = await this.caller(request);
    request.user = user;
    const current = requestContext.current();
    if (current) current.actor = { type: 'user', id: user.id };
    if (!rule) {
      this.logger.error({ msg: 'route declares no access rule; refused', url: request.url });
      throw new ForbiddenError();
    }
    if (user.role === 'admin' || rule.roles.includes(user.role)) return true;
    throw new ForbiddenError();
  }

  /**
   * A bearer token (the API), or under /console the console's session cookie; a form sent with
   * the cookie must carry the session's CSRF token, or it is refused before anything changes.
   */
  private async caller(request: AuthenticatedRequest): Promise<User> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match) return this.auth.authenticate(match[1]);
    const sid = request.url.startsWith('/console') ? consoleCookie(request.headers.cookie) : null;
    if (!sid) throw new AuthenticationError('Sign in and send the access token as "Authorization: Bearer <token>".');
    const session = await this.sessions.resolve(sid);
    if (!session) throw new AuthenticationError('Your session has ended. Sign in again.');
    if (UNSAFE.has(request.method) && !ConsoleSessions.csrfMatches(session.csrfToken, csrfTokenOf(request))) {
      throw new DomainError(
        'AUTH.CSRF',
        'The form has expired or did not come from this site. Go back, reload the page and try again.',
        403,
      );
    }
    request.consoleSession = session;
    return session.user;
  }
}

/**
 * The CSRF token a console form sent: its `_csrf` field; for a file upload (multipart, whose fields
 * are read only by the route) the form's action carries it as `?_csrf=`.
 */
function csrfTokenOf(request: AuthenticatedRequest): unknown {
  const fromBody = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (fromBody !== undefined) return fromBody;
  const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
  return multipart ? (request.query as Record<string, unknown> | undefined)?._csrf : undefined;
}
