import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class LoginBody {
  @Transform(trim) @IsEmail({}, { message: 'must be an email address' }) email: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}
