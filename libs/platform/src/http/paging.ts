import { Injectable, type PipeTransform } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { InvalidInputError } from '../errors/domain-error.js';
import { MAX_INT, MAX_PAGE } from './input-guard.js';

/** `?page=1&pageSize=50&sort=-field` as every list route takes it (pageSize at most 200). */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;

  @IsOptional()
  @Matches(/^-?[a-zA-Z]+$/, { message: 'must be a field name, with a leading "-" for descending order' })
  sort?: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> {
  return { items, page: query.page, pageSize: query.pageSize, total };
}

/** Splits `-name` into the field and the direction; a field a list cannot sort by is a 400 on `sort`. */
export function sortOrder(
  sort: string | undefined,
  fallback: string,
  allowed: readonly string[],
): { field: string; direction: 'ASC' | 'DESC' } {
  const value = sort ?? fallback;
  const order = value.startsWith('-')
    ? { field: value.slice(1), direction: 'DESC' as const }
    : { field: value, direction: 'ASC' as const };
  if (!allowed.includes(order.field)) {
    throw new InvalidInputError('sort is not a sortable field', [
      { path: 'sort', message: `must be one of ${allowed.join(', ')} (with "-" for descending)` },
    ]);
  }
  return order;
}

/** Optional in a PATCH, but never null when given (for fields the database requires). */
export const NotNullIfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A page number from a page's query string (the console's lists): 1 when absent, a 400 when not 1..MAX_PAGE. */
export function pageParam(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const page = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) {
    throw new InvalidInputError(`page must be a whole number from 1 to ${MAX_PAGE}`, [
      { path: 'page', message: `must be a whole number from 1 to ${MAX_PAGE}` },
    ]);
  }
  return page;
}

/** A whole-number path parameter within an `integer` column's range (1..2147483647), else a 400 naming it. */
@Injectable()
export class IntParamPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_INT)) {
      throw new InvalidInputError(`${this.name} must be a whole number from 1 to ${MAX_INT}`, [
        { path: this.name, message: `must be a whole number from 1 to ${MAX_INT}` },
      ]);
    }
    return n;
  }
}
