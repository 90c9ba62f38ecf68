import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

/** `POST /api/v1/assessments`, and the console's send form: the same rules. */
export class SendAssessmentBody {
  @IsUUID() supplierId: string;
  @IsOptional() @Matches(/^[a-z0-9-]{3,64}$/, { message: 'must be a questionnaire key' }) questionnaireKey?: string;
  @IsOptional() @IsInt() @Min(1) questionnaireVersion?: number;
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' }) dueDate: string;
  @IsOptional() @IsUUID() recipientContactId?: string;
}

export class CampaignFilter {
  @IsOptional() @IsIn(['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other']) kind?: string;
  @IsOptional() @IsInt() @Min(1) @Max(4) tier?: number;
  @IsOptional() @IsString() @MaxLength(50) tag?: string;
  @IsOptional() @IsIn(['onboarding', 'active']) status?: string;
}

/** `POST /api/v1/assessments/campaigns`. */
export class CampaignBody {
  @Matches(/^[a-z0-9-]{3,64}$/, { message: 'must be a questionnaire key' }) questionnaireKey: string;
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' }) dueDate: string;
  @ValidateIf((body: CampaignBody) => body.filter === undefined) @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsUUID('all', { each: true }) supplierIds?: string[];
  @IsOptional() @ValidateNested() @Type(() => CampaignFilter) filter?: CampaignFilter;
}
