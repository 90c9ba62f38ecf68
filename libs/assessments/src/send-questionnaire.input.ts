import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';

/** `POST /api/v1/assessments`, and the console's send form: the same rules. */
export class SendAssessmentBody {
  /** The supplier to assess (its `id`). */
  @IsUUID() supplierId: string;
  /** A questionnaire's `key` from `GET /api/v1/questionnaires`; left out, the supplier's tier chooses (full for tiers 1-2, short for 3-4, and the research questionnaire too for a university or research partner holding personal data). @example "supplier-security-core" */
  @IsOptional() @Matches(/^[a-z0-9-]{3,64}$/, { message: 'must be a questionnaire key' }) questionnaireKey?: string;
  /** A published version; left out, the latest. */
  @IsOptional() @IsInt() @Min(1) questionnaireVersion?: number;
  /** When the supplier's answers are due (`YYYY-MM-DD`, after today); the link expires 30 days later by default. @example "2027-01-15" */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' })
  dueDate: string;
  /** One of the supplier's `contacts` (its `id`); left out, the primary contact. */
  @IsOptional() @IsUUID() recipientContactId?: string;
}

export class CampaignFilter {
  @ApiProperty({
    enum: ['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other'],
    required: false,
  })
  @IsOptional()
  @IsIn(['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other'])
  kind?: string;
  @IsOptional() @IsInt() @Min(1) @Max(4) tier?: number;
  @IsOptional() @IsString() @MaxLength(50) tag?: string;
  @ApiProperty({ enum: ['onboarding', 'active'], required: false })
  @IsOptional()
  @IsIn(['onboarding', 'active'])
  status?: string;
}

/** `POST /api/v1/assessments/campaigns`. */
export class CampaignBody {
  @Matches(/^[a-z0-9-]{3,64}$/, { message: 'must be a questionnaire key' }) questionnaireKey: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' })
  dueDate: string;
  @ValidateIf((body: CampaignBody) => body.filter === undefined)
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  supplierIds?: string[];
  @IsOptional() @ValidateNested() @Type(() => CampaignFilter) filter?: CampaignFilter;
}
