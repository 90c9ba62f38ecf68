import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '@app/assessments';
import { PageQuery } from '@app/platform';

export class AssessmentListParams extends PageQuery {
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional() @IsIn(ASSESSMENT_STATUSES) status?: AssessmentStatus;
  @IsOptional() @Matches(/^[a-z0-9-]{3,64}$/) questionnaireKey?: string;
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
