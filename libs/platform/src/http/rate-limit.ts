import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { HttpConfig } from '../config/http.config.js';
import { QueueConfig } from '../config/queue.config.js';
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

// Fixed window counter: add `ARGV[2]` hits, start the window on the first; atomic, and shared by
// every API replica. Answers the window's total and the milliseconds it has left.
const INCREMENT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }`;

/** One client's window as this replica knows it: the total Redis last told, and hits not sent yet. */
interface LocalWindow {
  known: number;
  pending: number;
  /** When the window ends, on this process's monotonic clock (performance.now()). */
  endsAt: number;
}

/**
 * Rate limiting shared through Redis, so that limits hold across API replicas. Every route gets the
 * global per-address limit; routes may add their own stricter rule with @RateLimit.
 *
 * The global limit is counted locally and synchronised with Redis every 100 ms (`RATE_LIMIT_SYNC_MS`), so that an
 * ordinary request costs no Redis round trip: while a client is below half its limit (as far as this
 * replica knows), a request is let through at once; past half, each request asks Redis for the exact
 * total. The stricter rules (login, invitation links) protect something, so they always ask Redis.
 * Windows are timed on the monotonic clock: they are about request rates, not dates.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly windows = new Map<string, LocalWindow>();
  private readonly timer: NodeJS.Timeout;
  private syncing = false;

  constructor(
    private readonly reflector: Reflector,
    private readonly http: HttpConfig,
    private readonly queue: QueueConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.timer = setInterval(() => void this.sync(), http.rateLimitSyncMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    await this.consumeShared(
      { name: 'global', limit: this.http.rateLimitPerMinute, windowSeconds: 60 },
      request,
      reply,
    );
    const own = this.reflector.getAllAndOverride<RateLimitRule[]>(RATE_LIMIT, targets);
    for (const rule of own ?? []) {
      await this.consume(rule, request, reply);
    }
    return true;
  }

  /** A rule counted in Redis on every request: exact across replicas. */
  async consume(rule: RateLimitRule, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const counted = await this.increment(this.keyOf(rule, request), rule, 1);
    if (counted) this.refuseOver(rule, counted.hits, counted.ttlMs, reply);
  }

  /** A rule counted locally while well below its limit, exactly in Redis near it. */
  private async consumeShared(rule: RateLimitRule, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const key = this.keyOf(rule, request);
    const now = performance.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { known: 0, pending: 0, endsAt: now + rule.windowSeconds * 1000 };
      this.windows.set(key, window);
    }
    if (window.known + window.pending + 1 <= rule.limit / 2) {
      window.pending++;
      return;
    }
    const hits = window.pending + 1;
    window.pending = 0;
    const counted = await this.increment(key, rule, hits);
    if (!counted) return;
    window.known = counted.hits;
    window.endsAt = performance.now() + counted.ttlMs;
    this.refuseOver(rule, counted.hits, counted.ttlMs, reply);
  }

  /** Sends every replica-local count to Redis and learns the totals (and forgets ended windows). */
  private async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      await this.syncWindows();
    } finally {
      this.syncing = false;
    }
  }

  private async syncWindows(): Promise<void> {
    const now = performance.now();
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) {
        this.windows.delete(key);
        continue;
      }
      if (window.pending === 0) continue;
      const hits = window.pending;
      window.pending = 0;
      const counted = await this.increment(
        key,
        { name: 'global', windowSeconds: Math.ceil((window.endsAt - now) / 1000) },
        hits,
      );
      if (counted) {
        window.known = counted.hits;
        window.endsAt = performance.now() + counted.ttlMs;
      }
    }
  }

  private keyOf(rule: RateLimitRule, request: FastifyRequest): string {
    const who = rule.key ? rule.key(request) : request.ip;
    return `${this.queue.prefix}:rl:${rule.name}:${who}`;
  }

  private async increment(
    key: string,
    rule: Pick<RateLimitRule, 'name' | 'windowSeconds'>,
    hits: number,
  ): Promise<{ hits: number; ttlMs: number } | null> {
    try {
      const [total, ttlMs] = (await this.redis.eval(INCREMENT, 1, key, rule.windowSeconds * 1000, hits)) as [
        number,
        number,
      ];
      return { hits: total, ttlMs };
    } catch (error) {
      // Redis away: serve the request rather than fail it (the work it does, and the mail it owes,
      // live in PostgreSQL); say so loudly. Invitation tokens carry 256 bits, so a pause in limiting
      // does not make guessing one feasible.
      this.logger.warn({ msg: 'rate limit not applied: Redis unavailable', rule: rule.name, error: String(error) });
      return null;
    }
  }

  private refuseOver(rule: RateLimitRule, hits: number, ttlMs: number, reply: FastifyReply): void {
    if (hits <= rule.limit) return;
    const resetSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
    void reply.header('retry-after', String(resetSeconds));
    throw new TooManyRequestsError(resetSeconds);
  }
}

@Global()
@Module({ providers: [RateLimitGuard], exports: [RateLimitGuard] })
export class RateLimitModule {}
