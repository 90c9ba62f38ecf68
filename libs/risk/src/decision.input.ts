import {
  ArrayMaxSize,
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
import { DECISIONS, type DecisionType } from './risk-decision.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date as YYYY-MM-DD' };

/** `POST /api/v1/suppliers/:id/risk-decisions`: a risk decision as the API takes it. */
export class DecisionBody {
  @IsIn(DECISIONS) decision: DecisionType;
  @IsString() @MinLength(10, { message: 'must say why, in at least 10 characters' }) @MaxLength(5000) rationale: string;
  @Matches(DATE, DATE_MESSAGE) @IsISO8601({ strict: true }, DATE_MESSAGE) reviewDate: string;
  @IsOptional() @IsString() @MinLength(2) @MaxLength(200) insurer?: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) policyRef?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000_000) limit?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000_000) excess?: number;
  @IsOptional() @Matches(DATE, DATE_MESSAGE) @IsISO8601({ strict: true }, DATE_MESSAGE) expiresOn?: string;
  @IsOptional() @Matches(DATE, DATE_MESSAGE) @IsISO8601({ strict: true }, DATE_MESSAGE) endLinksBy?: string;
  @IsOptional() @ArrayMaxSize(500) @IsUUID('all', { each: true }) findingIds?: string[];
}
