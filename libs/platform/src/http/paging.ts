import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { InvalidInputError } from '../errors/domain-error.js';

/** `?page=1&pageSize=50&sort=-field` as every list route takes it (pageSize at most 200). */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
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
export function sortOrder(sort: string | undefined, fallback: string, allowed: readonly string[]): { field: string; direction: 'ASC' | 'DESC' } {
  const value = sort ?? fallback;
  const order = value.startsWith('-') ? { field: value.slice(1), direction: 'DESC' as const } : { field: value, direction: 'ASC' as const };
  if (!allowed.includes(order.field)) {
    throw new InvalidInputError('sort is not a sortable field', [{ path: 'sort', message: `must be one of ${allowed.join(', ')} (with "-" for descending)` }]);
  }
  return order;
}

/** Optional in a PATCH, but never null when given (for fields the database requires). */
export const NotNullIfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
