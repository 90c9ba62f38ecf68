import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
import { CLASSIFICATIONS, type Classification } from '@app/scoring';
import {
  AGREEMENT_TYPES,
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  DATA_CATEGORIES,
  DIRECTIONS,
  LINK_STATUSES,
  PROCESSING_LOCATIONS,
  PSEUDONYMISATION,
  TRANSFER_METHODS,
} from './data-sharing-link.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = { message: 'must be a date as YYYY-MM-DD' };

export class CreateDataAssetInput {
  /** @example "Pathology results" */
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  /** `public`; `official` (business data); `personal` (about people); `special_category` (health, genetic and other UK GDPR Article 9 data). Sets the loss per record. @example "special_category" */
  @IsIn(CLASSIFICATIONS) classification: Classification;
  /** What the records contain (any of the listed categories). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(DATA_CATEGORIES, { each: true })
  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true, required: false })
  categories?: string[];
  /** How many people's records the asset holds. @example 250000 */
  @IsInt() @Min(0) @Max(1e12) recordCount: number;
  /** The system that holds it. @example "LIMS" */
  @IsOptional() @IsString() @MaxLength(300) systemOfRecord?: string | null;
  @IsOptional() @IsUUID() ownerId?: string | null;
}

export class UpdateDataAssetInput {
  @NotNullIfPresent() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name?: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @NotNullIfPresent() @IsIn(CLASSIFICATIONS) classification?: Classification;
  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(DATA_CATEGORIES, { each: true })
  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true, required: false })
  categories?: string[];
  @NotNullIfPresent() @IsInt() @Min(0) @Max(1e12) recordCount?: number;
  @IsOptional() @IsString() @MaxLength(300) systemOfRecord?: string | null;
  @IsOptional() @IsUUID() ownerId?: string | null;
}

export class CreateLinkInput {
  /** The supplier the data flows to or from (its `id`). */
  @IsUUID() supplierId: string;
  /** The data asset that flows (its `id`). */
  @IsUUID() dataAssetId: string;
  /** Why the data is shared. @example "Pathology results returned to the requesting clinician" */
  @Transform(trim) @IsString() @MinLength(3) @MaxLength(2000) purpose: string;
  /** `outbound`: we send it to the supplier; `inbound`: the supplier sends it to us; `both`. @example "outbound" */
  @IsIn(DIRECTIONS) direction: (typeof DIRECTIONS)[number];
  /** How many people's records flow through this link (held by the supplier). @example 120000 */
  @IsInt() @Min(0) @Max(1e12) recordCount: number;
  /** How identifiable the records are: the data loss counts `identifiable` in full, `pseudonymised` at half and `anonymised` not at all by default (the factors are in `GET /api/v1/settings/risk`). @example "identifiable" */
  @IsIn(PSEUDONYMISATION) pseudonymisation: (typeof PSEUDONYMISATION)[number];
  @ApiProperty({
    enum: ARTICLE6_BASES,
    nullable: true,
    required: false,
    description: 'UK GDPR Article 6 lawful basis.',
    example: 'public_task',
  })
  @IsOptional()
  @IsIn(ARTICLE6_BASES)
  article6Basis?: string | null;
  @ApiProperty({
    enum: ARTICLE9_CONDITIONS,
    nullable: true,
    required: false,
    description:
      'UK GDPR Article 9 condition: required when the data asset is `special_category` (422 naming it otherwise).',
    example: 'health_care',
  })
  @IsOptional()
  @IsIn(ARTICLE9_CONDITIONS)
  article9Condition?: string | null;
  @ApiProperty({
    enum: CONFIDENTIALITY_BASES,
    nullable: true,
    required: false,
    description: 'Common-law duty of confidentiality basis (`s251_support`: section 251 approval).',
    example: 'direct_care',
  })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_BASES)
  confidentialityBasis?: string | null;
  @ApiProperty({
    enum: AGREEMENT_TYPES,
    nullable: true,
    required: false,
    description: 'Data sharing agreement (`DSA`), data processing agreement (`DPA`) or a `contract`.',
    example: 'DPA',
  })
  @IsOptional()
  @IsIn(AGREEMENT_TYPES)
  agreementType?: string | null;
  /** The agreement's reference: required on an `active` link (422 otherwise). @example "DPA-2026-014" */
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200) agreementRef?: string | null;
  @ApiProperty({
    enum: TRANSFER_METHODS,
    nullable: true,
    required: false,
    description: 'How the data moves.',
    example: 'api',
  })
  @IsOptional()
  @IsIn(TRANSFER_METHODS)
  transferMethod?: string | null;
  /** Where the supplier processes it: `uk`, `eea`, `adequacy` (a country with a UK adequacy decision) or `other` (name it in `processingCountry`). @example "uk" */
  @IsIn(PROCESSING_LOCATIONS) processingLocation: (typeof PROCESSING_LOCATIONS)[number];
  /** Required when `processingLocation` is `other` (422 otherwise). */
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100) processingCountry?: string | null;
  /** `YYYY-MM-DD`. @example "2026-04-01" */
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) startDate?: string | null;
  /** `YYYY-MM-DD`: required on an `active` link (422 otherwise). @example "2027-03-31" */
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) reviewDate?: string | null;
  /** `YYYY-MM-DD`, not before `startDate`. */
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) endDate?: string | null;
  /** `proposed` (default), `active` (data flows: needs `agreementRef` and `reviewDate`), `suspended`, `ended` (its records count as held until `destructionConfirmedOn`). @example "active" */
  @IsOptional() @IsIn(LINK_STATUSES) status?: (typeof LINK_STATUSES)[number];
}

