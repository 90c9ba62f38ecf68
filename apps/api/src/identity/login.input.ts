import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginBody {
  /** @example "buyer@trust.nhs.example" */
  @Transform(trim) @IsEmail({}, { message: 'must be an email address' }) email: string;
  /** @example "correct horse battery staple" */
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}
