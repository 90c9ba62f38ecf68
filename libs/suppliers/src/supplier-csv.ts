import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, type FieldProblem } from '@app/platform';
import { CONTACT_ROLES, type ContactRole } from './supplier-contact.entity.js';
import { Supplier } from './supplier.entity.js';
import { CreateSupplierInput, type SupplierListQuery } from './supplier.input.js';
import { supplierSnapshot } from './supplier.view.js';
import { primaryContactProblem, SuppliersService } from './suppliers.service.js';
import {
  checkHeader,
  columnOf,
  csvError,
  CSV_COLUMNS,
  IDENTIFIER_KEYS,
  matches,
  neutraliseFormula,
  parseRow,
  unneutralise,
  type ImportResult,
  type ImportRowResult,
  type ParsedRow,
} from './supplier-csv-rows.js';

const CHUNK = 250;
/** The largest CSV file an import reads (a 10,000-row register with every column is about 3 MB). */
export const CSV_MAX_BYTES = 10 * 1024 * 1024;
/** The most rows one import takes: about 7 s of work; a larger register is imported in several files. */
export const CSV_MAX_ROWS = 10_000;

export class CsvTooLargeError extends DomainError {
  constructor(message: string) {
    super('CSV.TOO_LARGE', message, 413, [{ path: 'body', message }]);
  }
}

const tooManyBytes = () =>
  new CsvTooLargeError(`A CSV file may be at most ${CSV_MAX_BYTES / 1024 / 1024} MB; split it into smaller files.`);
const tooManyRows = () =>
  new CsvTooLargeError(
    `A CSV file may hold at most ${CSV_MAX_ROWS.toLocaleString('en-GB')} rows; split it into smaller files.`,
  );

/**
 * CSV onboarding and export of the register. Rows are validated with the same rules as the API;
 * each valid row is stored (upserted by identifier or exact name) in its own savepoint, so a bad
 * row changes nothing and never stops the good ones. The file is read as a stream, at most
 * CSV_MAX_BYTES and CSV_MAX_ROWS, in one transaction: a file past either limit stores nothing (413).
 */
