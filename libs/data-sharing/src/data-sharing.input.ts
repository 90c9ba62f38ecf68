import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NotNullIfPresent, PageQuery } from '@app/platform';
import { CLASSIFICATIONS, type Classification } from '@app/scoring';
import {
  AGREEMENT_TYPES, ARTICLE6_BASES, ARTICLE9_CONDITIONS, CONFIDENTIALITY_BASES, DATA_CATEGORIES, DIRECTIONS, LINK_STATUSES,
  PROCESSING_LOCATIONS, PSEUDONYMISATION, TRANSFER_METHODS,
} from './data-sharing-link.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = { message: 'must be a date as YYYY-MM-DD' };

export class CreateDataAssetInput {
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @IsIn(CLASSIFICATIONS) classification: Classification;
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsIn(DATA_CATEGORIES, { each: true }) categories?: string[];
  @IsInt() @Min(0) @Max(1e12) recordCount: number;
  @IsOptional() @IsString() @MaxLength(300) systemOfRecord?: string | null;
  @IsOptional() @IsUUID() ownerId?: string | null;
}

export class UpdateDataAssetInput {
  @NotNullIfPresent() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) name?: string;
  @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @NotNullIfPresent() @IsIn(CLASSIFICATIONS) classification?: Classification;
  @NotNullIfPresent() @IsArray() @ArrayMaxSize(10) @IsIn(DATA_CATEGORIES, { each: true }) categories?: string[];
  @NotNullIfPresent() @IsInt() @Min(0) @Max(1e12) recordCount?: number;
  @IsOptional() @IsString() @MaxLength(300) systemOfRecord?: string | null;
  @IsOptional() @IsUUID() ownerId?: string | null;
}

export class CreateLinkInput {
  @IsUUID() supplierId: string;
  @IsUUID() dataAssetId: string;
  @Transform(trim) @IsString() @MinLength(3) @MaxLength(2000) purpose: string;
  @IsIn(DIRECTIONS) direction: (typeof DIRECTIONS)[number];
  @IsInt() @Min(0) @Max(1e12) recordCount: number;
  @IsIn(PSEUDONYMISATION) pseudonymisation: (typeof PSEUDONYMISATION)[number];
  @IsOptional() @IsIn(ARTICLE6_BASES) article6Basis?: string | null;
  @IsOptional() @IsIn(ARTICLE9_CONDITIONS) article9Condition?: string | null;
  @IsOptional() @IsIn(CONFIDENTIALITY_BASES) confidentialityBasis?: string | null;
  @IsOptional() @IsIn(AGREEMENT_TYPES) agreementType?: string | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200) agreementRef?: string | null;
  @IsOptional() @IsIn(TRANSFER_METHODS) transferMethod?: string | null;
  @IsIn(PROCESSING_LOCATIONS) processingLocation: (typeof PROCESSING_LOCATIONS)[number];
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100) processingCountry?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) startDate?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) reviewDate?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) endDate?: string | null;
  @IsOptional() @IsIn(LINK_STATUSES) status?: (typeof LINK_STATUSES)[number];
}

export class UpdateLinkInput {
  @NotNullIfPresent() @Transform(trim) @IsString() @MinLength(3) @MaxLength(2000) purpose?: string;
  @NotNullIfPresent() @IsIn(DIRECTIONS) direction?: (typeof DIRECTIONS)[number];
  @NotNullIfPresent() @IsInt() @Min(0) @Max(1e12) recordCount?: number;
  @NotNullIfPresent() @IsIn(PSEUDONYMISATION) pseudonymisation?: (typeof PSEUDONYMISATION)[number];
  @IsOptional() @IsIn(ARTICLE6_BASES) article6Basis?: string | null;
  @IsOptional() @IsIn(ARTICLE9_CONDITIONS) article9Condition?: string | null;
  @IsOptional() @IsIn(CONFIDENTIALITY_BASES) confidentialityBasis?: string | null;
  @IsOptional() @IsIn(AGREEMENT_TYPES) agreementType?: string | null;
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200) agreementRef?: string | null;
  @IsOptional() @IsIn(TRANSFER_METHODS) transferMethod?: string | null;
  @NotNullIfPresent() @IsIn(PROCESSING_LOCATIONS) processingLocation?: (typeof PROCESSING_LOCATIONS)[number];
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100) processingCountry?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) startDate?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) reviewDate?: string | null;
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) endDate?: string | null;
  @NotNullIfPresent() @IsIn(LINK_STATUSES) status?: (typeof LINK_STATUSES)[number];
  /** An ended link's records count as held until destruction is confirmed (with a certificate reference). */
  @IsOptional() @Matches(DATE, dateMessage) @IsISO8601({ strict: true }, dateMessage) destructionConfirmedOn?: string | null;
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
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() destructionUnconfirmed?: boolean;
  /** Active links without an agreement reference. */
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() withoutAgreement?: boolean;
}
