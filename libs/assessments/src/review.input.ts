import {
  ArrayMaxSize,
  ArrayMinSize,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

/** `POST /api/v1/assessments/:id/return`, and the console's return form. */
export class ReturnBody {
  @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) questionCodes: string[];
  @IsString() @MinLength(3) @MaxLength(5000) message: string;
}

/** `POST /api/v1/assessments/:id/adjustments`, and the console's adjustment form. */
export class AdjustmentBody {
  @IsString() @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'must be a question code' }) questionCode: string;
  @ValidateIf((_, v) => v !== null) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(1) score: number | null;
  @IsString() @MinLength(10, { message: 'must say why, in at least 10 characters' }) @MaxLength(2000) reason: string;
}
