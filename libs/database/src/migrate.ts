import { createDataSource } from './data-source.js';

/** Applies every pending migration, each in its own transaction, and says which ran. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, 'assure-migrate');
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
