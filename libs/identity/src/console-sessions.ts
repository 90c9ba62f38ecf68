import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@app/platform';
import { User } from './user.entity.js';

export const CONSOLE_COOKIE = 'assure_console';
export const CONSOLE_IDLE_MINUTES = 30;
export const CONSOLE_ABSOLUTE_HOURS = 10;
/** How stale a session's last sight may get before a page load moves it (idleness counts to the minute). */
const TOUCH_SECONDS = 60;

const hash = (sid: string) => createHash('sha256').update(sid).digest('hex');

export interface ConsoleSession {
  user: User;
  csrfToken: string;
}

/**
 * Console sign-ins as server-side sessions: a new random id at every sign-in (never reused, only
 * its hash stored), a CSRF token per session, 30 minutes idle and 10 hours at most; a disabled
 * user's sessions stop working at once.
 */
@Injectable()
export class ConsoleSessions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async start(userId: string): Promise<{ sid: string; csrfToken: string }> {
    const sid = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.query(
      'INSERT INTO console_session (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)',
      [hash(sid), userId, csrfToken, now, new Date(now.getTime() + CONSOLE_ABSOLUTE_HOURS * 3_600_000)],
    );
    return { sid, csrfToken };
  }

  /** The session's active user, or null (unknown, idle too long, past its absolute limit, user disabled). */
  async resolve(sid: string): Promise<ConsoleSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(sid)) return null;
    const now = this.clock.now();
    // The session is read, and its last sight moved only when it is a minute old or more: a page
    // load writes nothing (no WAL, no commit) while its user keeps working, and idleness is
    // still counted to the minute.
    const [row] = await this.dataSource.query<{ user_id: string; csrf_token: string }[]>(
      `WITH s AS (SELECT id_hash, user_id, csrf_token, last_seen_at FROM console_session
                   WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $2::timestamptz - make_interval(mins => $3)),
            touched AS (UPDATE console_session c SET last_seen_at = $2 FROM s
                         WHERE c.id_hash = s.id_hash AND s.last_seen_at <= $2::timestamptz - make_interval(secs => $4) RETURNING c.id_hash)
       SELECT s.user_id, s.csrf_token FROM s LEFT JOIN touched t ON t.id_hash = s.id_hash`,
      [hash(sid), now, CONSOLE_IDLE_MINUTES, TOUCH_SECONDS],
    );
    if (!row) return null;
    const user = await this.dataSource.getRepository(User).findOneBy({ id: row.user_id });
    if (!user || !user.active) {
      await this.end(sid);
      return null;
    }
    return { user, csrfToken: row.csrf_token };
  }

  async end(sid: string): Promise<void> {
    await this.dataSource.query('DELETE FROM console_session WHERE id_hash = $1', [hash(sid)]);
  }

  static csrfMatches(expected: string, given: unknown): boolean {
    if (typeof given !== 'string' || given.length !== expected.length) return false;
    return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  }
}

/** The console cookie's value in a Cookie header, if any. */
export function consoleCookie(header: string | undefined): string | null {
  const match = String(header ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${CONSOLE_COOKIE}=`));
  return match ? match.slice(CONSOLE_COOKIE.length + 1) : null;
}
