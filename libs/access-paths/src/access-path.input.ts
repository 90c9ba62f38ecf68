import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
} from 'class-validator';
import { NotNullIfPresent, PageQuery } from '@app/platform';
import {
  ACCESS_PATH_KINDS,
  ACCESS_PATH_MFA,
  ACCESS_PATH_STATUSES,
  type AccessPathKind,
  type AccessPathMfa,
  type AccessPathStatus,
} from './access-path.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = { message: 'must be a date as YYYY-MM-DD' };

/** `POST /api/v1/suppliers/:id/access-paths` (api.md, access path fields and enumerations). */
export class CreateAccessPathInput {
  @IsIn(ACCESS_PATH_KINDS) kind: AccessPathKind;
  @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) description: string;
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  systems?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) dataAssetIds?: string[];
  @IsIn(ACCESS_PATH_MFA) mfa: AccessPathMfa;
  @IsBoolean() monitored: boolean;
  /** Managed devices only: how many, and how many run software out of support. */
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) deviceCount?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) unsupportedDeviceCount?: number | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) lastReviewedOn?: string | null;
  @IsOptional() @IsIn(['active', 'disabled']) status?: 'active' | 'disabled';
}

/** `PATCH /api/v1/access-paths/:id`: any field; `status` disables (`disabled`) or removes (`removed`) it. */
export class UpdateAccessPathInput {
  @NotNullIfPresent() @IsIn(ACCESS_PATH_KINDS) kind?: AccessPathKind;
  @NotNullIfPresent() @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) description?: string;
  @NotNullIfPresent()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  systems?: string[];
  @NotNullIfPresent() @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) dataAssetIds?: string[];
  @NotNullIfPresent() @IsIn(ACCESS_PATH_MFA) mfa?: AccessPathMfa;
  @NotNullIfPresent() @IsBoolean() monitored?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) deviceCount?: number | null;
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000) unsupportedDeviceCount?: number | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) lastReviewedOn?: string | null;
  @NotNullIfPresent() @IsIn(ACCESS_PATH_STATUSES) status?: AccessPathStatus;
}

export class AccessPathListQuery extends PageQuery {
  @IsOptional() @IsIn(ACCESS_PATH_STATUSES) status?: AccessPathStatus;
  @IsOptional() @IsIn(ACCESS_PATH_MFA) mfa?: AccessPathMfa;
  @IsOptional() @IsIn(['csv']) format?: 'csv';
}
