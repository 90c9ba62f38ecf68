import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NotNullIfPresent, PageQuery } from '@app/platform';
import { CERTIFICATION_KINDS, DSPT_STATUSES, type CertificationKind, type DsptStatus } from './certification.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = { message: 'must be a date as YYYY-MM-DD' };

/** `POST /api/v1/suppliers/:id/certifications` (api.md, certification fields and enumerations). */
export class CreateCertificationInput {
  @IsIn(CERTIFICATION_KINDS) kind: CertificationKind;
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) reference?: string | null;
  /** DSPT only: its published status. */
  @IsOptional() @IsIn(DSPT_STATUSES) status?: DsptStatus | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) scope?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) issuedOn?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) expiresOn?: string | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(1000) evidence?: string | null;
}

/**
 * `PATCH /api/v1/certifications/:id`. `verified: true` records who checked the certificate and
 * when (procurement or governance); any other change is procurement's, and a change to what was
 * checked clears the verification.
 */
export class UpdateCertificationInput {
  @NotNullIfPresent() @IsIn(CERTIFICATION_KINDS) kind?: CertificationKind;
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) reference?: string | null;
  @IsOptional() @IsIn(DSPT_STATUSES) status?: DsptStatus | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) scope?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) issuedOn?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) expiresOn?: string | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(1000) evidence?: string | null;
  @NotNullIfPresent() @IsBoolean() verified?: boolean;
}

export class CertificationListQuery extends PageQuery {
  @IsOptional() @IsIn(CERTIFICATION_KINDS) kind?: CertificationKind;
}