@Injectable()
export class SupplierCsv {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
  ) {}

  /** `declaredBytes`: the request's Content-Length, when given, so that an oversized file is refused before it is read. */
  async import(stream: Readable, dryRun: boolean, declaredBytes?: number): Promise<ImportResult> {
    if (declaredBytes !== undefined && declaredBytes > CSV_MAX_BYTES) {
      stream.resume(); // let the client finish sending, so that it reads the 413 instead of a dropped connection
      throw tooManyBytes();
    }
    const results: ImportRowResult[] = [];
    const seen = new Map<string, number>(); // identifier or name -> line
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const parser = parse({
      bom: true,
      columns: (header: string[]) => checkHeader(header),
      info: true,
      skip_empty_lines: true,
      trim: true,
    });
    let bytes = 0;
    const count = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > CSV_MAX_BYTES) {
        // Stop parsing, but keep reading (and dropping) the upload: the client gets its 413.
        stream.unpipe(parser);
        stream.off('data', count);
        stream.resume();
        parser.destroy(tooManyBytes());
      }
    };
    try {
      await runner.startTransaction();
      stream.on('data', count);
      stream.pipe(parser);
      let rows = 0;
      let batch: ParsedRow[] = [];
      const flush = async () => {
        results.push(...(await this.importBatch(runner.manager, batch)));
        batch = [];
      };
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        if (++rows > CSV_MAX_ROWS) throw tooManyRows();
        const row = await parseRow(unneutralise(record), info.lines, seen);
        if ('status' in row) results.push(row);
        else batch.push(row);
        if (batch.length >= CHUNK) await flush();
      }
      await flush();
      if (dryRun) await runner.rollbackTransaction();
      else await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (error instanceof CsvTooLargeError) {
        stream.unpipe(parser);
        stream.resume();
      }
      throw csvError(error);
    } finally {
      stream.off('data', count);
      await runner.release();
    }
    results.sort((a, b) => a.line - b.line);
    const tally = (status: ImportRowResult['status']) => results.filter((r) => r.status === status).length;
    return {
      dryRun,
      rows: results.length,
      created: tally('created'),
      updated: tally('updated'),
      unchanged: tally('unchanged'),
      invalid: tally('invalid'),
      results,
    };
  }

  /**
   * A batch of rows that passed validation: rows matching a supplier update it one by one; new rows
   * are checked against the register together and inserted together.
   */
  private async importBatch(m: EntityManager, rows: ParsedRow[]): Promise<ImportRowResult[]> {
    if (rows.length === 0) return [];
    const existing = await this.matchAll(
      m,
      rows.map((r) => r.input),
    );
    const results: ImportRowResult[] = [];
    const fresh: ParsedRow[] = [];
    for (const row of rows) {
      const match = existing.find((s) => matches(s, row.input));
      if (match) results.push(await this.updateRow(m, row, match));
      else fresh.push(row);
    }
    // Identifiers of new rows already held by another supplier (an offboarded one, say).
    const taken = await this.identifiersTaken(
      m,
      fresh.map((r) => r.input),
    );
    const insertable: ParsedRow[] = [];
    for (const row of fresh) {
      const problems: FieldProblem[] = [];
      const primary = primaryContactProblem(row.input.status ?? 'onboarding', row.input.contacts ?? []);
      if (primary) problems.push(primary);
      for (const key of IDENTIFIER_KEYS) {
        const holder = row.input[key] ? taken.get(`${key}:${row.input[key]}`) : undefined;
        if (holder) problems.push({ path: key, message: `is already registered to ${holder}` });
      }
      if (problems.length) results.push({ line: row.line, status: 'invalid', name: row.input.name, errors: problems });
      else insertable.push(row);
    }
    await m.query('SAVEPOINT csv_batch');
    try {
      const created = await this.suppliers.insertChecked(
        m,
        insertable.map((r) => r.input),
      );
      await m.query('RELEASE SAVEPOINT csv_batch');
      created.forEach((s, i) =>
        results.push({ line: insertable[i].line, status: 'created', supplierId: s.id, name: s.name }),
      );
    } catch {
      // Something changed under us (another writer took an identifier): fall back to one row at a time.
      await m.query('ROLLBACK TO SAVEPOINT csv_batch');
      for (const row of insertable) results.push(await this.createRow(m, row));
    }
    return results;
  }

  private async createRow(m: EntityManager, row: ParsedRow): Promise<ImportRowResult> {
    return this.inSavepoint(m, row, async () => {
      const created = await this.suppliers.create(row.input, m);
      return { line: row.line, status: 'created', supplierId: created.id, name: created.name };
    });
  }

  private async updateRow(m: EntityManager, row: ParsedRow, match: Supplier): Promise<ImportRowResult> {
    return this.inSavepoint(m, row, async () => {
      const beforeJson = JSON.stringify(supplierSnapshot(match));
      const updated = await this.suppliers.update(
        match.id,
        { ...row.input, contacts: row.input.contacts?.length ? row.input.contacts : undefined },
        m,
      );
      const changed = JSON.stringify(supplierSnapshot(updated)) !== beforeJson;
      return { line: row.line, status: changed ? 'updated' : 'unchanged', supplierId: match.id, name: updated.name };
    });
  }

  private async inSavepoint(
    m: EntityManager,
    row: ParsedRow,
    work: () => Promise<ImportRowResult>,
  ): Promise<ImportRowResult> {
    await m.query('SAVEPOINT csv_row');
    try {
      const result = await work();
      await m.query('RELEASE SAVEPOINT csv_row');
      return result;
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT csv_row');
      if (!(error instanceof DomainError)) throw error;
      const errors = error.errors.length
        ? error.errors.map((e) => ({ ...e, path: columnOf(e.path, row.contactColumns) }))
        : [{ path: 'row', message: error.message }];
      return { line: row.line, status: 'invalid', name: row.input.name, errors };
    }
  }

  /** Upsert keys: any identifier a row gives, else its exact name; offboarded suppliers are history, not matched. */
  private async matchAll(m: EntityManager, inputs: CreateSupplierInput[]): Promise<Supplier[]> {
    const values = (key: (typeof IDENTIFIER_KEYS)[number]) => inputs.map((i) => i[key]).filter((v): v is string => !!v);
    const names = inputs.filter((i) => !i.companiesHouseNumber && !i.odsCode && !i.ukprn).map((i) => i.name);
    return m
      .getRepository(Supplier)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.contacts', 'c')
      .where(
        '(s.companies_house_number = ANY(:ch) OR s.ods_code = ANY(:ods) OR s.ukprn = ANY(:ukprn) OR s.name = ANY(:names))',
        {
          ch: values('companiesHouseNumber'),
          ods: values('odsCode'),
          ukprn: values('ukprn'),
          names,
        },
      )
      .andWhere("s.status <> 'offboarded'")
      .getMany();
  }

  private async identifiersTaken(m: EntityManager, inputs: CreateSupplierInput[]): Promise<Map<string, string>> {
    const taken = new Map<string, string>();
    if (inputs.length === 0) return taken;
    const values = (key: (typeof IDENTIFIER_KEYS)[number]) => inputs.map((i) => i[key]).filter((v): v is string => !!v);
    const rows = await m.query<
      { name: string; companies_house_number: string | null; ods_code: string | null; ukprn: string | null }[]
    >(
      'SELECT name, companies_house_number, ods_code, ukprn FROM supplier WHERE companies_house_number = ANY($1) OR ods_code = ANY($2) OR ukprn = ANY($3)',
      [values('companiesHouseNumber'), values('odsCode'), values('ukprn')],
    );
    for (const row of rows) {
      if (row.companies_house_number) taken.set(`companiesHouseNumber:${row.companies_house_number}`, row.name);
      if (row.ods_code) taken.set(`odsCode:${row.ods_code}`, row.name);
      if (row.ukprn) taken.set(`ukprn:${row.ukprn}`, row.name);
    }
    return taken;
  }

  async export(query: SupplierListQuery): Promise<string> {
    const rows: string[][] = [];
    for (let page = 1; ; page++) {
      const { items } = await this.suppliers.list({ ...query, page, pageSize: 200 });
      for (const s of items) {
        const contact = (role: ContactRole) => s.contacts.find((c) => c.role === role);
        rows.push(
          [
            s.name,
            s.kind,
            s.companiesHouseNumber ?? '',
            s.odsCode ?? '',
            s.ukprn ?? '',
            s.website ?? '',
            s.services ?? '',
            s.criticality,
            s.status,
            s.tags.join(';'),
            s.notes ?? '',
            ...CONTACT_ROLES.flatMap((role) => [
              contact(role)?.name ?? '',
              contact(role)?.email ?? '',
              contact(role)?.phone ?? '',
            ]),
            String(s.tier),
            String(s.impactLevel),
            String(s.singleLossEstimate),
            s.id,
          ].map(neutraliseFormula),
        );
      }
      if (items.length < 200) break;
    }
    return stringify(rows, {
      header: true,
      columns: [...CSV_COLUMNS, 'tier', 'impactLevel', 'singleLossEstimate', 'id'],
    });
  }
}
