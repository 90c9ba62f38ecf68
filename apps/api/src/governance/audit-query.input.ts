import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxDate, MaxLength, MinDate } from 'class-validator';
import { PageQuery } from '@app/platform';

// The range of dates the API takes anywhere (PostgreSQL's timestamps reach further, people's records do not).
const EARLIEST = new Date('1900-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');
const RANGE = { message: 'must be a date between 1900-01-01 and 9999-12-31' };

export class AuditQueryParams extends PageQuery {
  @IsOptional() @IsIn(['user', 'supplier', 'data_asset', 'data_sharing_link']) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO-8601 date or time' })
  @MinDate(EARLIEST, RANGE)
  @MaxDate(LATEST, RANGE)
  from?: Date;
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO-8601 date or time' })
  @MinDate(EARLIEST, RANGE)
  @MaxDate(LATEST, RANGE)
  to?: Date;
}
