import { assertDatabaseReachable, redactUrl, runMigrations } from '@app/database';
import { loadDatabaseUrl } from '@app/platform';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
async function main(): Promise<void> {
  const url = loadDatabaseUrl(process.env);
  await assertDatabaseReachable(url);
  const applied = await runMigrations(url);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${redactUrl(url)}:\n  ${applied.join('\n  ')}`
      : `No pending migrations on ${redactUrl(url)}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
