import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { NotNullIfPresent, PageQuery } from '@app/platform';
import { FINDING_STATUSES, SEVERITIES, type FindingStatus, type Severity } from '@app/risk';
import { FRAMEWORKS } from '@app/questionnaires';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date as YYYY-MM-DD' };
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class FindingListParams extends PageQuery {
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional() @IsUUID() assessmentId?: string;
  @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @IsOptional() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @IsOptional() @IsIn(Object.keys(FRAMEWORKS)) framework?: string;
  @IsOptional() @Transform(asBoolean) @IsBoolean() overdue?: boolean;
  @IsOptional() @Transform(asBoolean) @IsBoolean() includeSuperseded?: boolean;
}

export class FindingPatch {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() ownerId?: string | null;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  dueDate?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(3) @MaxLength(5000) plannedAction?:
    string | null;
  @IsOptional() @NotNullIfPresent() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(3) @MaxLength(5000) resolutionEvidence?:
    string | null;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(10, { message: 'must say why, in at least 10 characters' })
  @MaxLength(5000)
  acceptanceReason?: string | null;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE, DATE_MESSAGE)
  @IsISO8601({ strict: true }, DATE_MESSAGE)
  acceptedUntil?: string | null;
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'must be whole pounds' })
  @Min(0)
  @Max(10_000_000_000)
  remediationCost?: number | null;
}
