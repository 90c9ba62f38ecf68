import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BANDS, CRITICALITIES, RATINGS, type Band, type Criticality, type Rating } from '@app/scoring';
import { IsMailboxAddress, NotNullIfPresent, PageQuery } from '@app/platform';
import { CONTACT_ROLES, type ContactRole } from './supplier-contact.entity.js';
import { SUPPLIER_KINDS, SUPPLIER_STATUSES, type SupplierKind, type SupplierStatus } from './supplier.entity.js';

const compact = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() || null : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t)) : value;
const blankToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** Companies House numbers: 8 digits, or 2 letters (SC, NI, OC, ...) and 6 digits. */
export const COMPANIES_HOUSE_NUMBER = /^(\d{8}|[A-Z]{2}\d{6})$/;
/** ODS codes: 3 to 6 letters and digits (RJ1, RJ122, A81001). */
export const ODS_CODE = /^[A-Z0-9]{3,6}$/;
/** UK Provider Reference Numbers: 8 digits starting with 1. */
export const UKPRN = /^1\d{7}$/;

export class ContactInput {
  /** To keep an existing contact on PATCH (its `id`); leave out for a new one. */
  @IsOptional()
  @IsUUID()
  id?: string;

  /** @example "Priya Shah" */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** @example "priya.shah@northgate.example" */
  @Transform(trim)
  // The mailer's own rule: an address the API accepts is one the SMTP server takes.
  @IsMailboxAddress({ message: 'must be an email address' })
  email: string;

  /** Digits, spaces, +, - and brackets, 6 to 20 characters. @example "+44 20 7946 0000" */
  @IsOptional()
  @Transform(blankToNull)
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'must be a phone number (digits, spaces, +, -, brackets)' })
  phone?: string | null;

  /** `primary` receives questionnaires by default; `security` receives an incident's follow-up questionnaire (else the primary); `escalation` and `dpo` (data protection officer) are listed for the incident team. @example "primary" */
  @IsIn(CONTACT_ROLES)
  role: ContactRole;
}

export class CreateSupplierInput {
  /** @example "Northgate Pathology Partnership" */
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name: string;

  /** @example "supplier" */
  @IsIn(SUPPLIER_KINDS)
  kind: SupplierKind;

  /** Spaces are removed and letters upper-cased. @example "01234567" */
  @IsOptional()
  @Transform(compact)
  @Matches(COMPANIES_HOUSE_NUMBER, { message: 'must be 8 digits, or 2 letters and 6 digits (e.g. 01234567, SC123456)' })
  companiesHouseNumber?: string | null;

  /** For NHS bodies. @example "RJ1" */
  @IsOptional()
  @Transform(compact)
  @Matches(ODS_CODE, { message: 'must be an ODS code of 3 to 6 letters and digits (e.g. RJ1, A81001)' })
  odsCode?: string | null;

  /** For universities. @example "10007784" */
  @IsOptional()
  @Transform(compact)
  @Matches(UKPRN, { message: 'must be a UKPRN: 8 digits starting with 1' })
  ukprn?: string | null;

  /** @example "https://www.northgate.example" */
  @IsOptional()
  @Transform(blankToNull)
  @Matches(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;

  /** @example "Pathology results messaging for three hospitals" */
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(2000)
  services?: string | null;

  /** @example "critical" */
  @IsIn(CRITICALITIES)
  criticality: Criticality;

  /** `onboarding` (default) or `active`; offboard through `POST /api/v1/suppliers/{id}/offboard`. @example "active" */
  @IsOptional()
  @IsIn(SUPPLIER_STATUSES.filter((s) => s !== 'offboarded'), {
    message: 'must be onboarding or active (offboard through POST /suppliers/:id/offboard)',
  })
  status?: SupplierStatus;

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  /** Up to 30, each 1 to 50 lower-case letters, digits, spaces, "-" or "_" (upper case is lowered). @example ["pathology", "north"] */
  @IsOptional()
  @Transform(lowerTags)
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9 _-]{0,49}$/, {
    each: true,
    message: 'each tag must be 1 to 50 lower-case letters, digits, spaces, "-" or "_"',
  })
  tags?: string[];

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  /** Up to 20; an `active` supplier needs one with role `primary` (422 otherwise), and questionnaires go to the primary contact unless another is named. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactInput)
  contacts?: ContactInput[];
}

/** PATCH: any field of the create input; contacts, when given, replace the list. */
export class UpdateSupplierInput {
  @NotNullIfPresent()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  name?: string;

  @NotNullIfPresent()
  @IsIn(SUPPLIER_KINDS)
  kind?: SupplierKind;

  @IsOptional()
  @Transform(compact)
  @Matches(COMPANIES_HOUSE_NUMBER, { message: 'must be 8 digits, or 2 letters and 6 digits (e.g. 01234567, SC123456)' })
  companiesHouseNumber?: string | null;

  @IsOptional()
  @Transform(compact)
  @Matches(ODS_CODE, { message: 'must be an ODS code of 3 to 6 letters and digits (e.g. RJ1, A81001)' })
  odsCode?: string | null;

  @IsOptional()
  @Transform(compact)
  @Matches(UKPRN, { message: 'must be a UKPRN: 8 digits starting with 1' })
  ukprn?: string | null;

  @IsOptional()
  @Transform(blankToNull)
  @Matches(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(2000)
  services?: string | null;

  @NotNullIfPresent()
  @IsIn(CRITICALITIES)
  criticality?: Criticality;

  @NotNullIfPresent()
  @IsIn(SUPPLIER_STATUSES.filter((s) => s !== 'offboarded'), {
    message: 'must be onboarding or active (offboard through POST /suppliers/:id/offboard)',
  })
  status?: SupplierStatus;

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @NotNullIfPresent()
  @Transform(lowerTags)
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9 _-]{0,49}$/, {
    each: true,
    message: 'each tag must be 1 to 50 lower-case letters, digits, spaces, "-" or "_"',
  })
  tags?: string[];

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @NotNullIfPresent()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactInput)
  contacts?: ContactInput[];
}

export const SUPPLIER_SORTS = [
  'name',
  'createdAt',
  'updatedAt',
  'tier',
  'singleLossEstimate',
  'impactLevel',
  'criticality',
  'status',
  'kind',
  'band',
  'rating',
  'valueAtRisk',
  'netValueAtRisk',
];

export class SupplierListQuery extends PageQuery {
  @IsOptional()
  @IsIn(SUPPLIER_KINDS)
  kind?: SupplierKind;

  @IsOptional()
  @IsIn(SUPPLIER_STATUSES)
  status?: SupplierStatus;

  @ApiProperty({ required: false, enum: [1, 2, 3, 4] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2, 3, 4])
  tier?: number;

  @IsOptional()
  @IsIn(CRITICALITIES)
  criticality?: Criticality;

  @IsOptional()
  @IsIn(BANDS)
  band?: Band;

  @IsOptional()
  @IsIn(RATINGS)
  rating?: Rating;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Text search on the name and the identifiers. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** risk-model section 6: governance overrides the tier with a reason (null clears the override). */
export class TierOverrideInput {
  @ValidateIf((_, v) => v !== null)
  @IsIn([1, 2, 3, 4], { message: 'must be 1, 2, 3 or 4, or null to clear the override' })
  tier: 1 | 2 | 3 | 4 | null;
  @IsString() @MinLength(10, { message: 'must say why, in at least 10 characters' }) @MaxLength(2000) reason: string;
}
