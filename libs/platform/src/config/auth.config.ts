import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { Env } from './env.js';

/** Secrets, and the first administrator created at start-up. */
export class AuthConfig {
  /** Signs console sessions and CSRF tokens (at least 32 random characters). */
  @Env('JWT_SECRET')
  @IsString({ message: 'is required (at least 32 random characters)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  jwtSecret: string;

  /** Seals invitation links while they wait in the outbox for their email. */
  @Env('LINK_SEALING_SECRET')
  @IsString({ message: 'is required (at least 32 random characters, not the JWT_SECRET)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  linkSealingSecret: string;

  @Env('ADMIN_EMAIL')
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address' })
  adminEmail?: string;

  /** Required with ADMIN_EMAIL (loadConfig checks the pair). */
  @Env('ADMIN_PASSWORD')
  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters' })
  adminPassword?: string;
}
