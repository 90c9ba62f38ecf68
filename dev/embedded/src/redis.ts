import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './ports.js';
import { ServiceStartError, spawnUntilReady, stopChild, succeeds, type RunningService } from './process.js';

export interface RedisOptions {
  /** Where Redis keeps its append-only file; omitted for a throwaway server (tests). */
  dataDir?: string;
  port?: number;
}

export const REDIS_INSTALL_HINT =
  'redis-server was not found on PATH. Install it (on Debian or Ubuntu: apt-get install -y redis-server) ' +
  'or set REDIS_URL to a Redis you run yourself.';

/**
 * Starts redis-server from PATH as a child process on 127.0.0.1 with the eviction policy a job
 * queue needs (`noeviction`: Redis refuses writes when full rather than dropping jobs).
 */
export async function startRedis(options: RedisOptions = {}): Promise<RunningService> {
  if (!succeeds('redis-server', ['--version'])) throw new ServiceStartError(REDIS_INSTALL_HINT);
  const port = options.port ?? (await freePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--protected-mode',
    'yes',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
  ];
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes', '--save', '');
  } else {
    args.push('--save', '', '--appendonly', 'no');
  }
  const child = await spawnUntilReady('redis-server', args, {
    name: 'redis-server',
    ready: /Ready to accept connections/,
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopChild(child, 'SIGTERM'),
  };
}
