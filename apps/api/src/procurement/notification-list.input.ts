import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { OUTBOX_STATUSES, type OutboxStatus } from '@app/notifications';
import { PageQuery } from '@app/platform';

export class NotificationListParams extends PageQuery {
  @IsOptional() @IsUUID() assessmentId?: string;
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,64}$/, { message: 'must be a notification kind, e.g. assessment.reminder' })
  kind?: string;
  @IsOptional() @IsIn(OUTBOX_STATUSES) status?: OutboxStatus;
}
