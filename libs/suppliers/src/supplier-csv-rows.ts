import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  DomainError,
  findTextProblems,
  flattenValidationErrors,
  InvalidInputError,
  type FieldProblem,
} from '@app/platform';
import { CONTACT_ROLES, type ContactRole } from './supplier-contact.entity.js';
import { Supplier } from './supplier.entity.js';
import { CreateSupplierInput } from './supplier.input.js';

// A register CSV row by row: its columns, the header check, one row read and validated with the API's
// rules, and the spreadsheet-formula guard. SupplierCsv (supplier-csv.ts) imports and exports with these.

/** One row a supplier: its own fields, then one name/email/phone column trio per contact role. */
export const CSV_SUPPLIER_COLUMNS = [
  'name',
  'kind',
  'companiesHouseNumber',
  'odsCode',
  'ukprn',
  'website',
  'services',
  'criticality',
  'status',
  'tags',
  'notes',
] as const;
const CONTACT_COLUMNS = CONTACT_ROLES.flatMap((role) =>
  ['Name', 'Email', 'Phone'].map((part) => `${role}Contact${part}`),
);
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

export const IDENTIFIER_KEYS = ['companiesHouseNumber', 'odsCode', 'ukprn'] as const;

export interface ParsedRow {
  line: number;
  input: CreateSupplierInput;
  contactColumns: ContactRole[];
}

/** Validates one record with the API's rules; an invalid row becomes its result at once. */
export async function parseRow(
  record: Record<string, string>,
  line: number,
  seen: Map<string, number>,
): Promise<ParsedRow | ImportRowResult> {
  const { plain, contactColumns } = rowToInput(record);
  const input = plainToInstance(CreateSupplierInput, plain);
  const problems = [
    // Text PostgreSQL cannot store (NUL, lone surrogates), named by its column: the same rule as every other input.
    ...findTextProblems(record),
    ...flattenValidationErrors(await validate(input, { whitelist: true, forbidNonWhitelisted: true })).map((p) => ({
      ...p,
      path: columnOf(p.path, contactColumns),
    })),
  ];
  const keys: [string, string][] = IDENTIFIER_KEYS.filter((k) => typeof input[k] === 'string').map((k) => [
    k,
    `${k}:${input[k]}`,
  ]);
  keys.push(['name', `name:${String(input.name).toLowerCase()}`]);
  for (const [path, key] of keys) {
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push({ path, message: `repeats line ${earlier} of this file` });
  }
  if (problems.length) return { line, status: 'invalid', name: record.name, errors: problems };
  for (const [, key] of keys) seen.set(key, line);
  return { line, input, contactColumns };
}

export function matches(supplier: Supplier, input: CreateSupplierInput): boolean {
  const byIdentifier = IDENTIFIER_KEYS.some((k) => input[k] && supplier[k] === input[k]);
  const hasIdentifier = IDENTIFIER_KEYS.some((k) => input[k]);
  return byIdentifier || (!hasIdentifier && supplier.name === input.name);
}

export function checkHeader(header: string[]): string[] {
  const columns = header.map((h) => h.trim());
  const unknown = columns.filter(
    (c) => !CSV_COLUMNS.includes(c) && !['tier', 'impactLevel', 'singleLossEstimate', 'id'].includes(c),
  );
  const problems: FieldProblem[] = unknown.map((c) => ({
    path: `header.${c}`,
    message: `is not a known column; known columns: ${CSV_COLUMNS.join(', ')}`,
  }));
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
    plain[column] =
      column === 'tags'
        ? value
            .split(';')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean)
        : value;
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
export function columnOf(path: string, contactColumns: ContactRole[]): string {
  const match = /^contacts\[(\d+)\]\.(\w+)$/.exec(path);
  if (!match) return path;
  const role = contactColumns[Number(match[1])];
  return role ? `${role}Contact${match[2].charAt(0).toUpperCase()}${match[2].slice(1)}` : path;
}

// Apostrophes already in front of a formula start are data too: they get one more, so that the importer's one removal is exact.
const NEEDS_PREFIX = /^'*[=+\-@\t\r]/;

/** A cell starting with = + - @ (or a tab or carriage return) would run as a formula in a spreadsheet: prefix it with '. */
export function neutraliseFormula(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/**
 * Undoes exactly what neutraliseFormula did: a cell of ' followed by a formula start (after any
 * further apostrophes) loses that one apostrophe (`'+44 20 7946 0000` imports as `+44 20 7946 0000`); any other apostrophe is data.
 */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && NEEDS_PREFIX.test(value.slice(1)) ? value.slice(1) : value;
}

export function unneutralise(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([column, value]) => [
      column,
      typeof value === 'string' ? restoreFormula(value) : value,
    ]),
  );
}

export function csvError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const csv = error as { code?: string; message?: string; lines?: number };
  if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) {
    return new InvalidInputError(`The CSV file cannot be read: ${csv.message}`, [
      { path: csv.lines ? `line ${csv.lines}` : 'body', message: csv.message ?? 'unreadable CSV' },
    ]);
  }
  return error;
}
