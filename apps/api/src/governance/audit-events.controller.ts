import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../openapi/decorators.js';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, MaxDate, MaxLength, MinDate } from 'class-validator';
import { AuditTrail, type AuditEvent } from '@app/audit';
import { Roles } from '@app/identity';
import { PageQuery, pageOf } from '@app/platform';
import { AuditEventView } from './governance.view.js';

// The range of dates the API takes anywhere (PostgreSQL's timestamps reach further, people's records do not).
const EARLIEST = new Date('1900-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59Z');
const RANGE = { message: 'must be a date between 1900-01-01 and 9999-12-31' };

export class AuditQueryParams extends PageQuery {
  @IsOptional() @IsIn(['user', 'supplier', 'data_asset', 'data_sharing_link']) entityType?: string;
  @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @IsOptional() @Type(() => Date) @IsDate({ message: 'must be an ISO-8601 date or time' }) @MinDate(EARLIEST, RANGE) @MaxDate(LATEST, RANGE) from?: Date;
  @IsOptional() @Type(() => Date) @IsDate({ message: 'must be an ISO-8601 date or time' }) @MinDate(EARLIEST, RANGE) @MaxDate(LATEST, RANGE) to?: Date;
}

const toView = (e: AuditEvent): AuditEventView => ({
  id: e.id, occurredAt: e.occurredAt.toISOString(), actorType: e.actorType, actorId: e.actorId, action: e.action,
  entityType: e.entityType, entityId: e.entityId, changes: e.changes, requestId: e.requestId, ip: e.ip, hash: e.hash,
});

@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditTrail) {}

  /** The audit trail, newest first, filtered by entity, actor and time. */
  @Get()
  @Roles('admin', 'governance')
  @ApiPage(AuditEventView)
  async list(@Query() query: AuditQueryParams) {
    const { items, total } = await this.audit.list(query);
    return pageOf(items.map(toView), total, query);
  }
}
