// Once per test run: one real PostgreSQL and one real Redis (unless DATABASE_URL / REDIS_URL name
// servers to use), and a template database with every migration applied, which each test file
// clones into a database of its own. Plain ESM over the compiled output (npm test builds first),
// because Jest loads its global set-up outside its own module system.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
// eslint-disable-next-line no-restricted-imports -- the compiled libs, outside Jest's alias mapping
import { startPostgres, startRedis } from '../../dist/dev/embedded/src/index.js';
// eslint-disable-next-line no-restricted-imports -- as above
import { runMigrations } from '../../dist/libs/database/src/index.js';

export default async function globalSetup() {
  const started = [];
  globalThis.__assureServices = started;

  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
  } else {
    const runDir = mkdtempSync(join(tmpdir(), 'assure-test-'));
    chmodSync(runDir, 0o755); // as root, the postgres user must be able to enter it
    const postgres = await startPostgres({ dataDir: join(runDir, 'postgres'), ephemeral: true, fast: true });
    started.push(postgres);
    globalThis.__assureRunDir = runDir;
    process.env.TEST_ADMIN_DATABASE_URL = postgres.url;
  }
  if (process.env.REDIS_URL) {
    process.env.TEST_REDIS_URL = process.env.REDIS_URL;
  } else {
    const redis = await startRedis();
    started.push(redis);
    process.env.TEST_REDIS_URL = redis.url;
  }

  const template = `assure_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const url = new URL(process.env.TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${template}`;
  await runMigrations(url.toString());
  process.env.TEST_TEMPLATE_DATABASE = template;
}
