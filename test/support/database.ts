import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh database for one test file, cloned from the migrated template (milliseconds, not seconds). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<string> {
  const adminUrl = required('TEST_ADMIN_DATABASE_URL');
  const template = options.migrated === false ? 'template0' : required('TEST_TEMPLATE_DATABASE');
  const name = `assure_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests with npm test (jest's global set-up starts the services).`);
  return value;
}
