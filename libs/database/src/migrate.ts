import { AuditTrail } from '@app/audit';
import { Clock } from '@app/platform';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { createDataSource } from './data-source.js';

/**
 * Applies every pending migration, each in its own transaction, then loads the shipped
 * questionnaires into the catalogue (idempotently); says which migrations ran.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, 'assure-migrate');
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await new QuestionnaireCatalogue(dataSource, new AuditTrail(dataSource, new Clock())).loadShipped();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
