import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, flattenValidationErrors, InvalidInputError, type FieldProblem } from '@app/platform';
import { CONTACT_ROLES, type ContactRole } from './supplier-contact.entity.js';
import { Supplier } from './supplier.entity.js';
import { CreateSupplierInput, type SupplierListQuery } from './supplier.input.js';
import { supplierSnapshot } from './supplier.view.js';
import { SuppliersService } from './suppliers.service.js';

/** One row a supplier: its own fields, then one name/email/phone column trio per contact role. */
export const CSV_SUPPLIER_COLUMNS = ['name', 'kind', 'companiesHouseNumber', 'odsCode', 'ukprn', 'website', 'services', 'criticality', 'status', 'tags', 'notes'] as const;
const CONTACT_COLUMNS = CONTACT_ROLES.flatMap((role) => ['Name', 'Email', 'Phone'].map((part) => `${role}Contact${part}`));
export const CSV_COLUMNS = [...CSV_SUPPLIER_COLUMNS, ...CONTACT_COLUMNS];

export interface ImportRowResult {
  line: number;
  status: 'created' | 'updated' | 'unchanged' | 'invalid';
  supplierId?: string;
  name?: string;
  errors?: FieldProblem[];
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  results: ImportRowResult[];
}

const CHUNK = 500;
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * CSV onboarding and export of the register. Rows are validated with the same rules as the API;
 * each valid row is stored (upserted by identifier or exact name) in its own savepoint, so a bad
 * row changes nothing and never stops the good ones.
 */
@Injectable()
export class SupplierCsv {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersService,
  ) {}

  async import(stream: Readable, dryRun: boolean): Promise<ImportResult> {
    const results: ImportRowResult[] = [];
    const seen = new Map<string, number>(); // identifier or name -> line
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let pending = 0;
    try {
      await runner.startTransaction();
      const parser = stream.pipe(
        parse({ bom: true, columns: (header: string[]) => checkHeader(header), info: true, skip_empty_lines: true, trim: true, relax_quotes: false }),
      );
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_BYTES) stream.destroy(new DomainError('REQUEST.TOO_LARGE', `A CSV file may be at most ${MAX_BYTES / 1024 / 1024} MB.`, 413));
      });
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        const result = await this.importRow(runner.manager, record, info.lines, seen);
        results.push(result);
        if (result.status !== 'invalid' && !dryRun && ++pending >= CHUNK) {
          await runner.commitTransaction();
          await runner.startTransaction();
          pending = 0;
        }
      }
      if (dryRun) await runner.rollbackTransaction();
      else await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw csvError(error);
    } finally {
      await runner.release();
    }
    const count = (status: ImportRowResult['status']) => results.filter((r) => r.status === status).length;
    return { dryRun, rows: results.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), invalid: count('invalid'), results };
  }

  private async importRow(m: EntityManager, record: Record<string, string>, line: number, seen: Map<string, number>): Promise<ImportRowResult> {
    const { plain, contactColumns } = rowToInput(record);
    const input = plainToInstance(CreateSupplierInput, plain);
    const problems = flattenValidationErrors(await validate(input, { whitelist: true, forbidNonWhitelisted: true })).map((p) => ({
      ...p,
      path: columnOf(p.path, contactColumns),
    }));
    const keys = [input.companiesHouseNumber, input.odsCode, input.ukprn].filter((k): k is string => typeof k === 'string');
    for (const key of [...keys, `name:${String(input.name).toLowerCase()}`]) {
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push({ path: key.startsWith('name:') ? 'name' : identifierColumn(input, key), message: `repeats line ${earlier} of this file` });
    }
    if (problems.length) return { line, status: 'invalid', name: record.name, errors: problems };
    for (const key of [...keys, `name:${input.name.toLowerCase()}`]) seen.set(key, line);

    const existing = await this.match(m, input);
    await m.query('SAVEPOINT csv_row');
    try {
      let result: ImportRowResult;
      if (!existing) {
        const created = await this.suppliers.create(input, m);
        result = { line, status: 'created', supplierId: created.id, name: created.name };
      } else {
        const beforeJson = JSON.stringify(supplierSnapshot(existing));
        const updated = await this.suppliers.update(existing.id, { ...input, status: input.status ?? undefined, contacts: input.contacts?.length ? input.contacts : undefined }, m);
        const changed = JSON.stringify(supplierSnapshot(updated)) !== beforeJson;
        result = { line, status: changed ? 'updated' : 'unchanged', supplierId: existing.id, name: updated.name };
      }
      await m.query('RELEASE SAVEPOINT csv_row');
      return result;
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT csv_row');
      if (error instanceof DomainError) {
        return { line, status: 'invalid', name: record.name, errors: error.errors.length ? error.errors.map((e) => ({ ...e, path: columnOf(e.path, contactColumns) })) : [{ path: 'row', message: error.message }] };
      }
      throw error;
    }
  }

  /** Upsert key: any identifier the row gives, else the exact name. */
  private async match(m: EntityManager, input: CreateSupplierInput): Promise<Supplier | null> {
    const qb = m.getRepository(Supplier).createQueryBuilder('s').leftJoinAndSelect('s.contacts', 'c');
    const clauses: string[] = [];
    if (input.companiesHouseNumber) clauses.push('s.companies_house_number = :ch');
    if (input.odsCode) clauses.push('s.ods_code = :ods');
    if (input.ukprn) clauses.push('s.ukprn = :ukprn');
    if (clauses.length === 0) clauses.push('s.name = :name');
    return qb
      .where(`(${clauses.join(' OR ')})`, { ch: input.companiesHouseNumber, ods: input.odsCode, ukprn: input.ukprn, name: input.name })
      .andWhere("s.status <> 'offboarded'")
      .getOne();
  }

  async export(query: SupplierListQuery): Promise<string> {
    const rows: string[][] = [];
    for (let page = 1; ; page++) {
      const { items } = await this.suppliers.list({ ...query, page, pageSize: 200 });
      for (const s of items) {
        const contact = (role: ContactRole) => s.contacts.find((c) => c.role === role);
        rows.push([
          s.name, s.kind, s.companiesHouseNumber ?? '', s.odsCode ?? '', s.ukprn ?? '', s.website ?? '', s.services ?? '', s.criticality, s.status,
          s.tags.join(';'), s.notes ?? '',
          ...CONTACT_ROLES.flatMap((role) => [contact(role)?.name ?? '', contact(role)?.email ?? '', contact(role)?.phone ?? '']),
          String(s.tier), String(s.impactLevel), String(s.singleLossEstimate), s.id,
        ].map(neutraliseFormula));
      }
      if (items.length < 200) break;
    }
    return stringify(rows, { header: true, columns: [...CSV_COLUMNS, 'tier', 'impactLevel', 'singleLossEstimate', 'id'] });
  }
}

