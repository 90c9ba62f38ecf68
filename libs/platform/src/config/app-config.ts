import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The whole configuration of a running process, read once from the environment at start-up and
 * injected typed everywhere else. Each property names the environment variable it comes from, so
 * that a validation error can say which variable is wrong.
 */
export class AppConfig {
  /** DATABASE_URL */
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL, e.g. postgres://user:pass@host:5432/assure' })
  databaseUrl: string;

  /** REDIS_URL */
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  redisUrl: string;

  /** SMTP_URL */
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:1025' })
  smtpUrl = 'smtp://127.0.0.1:1025';

  /** MAIL_FROM */
  @IsString()
  @MinLength(3)
  mailFrom = 'Assure <assure@localhost>';

  /** PUBLIC_URL: base of links in emails, no trailing slash */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'must be an http(s):// URL without a trailing slash' })
  publicUrl?: string;

  /** PORT */
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 3000;

  /** ADMIN_EMAIL */
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address' })
  adminEmail?: string;

  /** ADMIN_PASSWORD */
  @IsOptional()
  @MinLength(12, { message: 'must be at least 12 characters' })
  adminPassword?: string;

  /** JWT_SECRET */
  @IsString({ message: 'is required (at least 32 random characters)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  jwtSecret: string;

  /** LINK_SEALING_SECRET: the key (at least 32 characters) that seals invitation links while they wait in the outbox for their email */
  @IsString({ message: 'is required (at least 32 random characters, not the JWT_SECRET)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  linkSealingSecret: string;

  /** LOG_LEVEL */
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel: LogLevel = 'info';

  /** DATA_DIR */
  @IsString()
  @MinLength(1)
  dataDir = '.data';

  /** QUEUE_PREFIX: Bull key prefix, so that deployments (and test files) sharing a Redis stay apart */
  @Matches(/^[a-zA-Z0-9:_-]+$/, { message: 'may hold letters, digits, ":", "_" and "-" only' })
  @MaxLength(64)
  queuePrefix = 'assure';

  /** RATE_LIMIT_PER_MINUTE: requests per minute per client address across all API replicas */
  @IsInt()
  @Min(1)
  rateLimitPerMinute = 600;

  /** BODY_LIMIT_BYTES: the largest request body accepted */
  @IsInt()
  @Min(1024)
  bodyLimitBytes = 1_048_576;

  /** TRUST_PROXY: how many reverse proxies stand in front of the API (0: none; client addresses are taken as seen) */
  @IsInt()
  @Min(0)
  @Max(10)
  trustProxy = 0;

  /** ORGANISATION_NAME (or the older ORG_NAME): who is asking, named on every supplier page and email */
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  orgName = 'NHS Trust';

  /** SUPPORT_EMAIL: where suppliers and staff can reach a person; unset, the MAIL_FROM address */
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address' })
  supportEmail?: string;

  /** GOVERNANCE_EMAIL: the governance committee's address (escalation level 2, expiring decisions); unset, those emails are not owed */
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address' })
  governanceEmail?: string;

  /** EMAIL_ATTEMPTS: delivery attempts before an email is dead (default 8, about a day with the default backoff) */
  @IsInt()
  @Min(1)
  @Max(30)
  emailAttempts = 8;

  /** EMAIL_BACKOFF_MS: the first retry's delay; each next one doubles (680 s x (1 + 2 + ... + 64) = about 24 h) */
  @IsInt()
  @Min(10)
  emailBackoffMs = 680_000;

  /** EMAIL_CONCURRENCY: emails one worker sends at once (also the SMTP pool size) */
  @IsInt()
  @Min(1)
  @Max(100)
  emailConcurrency = 5;

  /** SWEEP_INTERVAL_MS: how often the sweeper re-enqueues undelivered outbox rows */
  @IsInt()
  @Min(100)
  sweepIntervalMs = 60_000;

  /** SWEEP_GRACE_MS: how long a row may wait after its last change before the sweeper enqueues it again */
  @IsInt()
  @Min(0)
  sweepGraceMs = 30_000;

  /** SCHEDULE_INTERVAL_MS: how often the scheduler works out the reminders and escalations owed */
  @IsInt()
  @Min(100)
  scheduleIntervalMs = 900_000;

  /** REMINDER_DAYS: reminders this many days before the due date */
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 7,3,1' })
  @Min(1, { each: true })
  reminderDays = [7, 3, 1];

  /** OVERDUE_DAYS: the overdue notice this many days after the due date */
  @IsInt()
  @Min(1)
  overdueDays = 1;

  /** ESCALATION_DAYS: escalation levels 1 and 2 this many days after the due date */
  @ArrayNotEmpty()
  @ArrayMaxSize(2)
  @IsInt({ each: true, message: 'must be two comma-separated whole days, e.g. 7,14' })
  @Min(1, { each: true })
  escalationDays = [7, 14];

  /** LINK_NOTICE_DAYS: notices this many days before a data-sharing link's review or end date */
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsInt({ each: true, message: 'must be a comma-separated list of whole days, e.g. 30,7' })
  @Min(1, { each: true })
  linkNoticeDays = [30, 7];

  /** WORKING_HOURS: when reminders and escalations go out, Europe/London, on working days */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { message: 'must be HH:MM-HH:MM, e.g. 08:00-18:00' })
  workingHours = '08:00-18:00';

  /** BULL_LOCK_DURATION_MS: how long a worker's claim on a job lasts without renewal (a killed worker's job runs again after it) */
  @IsInt()
  @Min(1000)
  bullLockDurationMs = 30_000;

  /** BULL_STALLED_INTERVAL_MS: how often workers look for jobs whose worker died */
  @IsInt()
  @Min(1000)
  bullStalledIntervalMs = 30_000;

  /** RISK_SETTINGS: a JSON partial override of the risk model's defaults (GET /api/v1/settings/risk shows what is in force) */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  riskSettings?: string;

  /** DIGEST_WORKING_DAY: the committee digest goes out on this working day of each month (0: never) */
  @IsInt()
  @Min(0)
  @Max(20)
  digestWorkingDay = 1;

  /** CHROMIUM_PATH: the Chromium that renders report PDFs (Debian package chromium) */
  @IsString()
  @MinLength(1)
  chromiumPath = '/usr/bin/chromium';

  /** The base of links in emails, defaulting to this API's own address. */
  get baseUrl(): string {
    return this.publicUrl ?? `http://localhost:${this.port}`;
  }

  /** The address people are told to write to: SUPPORT_EMAIL, else the mailbox of MAIL_FROM. */
  get contactEmail(): string {
    return this.supportEmail ?? /<([^>]+)>/.exec(this.mailFrom)?.[1] ?? this.mailFrom.trim();
  }
}

/** Which environment variable feeds each property, and how its text becomes a value. */
const ENV: Record<keyof Omit<AppConfig, 'baseUrl' | 'contactEmail'>, { name: string; alias?: string; int?: boolean; list?: boolean }> = {
  databaseUrl: { name: 'DATABASE_URL' },
  redisUrl: { name: 'REDIS_URL' },
  smtpUrl: { name: 'SMTP_URL' },
  mailFrom: { name: 'MAIL_FROM' },
  publicUrl: { name: 'PUBLIC_URL' },
  port: { name: 'PORT', int: true },
  adminEmail: { name: 'ADMIN_EMAIL' },
  adminPassword: { name: 'ADMIN_PASSWORD' },
  jwtSecret: { name: 'JWT_SECRET' },
  linkSealingSecret: { name: 'LINK_SEALING_SECRET' },
  logLevel: { name: 'LOG_LEVEL' },
  dataDir: { name: 'DATA_DIR' },
  queuePrefix: { name: 'QUEUE_PREFIX' },
  rateLimitPerMinute: { name: 'RATE_LIMIT_PER_MINUTE', int: true },
  bodyLimitBytes: { name: 'BODY_LIMIT_BYTES', int: true },
  trustProxy: { name: 'TRUST_PROXY', int: true },
  orgName: { name: 'ORGANISATION_NAME', alias: 'ORG_NAME' },
  supportEmail: { name: 'SUPPORT_EMAIL' },
  governanceEmail: { name: 'GOVERNANCE_EMAIL' },
  emailAttempts: { name: 'EMAIL_ATTEMPTS', int: true },
  emailBackoffMs: { name: 'EMAIL_BACKOFF_MS', int: true },
  emailConcurrency: { name: 'EMAIL_CONCURRENCY', int: true },
  sweepIntervalMs: { name: 'SWEEP_INTERVAL_MS', int: true },
  sweepGraceMs: { name: 'SWEEP_GRACE_MS', int: true },
  scheduleIntervalMs: { name: 'SCHEDULE_INTERVAL_MS', int: true },
  reminderDays: { name: 'REMINDER_DAYS', list: true },
  overdueDays: { name: 'OVERDUE_DAYS', int: true },
  escalationDays: { name: 'ESCALATION_DAYS', list: true },
  linkNoticeDays: { name: 'LINK_NOTICE_DAYS', list: true },
  workingHours: { name: 'WORKING_HOURS' },
  bullLockDurationMs: { name: 'BULL_LOCK_DURATION_MS', int: true },
  bullStalledIntervalMs: { name: 'BULL_STALLED_INTERVAL_MS', int: true },
  riskSettings: { name: 'RISK_SETTINGS' },
  chromiumPath: { name: 'CHROMIUM_PATH' },
  digestWorkingDay: { name: 'DIGEST_WORKING_DAY', int: true },
};

const asInt = (raw: string): number | string => (/^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable} ${p.message}`).join('\n') +
        '\nSee .env.example for what each variable means.',
    );
    this.name = 'ConfigError';
  }
}

export type Environment = Record<string, string | undefined>;

/**
 * Reads and validates the configuration. Throws a ConfigError naming every bad variable; never
 * prints a value that could be a secret.
 */
export function loadConfig(env: Environment): AppConfig {
  const plain: Record<string, unknown> = {};
  for (const [property, { name, alias, int, list }] of Object.entries(ENV)) {
    const raw = env[name] || (alias ? env[alias] : undefined);
    if (raw === undefined || raw === '') continue;
    plain[property] = list ? raw.split(',').map(asInt) : int ? asInt(raw) : raw.trim();
  }
  if (plain.adminEmail && !plain.adminPassword) {
    throw new ConfigError([{ variable: 'ADMIN_PASSWORD', message: 'is required when ADMIN_EMAIL is set' }]);
  }
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.map(describe));
  return config;
}

function describe(error: ValidationError): { variable: string; message: string } {
  const variable = ENV[error.property as keyof typeof ENV]?.name ?? error.property;
  const messages = Object.values(error.constraints ?? {}).map((m) =>
    m.startsWith(`${error.property} `) ? m.slice(error.property.length + 1) : m,
  );
  const message = messages[0] ?? 'is invalid';
  return { variable, message: error.value === undefined ? `is not set (it ${message})` : message };
}


/** DATABASE_URL alone, for tools that need nothing else (the migration CLI). */
export function loadDatabaseUrl(env: Environment): string {
  const url = env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\/\S+$/.test(url)) {
    throw new ConfigError([{ variable: 'DATABASE_URL', message: url ? 'must be a postgres:// URL' : 'is not set' }]);
  }
  return url;
}
