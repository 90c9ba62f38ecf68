import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Env } from './env.js';

/** The HTTP front door: where it listens, how links to it are written, and what it accepts. */
export class HttpConfig {
  /** The port the API listens on. */
  @Env('PORT', 'int')
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 3000;

  /** Base of links in emails, no trailing slash; unset, this API's own address. */
  @Env('PUBLIC_URL')
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s):// URL without a trailing slash' })
  publicUrl?: string;

  /** Requests per minute per client address across all API replicas. */
  @Env('RATE_LIMIT_PER_MINUTE', 'int')
  @IsInt()
  @Min(1)
  rateLimitPerMinute = 600;

  /** How often each API replica sends the requests it counted locally to Redis, in milliseconds. */
  @Env('RATE_LIMIT_SYNC_MS', 'int')
  @IsInt()
  @Min(10)
  @Max(60_000)
  rateLimitSyncMs = 100;

  /** The largest request body accepted. */
  @Env('BODY_LIMIT_BYTES', 'int')
  @IsInt()
  @Min(1024)
  bodyLimitBytes = 1_048_576;

  /** How many reverse proxies stand in front of the API (0: none; client addresses are taken as seen). */
  @Env('TRUST_PROXY', 'int')
  @IsInt()
  @Min(0)
  @Max(10)
  trustProxy = 0;

  /** The base of links in emails, defaulting to this API's own address. */
  get baseUrl(): string {
    return this.publicUrl ?? `http://localhost:${this.port}`;
  }
}
