import { Matches } from 'class-validator';
import { Env } from './env.js';

export const DATABASE_URL_PATTERN = /^postgres(ql)?:\/\/[^\s]+$/;

/** PostgreSQL. */
export class DatabaseConfig {
  @Env('DATABASE_URL')
  @Matches(DATABASE_URL_PATTERN, { message: 'must be a postgres:// URL, e.g. postgres://user:pass@host:5432/assure' })
  url: string;
}
