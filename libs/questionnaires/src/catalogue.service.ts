import { createHash } from 'node:crypto';
import type { CatalogueEntry } from './catalogue.view.js';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { AuditTrail, canonicalJson } from '@app/audit';
import { ConflictError, InvalidInputError, NotFoundError } from '@app/platform';
import { SHIPPED_QUESTIONNAIRES } from './catalogue/index.js';
import type { QuestionnaireDefinition } from './definition.js';
import { QuestionnaireVersion } from './questionnaire-version.entity.js';
import { validateDefinition } from './validate.js';

export type { CatalogueEntry } from './catalogue.view.js';

const checksum = (definition: QuestionnaireDefinition) =>
  createHash('sha256').update(canonicalJson(definition)).digest('hex');
const countQuestions = (definition: QuestionnaireDefinition) =>
  definition.sections.reduce((n, s) => n + s.questions.length, 0);

/** Parses a YAML document, turning syntax errors into a problem with the line. */
export function parseYamlDocument(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 50 });
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new InvalidInputError('The YAML document cannot be read.', [
      {
        path: line ? `line ${line}` : 'body',
        message: error instanceof Error ? error.message.split('\n')[0] : 'unreadable YAML',
      },
    ]);
  }
}

/**
 * The questionnaire catalogue: validated definitions, each (key, version) stored once and never
 * changed. The shipped question sets are loaded at start, idempotently.
 */
@Injectable()
export class QuestionnaireCatalogue implements OnApplicationBootstrap {
  private readonly logger = new Logger('QuestionnaireCatalogue');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Before `npm run migrate` the table is not there yet; the migrate command loads the catalogue.
    if (await this.dataSource.showMigrations()) {
      this.logger.warn({ msg: 'migrations are pending: the shipped questionnaires load with npm run migrate' });
      return;
    }
    const loaded = await this.loadShipped();
    if (loaded.length) this.logger.log({ msg: 'loaded shipped questionnaires', loaded });
  }

  /** Stores each shipped definition that is not in the catalogue yet; returns those it stored. */
  async loadShipped(): Promise<string[]> {
    const loaded: string[] = [];
    for (const document of SHIPPED_QUESTIONNAIRES) {
      const { definition, problems } = validateDefinition(document);
      if (!definition) throw new Error(`a shipped questionnaire is invalid: ${JSON.stringify(problems)}`);
      const stored = await this.dataSource.transaction((m) => this.store(m, definition, 'shipped'));
      if (stored.created) loaded.push(`${definition.key}@${definition.version}`);
    }
    return loaded;
  }

  /** Imports a document (already parsed from JSON or YAML): 201 new, 200 identical, 409 changed. */
  async import(document: unknown): Promise<{ created: boolean; version: QuestionnaireVersion }> {
    const { definition, problems } = validateDefinition(document);
    if (!definition) throw new InvalidInputError(`The questionnaire has ${problems.length} problem(s).`, problems);
    return this.dataSource.transaction((m) => this.store(m, definition, 'imported'));
  }

  async list(): Promise<CatalogueEntry[]> {
    const rows = await this.dataSource.getRepository(QuestionnaireVersion).find({
      select: { key: true, version: true, title: true, description: true, purpose: true, questionCount: true },
      order: { key: 'ASC', version: 'DESC' },
    });
    const entries = new Map<string, CatalogueEntry>();
    for (const row of rows) {
      const entry = entries.get(row.key);
      if (entry) entry.versions.push(row.version);
      else
        entries.set(row.key, {
          key: row.key,
          title: row.title,
          purpose: row.purpose,
          description: row.description,
          latestVersion: row.version,
          versions: [row.version],
          questionCount: row.questionCount,
        });
    }
    return [...entries.values()];
  }

  async get(key: string, version: number): Promise<QuestionnaireVersion> {
    const found = await this.dataSource.getRepository(QuestionnaireVersion).findOneBy({ key, version });
    if (!found) throw new NotFoundError('QUESTIONNAIRE.NOT_FOUND', `No questionnaire ${key} version ${version}.`);
    return found;
  }

  private async store(
    m: EntityManager,
    definition: QuestionnaireDefinition,
    source: 'shipped' | 'imported',
  ): Promise<{ created: boolean; version: QuestionnaireVersion }> {
    const sum = checksum(definition);
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `questionnaire:${definition.key}:${definition.version}`,
    ]);
    const existing = await m.findOneBy(QuestionnaireVersion, { key: definition.key, version: definition.version });
    if (existing) {
      if (existing.checksum === sum) return { created: false, version: existing };
      throw new ConflictError(
        'QUESTIONNAIRE.VERSION_IMMUTABLE',
        `${definition.key} version ${definition.version} is already published with different content; publish it as a new version.`,
        [
          {
            path: 'version',
            message: `is already published; the next free version is ${await this.nextVersion(m, definition.key)}`,
          },
        ],
      );
    }
    const version = m.create(QuestionnaireVersion, {
      key: definition.key,
      version: definition.version,
      title: definition.title,
      description: definition.description ?? null,
      purpose: definition.purpose ?? 'security',
      definition,
      checksum: sum,
      questionCount: countQuestions(definition),
      source,
    });
    await m.insert(QuestionnaireVersion, version);
    await this.audit.record(m, {
      action: 'questionnaire.published',
      entityType: 'questionnaire',
      entityId: `${definition.key}@${definition.version}`,
      before: null,
      after: {
        key: definition.key,
        version: definition.version,
        title: definition.title,
        purpose: version.purpose,
        checksum: sum,
        source,
        questions: version.questionCount,
      },
    });
    return { created: true, version };
  }

  private async nextVersion(m: EntityManager, key: string): Promise<number> {
    const [row] = await m.query<{ max: number }[]>(
      'SELECT max(version) AS max FROM questionnaire_version WHERE key = $1',
      [key],
    );
    return (row?.max ?? 0) + 1;
  }
}

const versionCache = new Map<string, QuestionnaireVersion>();

/**
 * A published version by id. Versions never change once stored, so each is read from the
 * database once per process and kept.
 */
export async function questionnaireVersionById(manager: EntityManager, id: string): Promise<QuestionnaireVersion> {
  const cached = versionCache.get(id);
  if (cached) return cached;
  const found = await manager.findOneByOrFail(QuestionnaireVersion, { id });
  if (versionCache.size > 500) versionCache.clear();
  versionCache.set(id, found);
  return found;
}
