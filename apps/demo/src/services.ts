import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { isRoot, REDIS_INSTALL_HINT, startMaildev, startPostgres, startRedis, ServiceStartError } from '@dev/embedded';

export interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/** A value kept in the data folder between runs (the demo's JWT secret and admin password). */
export function persistentSecret(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

export const randomSecret =
  (bytes = 32) =>
  () =>
    randomBytes(bytes).toString('base64url');

/** A real PostgreSQL in DATA_DIR/postgres, with an `assure` database. */
export async function embeddedDatabase(dataDir: string, started: Stoppable[]): Promise<string> {
  const server = await startPostgres({ dataDir: join(dataDir, 'postgres') });
  started.push({ name: 'PostgreSQL', stop: server.stop });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = 'assure'");
    if (exists.rowCount === 0) await admin.query('create database assure');
  } finally {
    await admin.end();
  }
  return server.url.replace(/\/postgres$/, '/assure');
}

/** redis-server from PATH with its data in DATA_DIR/redis; installed first on Debian when we are root. */
export async function embeddedRedis(
  dataDir: string,
  started: Stoppable[],
  say: (line: string) => void,
): Promise<string> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    if (!(isRoot() && existsSync('/usr/bin/apt-get'))) throw new ServiceStartError(REDIS_INSTALL_HINT);
    say('redis-server is missing: installing it with apt-get (Debian package redis-server)...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  const server = await startRedis({ dataDir: join(dataDir, 'redis') });
  started.push({ name: 'Redis', stop: server.stop });
  return server.url;
}

/** MailDev: an SMTP sink whose web inbox shows every email the demo sends, kept in DATA_DIR/inbox between runs. */
export async function embeddedInbox(
  dataDir: string,
  started: Stoppable[],
): Promise<{ smtpUrl: string; webUrl: string }> {
  mkdirSync(join(dataDir, 'inbox'), { recursive: true });
  const inbox = await startMaildev({ mailDirectory: join(dataDir, 'inbox') });
  started.push({ name: 'MailDev', stop: inbox.stop });
  return inbox;
}