export class UpdateLinkInput {
  @NotNullIfPresent() @Transform(trim) @IsString() @MinLength(3) @MaxLength(2000) purpose?: string;
  @NotNullIfPresent() @IsIn(DIRECTIONS) direction?: (typeof DIRECTIONS)[number];
  @NotNullIfPresent() @IsInt() @Min(0) @Max(1e12) recordCount?: number;
  @NotNullIfPresent() @IsIn(PSEUDONYMISATION) pseudonymisation?: (typeof PSEUDONYMISATION)[number];
  @ApiProperty({ enum: ARTICLE6_BASES, nullable: true, required: false })
  @IsOptional()
  @IsIn(ARTICLE6_BASES)
  article6Basis?: string | null;
  @ApiProperty({ enum: ARTICLE9_CONDITIONS, nullable: true, required: false })
  @IsOptional()
  @IsIn(ARTICLE9_CONDITIONS)
  article9Condition?: string | null;
  @ApiProperty({ enum: CONFIDENTIALITY_BASES, nullable: true, required: false })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_BASES)
  confidentialityBasis?: string | null;
  @ApiProperty({ enum: AGREEMENT_TYPES, nullable: true, required: false })
  @IsOptional()
  @IsIn(AGREEMENT_TYPES)
  agreementType?: string | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200) agreementRef?: string | null;
  @ApiProperty({ enum: TRANSFER_METHODS, nullable: true, required: false })
  @IsOptional()
  @IsIn(TRANSFER_METHODS)
  transferMethod?: string | null;
  @NotNullIfPresent() @IsIn(PROCESSING_LOCATIONS) processingLocation?: (typeof PROCESSING_LOCATIONS)[number];
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100) processingCountry?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) startDate?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) reviewDate?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) endDate?: string | null;
  @NotNullIfPresent() @IsIn(LINK_STATUSES) status?: (typeof LINK_STATUSES)[number];
  /** An ended link's records count as held until destruction is confirmed (with a certificate reference). */
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) destructionConfirmedOn?:
    string | null;
  @IsOptional() @Transform(trim) @IsString() @MinLength(3) @MaxLength(300) destructionEvidence?: string | null;
}

export class DataAssetListQuery extends PageQuery {
  @IsOptional() @IsIn(CLASSIFICATIONS) classification?: Classification;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class LinkListQuery extends PageQuery {
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional() @IsUUID() dataAssetId?: string;
  @IsOptional() @IsIn(LINK_STATUSES) status?: (typeof LINK_STATUSES)[number];
  /** Links whose review or end date falls within the next N days (overdue ones included). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) dueWithinDays?: number;
  /** Ended links whose records may still be held: destruction not confirmed (risk-model section 4). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  destructionUnconfirmed?: boolean;
  /** Active links without an agreement reference. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  withoutAgreement?: boolean;
}
