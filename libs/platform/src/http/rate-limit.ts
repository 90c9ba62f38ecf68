import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { REDIS } from '../redis/redis.module.js';

export interface RateLimitRule {
  /** Name of the bucket, so that one route's limit does not eat another's. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** What identifies a caller; the client address by default. */
  key?: (request: FastifyRequest) => string;
}

const RATE_LIMIT = 'assure:rate-limit';
const SKIP_RATE_LIMIT = 'assure:skip-rate-limit';

/** Stricter limits for one route (login, invitation links) on top of the global one. */
export const RateLimit = (...rules: RateLimitRule[]) => SetMetadata(RATE_LIMIT, rules);
/** No limit at all (liveness probes). */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);

export class TooManyRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('REQUEST.RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} seconds.`, 429);
  }
}

// Fixed window counter: one round trip, atomic, and shared by every API replica.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

/**
 * Rate limiting stored in Redis, so that limits hold across API replicas. Every route gets the
 * global per-address limit; routes may add their own stricter rule with @RateLimit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const rules: RateLimitRule[] = [{ name: 'global', limit: this.config.rateLimitPerMinute, windowSeconds: 60 }];
    const own = this.reflector.getAllAndOverride<RateLimitRule[]>(RATE_LIMIT, targets);
    if (own) rules.push(...own);
    for (const rule of rules) {
      await this.consume(rule, request, reply);
    }
    return true;
  }

  async consume(rule: RateLimitRule, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const who = rule.key ? rule.key(request) : request.ip;
    const key = `${this.config.queuePrefix}:rl:${rule.name}:${who}`;
    let counted: [number, number];
    try {
      counted = (await this.redis.eval(INCREMENT, 1, key, rule.windowSeconds * 1000)) as [number, number];
    } catch (error) {
      // Redis away: serve the request unlimited rather than fail it (the work it does, and the mail it
      // owes, live in PostgreSQL); say so loudly. Invitation tokens carry 256 bits, so a pause in
      // limiting does not make guessing one feasible.
      this.logger.warn({ msg: 'rate limit not applied: Redis unavailable', rule: rule.name, error: String(error) });
      return;
    }
    const [hits, ttlMs] = counted;
    const resetSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
    if (hits > rule.limit) {
      void reply.header('retry-after', String(resetSeconds));
      throw new TooManyRequestsError(resetSeconds);
    }
  }
}

@Global()
@Module({ providers: [RateLimitGuard], exports: [RateLimitGuard] })
export class RateLimitModule {}
