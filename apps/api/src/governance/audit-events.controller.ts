import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiSort } from '../openapi/decorators.js';
import { AUDIT_SORTS, AuditTrail, type AuditEvent } from '@app/audit';
import { Roles } from '@app/identity';
import { pageOf } from '@app/platform';
import { AuditEventView } from './governance.view.js';
import { AuditQueryParams } from './audit-query.input.js';

const toView = (e: AuditEvent): AuditEventView => ({
  id: e.id,
  occurredAt: e.occurredAt.toISOString(),
  actorType: e.actorType,
  actorId: e.actorId,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  changes: e.changes,
  requestId: e.requestId,
  ip: e.ip,
  hash: e.hash,
});

@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditTrail) {}

  /** The audit trail, newest first unless sorted otherwise, filtered by entity, actor and time. */
  @Get()
  @Roles('admin', 'governance')
  @ApiPage(AuditEventView)
  @ApiSort(AUDIT_SORTS, 'Default `-occurredAt`; `occurredAt` is the order the events were recorded in.')
  async list(@Query() query: AuditQueryParams) {
    const { items, total } = await this.audit.list(query);
    return pageOf(items.map(toView), total, query);
  }
}
