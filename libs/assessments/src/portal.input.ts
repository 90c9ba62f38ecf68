import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MAX_INT } from '@app/platform';

export class AnswerBody {
  @IsString() @MaxLength(20) code: string;
  @ApiProperty({
    required: false,
    description:
      'By question type: "yes"/"no"/"partial", an option value, a list of option values, text, a number or a date (YYYY-MM-DD); checked against the question.',
    oneOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
  })
  @IsOptional()
  value?: unknown;
  @IsOptional() @IsBoolean() notApplicable?: boolean;
  @IsOptional() @IsString() @MaxLength(5000) comment?: string | null;
  @IsInt() @Min(0) @Max(MAX_INT) version: number;
}

/** `POST /portal/assessment/answers` as JSON (api.md). */
export class AnswersBody {
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AnswerBody) answers: AnswerBody[];
}

export class AttestationBody {
  @IsString() @MinLength(2) @MaxLength(200) name: string;
  @IsString() @MinLength(2) @MaxLength(200) jobTitle: string;
  @IsBoolean() @Equals(true, { message: 'must be true: confirm that the answers are accurate' }) confirmed: boolean;
}

/** `POST /portal/assessment/submit` as JSON (api.md). */
export class SubmitBody {
  @ValidateNested() @Type(() => AttestationBody) attestation: AttestationBody;
}
