import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Env } from './env.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who is asking, and the addresses people are told about. */
export class OrganisationConfig {
  /** Named on every supplier page and email (ORG_NAME is the older name). */
  @Env('ORGANISATION_NAME', 'text', 'ORG_NAME')
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name = 'NHS Trust';

  /** Where suppliers and staff can reach a person; unset, the MAIL_FROM address. */
  @Env('SUPPORT_EMAIL')
  @IsOptional()
  @Matches(EMAIL, { message: 'must be an email address' })
  supportEmail?: string;

  /** The governance committee's address (escalation level 2, expiring decisions); unset, those emails are not owed. */
  @Env('GOVERNANCE_EMAIL')
  @IsOptional()
  @Matches(EMAIL, { message: 'must be an email address' })
  governanceEmail?: string;

  /** The address people are told to write to: SUPPORT_EMAIL, else the mailbox of MAIL_FROM (set by loadConfig). */
  contactEmail: string;
}
