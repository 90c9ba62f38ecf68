import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, flattenValidationErrors, InvalidInputError, type FieldProblem } from '@app/platform';
import { neutraliseFormula, restoreFormula } from '@app/suppliers';
import { AccessPath } from './access-path.entity.js';
import { CreateAccessPathInput, UpdateAccessPathInput } from './access-path.input.js';
import { accessPathSnapshot } from './access-path.view.js';
import { AccessPathsService } from './access-paths.service.js';

/** One row a path; `id` (as exported) updates that path, a row without it records a new one. */
export const ACCESS_PATH_CSV_COLUMNS = [
  'id',
  'kind',
  'description',
  'systems',
  'dataAssetIds',
  'mfa',
  'monitored',
  'deviceCount',
  'unsupportedDeviceCount',
  'lastReviewedOn',
  'status',
] as const;
const REQUIRED = ['kind', 'description', 'mfa', 'monitored'];
const MAX_BYTES = 2 * 1024 * 1024;

export interface AccessPathImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  results: {
    line: number;
    status: 'created' | 'updated' | 'unchanged' | 'invalid';
    accessPathId?: string;
    errors?: FieldProblem[];
  }[];
}

/**
 * A supplier's access paths as CSV, like the register: the export imports back unchanged, rows are
 * validated with the API's rules and stored one by one (a bad row changes nothing and stops nothing).
 */
@Injectable()
export class AccessPathCsv {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly paths: AccessPathsService,
  ) {}

  async export(supplierId: string): Promise<string> {
    const rows: string[][] = [];
    for (let page = 1; ; page++) {
      const { items } = await this.paths.list(supplierId, { page, pageSize: 200 });
      for (const p of items) {
        rows.push(
          [
            p.id,
            p.kind,
            p.description,
            p.systems.join(';'),
            p.dataAssetIds.join(';'),
            p.mfa,
            String(p.monitored),
            p.deviceCount?.toString() ?? '',
            p.unsupportedDeviceCount?.toString() ?? '',
            p.lastReviewedOn ?? '',
            p.status,
          ].map(neutraliseFormula),
        );
      }
      if (items.length < 200) break;
    }
    return stringify(rows, { header: true, columns: [...ACCESS_PATH_CSV_COLUMNS] });
  }

  async import(supplierId: string, stream: Readable, dryRun: boolean): Promise<AccessPathImportResult> {
    const text = await readAll(stream);
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(text, {
        bom: true,
        columns: (header: string[]) => checkHeader(header),
        info: true,
        skip_empty_lines: true,
        trim: true,
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const csv = error as { message?: string; lines?: number };
      throw new InvalidInputError(`The CSV file cannot be read: ${csv.message}`, [
        { path: csv.lines ? `line ${csv.lines}` : 'body', message: csv.message ?? 'unreadable CSV' },
      ]);
    }
    const results: AccessPathImportResult['results'] = [];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // The exporter's formula protection is undone exactly (the register's one rule), so the export imports back unchanged.
      for (const { record, info } of records)
        results.push(await this.importRow(runner.manager, supplierId, restored(record), info.lines));
      if (dryRun) await runner.rollbackTransaction();
      else await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return {
      dryRun,
      rows: results.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      invalid: count('invalid'),
      results,
    };
  }

  private async importRow(
    m: EntityManager,
    supplierId: string,
    record: Record<string, string>,
    line: number,
  ): Promise<AccessPathImportResult['results'][number]> {
    const plain = rowToPlain(record);
    const id = record.id || undefined;
    const existing = id ? await m.findOneBy(AccessPath, { id, supplierId }) : null;
    if (id && !existing)
      return { line, status: 'invalid', errors: [{ path: 'id', message: 'is not an access path of this supplier' }] };
    const input = plainToInstance(existing ? UpdateAccessPathInput : CreateAccessPathInput, plain);
    const problems = flattenValidationErrors(await validate(input, { whitelist: true, forbidNonWhitelisted: true }));
    if (problems.length) return { line, status: 'invalid', errors: problems };
    await m.query('SAVEPOINT access_path_row');
    try {
      let result: AccessPathImportResult['results'][number];
      if (existing) {
        const before = JSON.stringify(accessPathSnapshot(existing));
        if (existing.status === 'removed' && (input as UpdateAccessPathInput).status === 'removed')
          result = { line, status: 'unchanged', accessPathId: existing.id };
        else {
          const updated = await this.paths.update(existing.id, input as UpdateAccessPathInput, m);
          result = {
            line,
            status: JSON.stringify(accessPathSnapshot(updated)) === before ? 'unchanged' : 'updated',
            accessPathId: existing.id,
          };
        }
      } else {
        result = {
          line,
          status: 'created',
          accessPathId: (await this.paths.create(supplierId, input as CreateAccessPathInput, m)).id,
        };
      }
      await m.query('RELEASE SAVEPOINT access_path_row');
      return result;
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT access_path_row');
      if (!(error instanceof DomainError)) throw error;
      return {
        line,
        status: 'invalid',
        errors: error.errors.length ? error.errors : [{ path: 'row', message: error.message }],
      };
    }
  }
}

function checkHeader(header: string[]): string[] {
  const columns = header.map((h) => h.trim());
  const problems: FieldProblem[] = columns
    .filter((c) => !(ACCESS_PATH_CSV_COLUMNS as readonly string[]).includes(c))
    .map((c) => ({
      path: `header.${c}`,
      message: `is not a known column; known columns: ${ACCESS_PATH_CSV_COLUMNS.join(', ')}`,
    }));
  for (const required of REQUIRED)
    if (!columns.includes(required)) problems.push({ path: `header.${required}`, message: 'is a required column' });
  if (problems.length) throw new InvalidInputError('The CSV header is not valid.', problems);
  return columns;
}

/** CSV cells to the API's JSON: lists split on `;`, booleans and numbers parsed (left as text when they are not, so validation names them). */
function rowToPlain(record: Record<string, string>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const column of ACCESS_PATH_CSV_COLUMNS) {
    const value = record[column];
    if (column === 'id' || value === undefined) continue;
    if (column === 'systems' || column === 'dataAssetIds')
      plain[column] = value
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean);
    else if (value === '')
      plain[column] =
        column === 'deviceCount' || column === 'unsupportedDeviceCount' || column === 'lastReviewedOn'
          ? null
          : undefined;
    else if (column === 'monitored') plain[column] = value === 'true' ? true : value === 'false' ? false : value;
    else if (column === 'deviceCount' || column === 'unsupportedDeviceCount')
      plain[column] = /^\d+$/.test(value) ? Number(value) : value;
    else plain[column] = value;
  }
  return Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined));
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_BYTES)
      throw new DomainError(
        'REQUEST.TOO_LARGE',
        `An access-path CSV file may be at most ${MAX_BYTES / 1024 / 1024} MB.`,
        413,
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function restored(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([column, value]) => [
      column,
      typeof value === 'string' ? restoreFormula(value) : value,
    ]),
  );
}