function checkHeader(header: string[]): string[] {
  const columns = header.map((h) => h.trim());
  const unknown = columns.filter((c) => !CSV_COLUMNS.includes(c) && !['tier', 'impactLevel', 'singleLossEstimate', 'id'].includes(c));
  const problems: FieldProblem[] = unknown.map((c) => ({ path: `header.${c}`, message: `is not a known column; known columns: ${CSV_COLUMNS.join(', ')}` }));
  for (const required of ['name', 'kind', 'criticality']) {
    if (!columns.includes(required)) problems.push({ path: `header.${required}`, message: 'is a required column' });
  }
  if (problems.length) throw new InvalidInputError('The CSV header is not valid.', problems);
  return columns;
}

function rowToInput(record: Record<string, string>): { plain: Record<string, unknown>; contactColumns: ContactRole[] } {
  const plain: Record<string, unknown> = {};
  for (const column of CSV_SUPPLIER_COLUMNS) {
    const value = record[column];
    if (value === undefined || value === '') continue;
    plain[column] = column === 'tags' ? value.split(';').map((t) => t.trim().toLowerCase()).filter(Boolean) : value;
  }
  const contacts: Record<string, string>[] = [];
  const contactColumns: ContactRole[] = [];
  for (const role of CONTACT_ROLES) {
    const name = record[`${role}ContactName`];
    const email = record[`${role}ContactEmail`];
    const phone = record[`${role}ContactPhone`];
    if (!name && !email && !phone) continue;
    contacts.push({ role, name: name ?? '', email: email ?? '', ...(phone ? { phone } : {}) });
    contactColumns.push(role);
  }
  if (contacts.length) plain.contacts = contacts;
  return { plain, contactColumns };
}

/** `contacts[1].email` back to the CSV column it came from (`securityContactEmail`). */
function columnOf(path: string, contactColumns: ContactRole[]): string {
  const match = /^contacts\[(\d+)\]\.(\w+)$/.exec(path);
  if (!match) return path;
  const role = contactColumns[Number(match[1])];
  return role ? `${role}Contact${match[2].charAt(0).toUpperCase()}${match[2].slice(1)}` : path;
}

function identifierColumn(input: CreateSupplierInput, key: string): string {
  if (input.companiesHouseNumber === key) return 'companiesHouseNumber';
  if (input.odsCode === key) return 'odsCode';
  return 'ukprn';
}

/** A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it. */
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const csv = error as { code?: string; message?: string; lines?: number };
  if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) {
    return new InvalidInputError(`The CSV file cannot be read: ${csv.message}`, [{ path: csv.lines ? `line ${csv.lines}` : 'body', message: csv.message ?? 'unreadable CSV' }]);
  }
  return error;
}
