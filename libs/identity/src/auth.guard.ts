import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, requestContext } from '@app/platform';
import { ACCESS, type AccessRule } from './access.js';
import { AuthenticationError, AuthService } from './auth.service.js';
import type { User } from './user.entity.js';

export class ForbiddenError extends DomainError {
  constructor() {
    super('AUTH.FORBIDDEN', 'Your role does not allow this.', 403);
  }
}

export type AuthenticatedRequest = FastifyRequest & { user?: User };

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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (rule && 'public' in rule) return true;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new AuthenticationError('Sign in and send the access token as "Authorization: Bearer <token>".');
    const user = await this.auth.authenticate(match[1]);
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
}
