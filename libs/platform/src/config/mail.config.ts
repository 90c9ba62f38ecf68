import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { Env } from './env.js';

/** Sending email: the SMTP server, the sender, and how hard the worker tries. */
export class MailConfig {
  @Env('SMTP_URL')
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:1025' })
  smtpUrl = 'smtp://127.0.0.1:1025';

  @Env('MAIL_FROM')
  @IsString()
  @MinLength(3)
  from = 'Assure <assure@localhost>';

  /** Delivery attempts before an email is dead (default 8, about a day with the default backoff). */
  @Env('EMAIL_ATTEMPTS', 'int')
  @IsInt()
  @Min(1)
  @Max(30)
  attempts = 8;

  /** The first retry's delay; each next one doubles (680 s x (1 + 2 + ... + 64) = about 24 h). */
  @Env('EMAIL_BACKOFF_MS', 'int')
  @IsInt()
  @Min(10)
  backoffMs = 680_000;

  /** Send jobs one worker runs at once (also the SMTP pool size). */
  @Env('EMAIL_CONCURRENCY', 'int')
  @IsInt()
  @Min(1)
  @Max(100)
  concurrency = 5;

  /**
   * Emails one send job takes in hand together: its own and queued ones nobody holds, sent in the same
   * database transaction with their content read in one statement per kind of read, so a campaign
   * costs a few statements per batch instead of per email. Also the bound on what a killed worker can
   * repeat: EMAIL_BATCH for each of the EMAIL_CONCURRENCY jobs at once. 1 sends each email on its own.
   */
  @Env('EMAIL_BATCH', 'int')
  @IsInt()
  @Min(1)
  @Max(200)
  batch = 20;

  /** The mailbox part of MAIL_FROM. */
  get fromAddress(): string {
    return /<([^>]+)>/.exec(this.from)?.[1] ?? this.from.trim();
  }
}
