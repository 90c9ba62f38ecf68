// Stops the servers the run started; on servers it was given, drops the databases it made.
import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown() {
  const started = globalThis.__assureServices ?? [];
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query(
      "select datname from pg_database where datname like 'assure_test_%' or datname = $1",
      [process.env.TEST_TEMPLATE_DATABASE],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  }
  for (const service of started.reverse()) await service.stop();
  if (globalThis.__assureRunDir) rmSync(globalThis.__assureRunDir, { recursive: true, force: true });
}
