import { plainToInstance } from 'class-transformer';
import {
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

  /** The base of links in emails, defaulting to this API's own address. */
  get baseUrl(): string {
    return this.publicUrl ?? `http://localhost:${this.port}`;
  }
}

/** Which environment variable feeds each property, and how its text becomes a value. */
const ENV: Record<keyof Omit<AppConfig, 'baseUrl'>, { name: string; int?: boolean }> = {
  databaseUrl: { name: 'DATABASE_URL' },
  redisUrl: { name: 'REDIS_URL' },
  smtpUrl: { name: 'SMTP_URL' },
  mailFrom: { name: 'MAIL_FROM' },
  publicUrl: { name: 'PUBLIC_URL' },
  port: { name: 'PORT', int: true },
  adminEmail: { name: 'ADMIN_EMAIL' },
  adminPassword: { name: 'ADMIN_PASSWORD' },
  jwtSecret: { name: 'JWT_SECRET' },
  logLevel: { name: 'LOG_LEVEL' },
  dataDir: { name: 'DATA_DIR' },
  queuePrefix: { name: 'QUEUE_PREFIX' },
  rateLimitPerMinute: { name: 'RATE_LIMIT_PER_MINUTE', int: true },
  bodyLimitBytes: { name: 'BODY_LIMIT_BYTES', int: true },
  trustProxy: { name: 'TRUST_PROXY', int: true },
};

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
  for (const [property, { name, int }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    plain[property] = int ? (/^-?\d+$/.test(raw.trim()) ? Number(raw) : raw) : raw.trim();
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
