import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsMailboxAddress, NotNullIfPresent } from '@app/platform';
import { ROLES, type Role } from './user.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A new internal user (the API's POST /users and the console's user form). */
export class CreateUserInput {
  /** @example "buyer@trust.nhs.example" */
  @Transform(trim) @IsMailboxAddress({ message: 'must be an email address' }) email: string;
  /** @example "Alex Morgan" */
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name: string;
  /** `admin` everything and users; `procurement` the register, data sharing and assessments; `governance` reads everything, decides risk, accepts findings, reads reports; `viewer` reads only. @example "procurement" */
  @IsIn(ROLES) role: Role;
  /** At least 12 characters. @example "correct horse battery staple" */
  @IsString() @MinLength(12, { message: 'must be at least 12 characters' }) @MaxLength(200) password: string;
  @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateUserInput {
  @NotNullIfPresent() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @NotNullIfPresent() @IsIn(ROLES) role?: Role;
  @NotNullIfPresent() @IsBoolean() active?: boolean;
  @NotNullIfPresent()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  @MaxLength(200)
  password?: string;
}
