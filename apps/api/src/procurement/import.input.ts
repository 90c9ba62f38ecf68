import { IsIn, IsOptional } from 'class-validator';

/** `?dryRun=true` on a CSV import: check every row, write nothing. */
export class ImportQuery {
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
}
