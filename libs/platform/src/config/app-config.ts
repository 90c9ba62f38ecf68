import { AuthConfig } from './auth.config.js';
import { DATABASE_URL_PATTERN, DatabaseConfig } from './database.config.js';
import { ConfigError, rawValue, readNamespace, variablesOf, type ConfigProblem, type Environment } from './env.js';
import { HttpConfig } from './http.config.js';
import { MailConfig } from './mail.config.js';
import { OrganisationConfig } from './organisation.config.js';
import { QueueConfig } from './queue.config.js';
import { LoggingConfig, ReportsConfig, RiskConfig, StorageConfig } from './runtime.config.js';
import { SchedulerConfig } from './scheduler.config.js';

/**
 * The configuration's namespaces. Each is a class whose properties declare their environment
 * variable (`@Env`), type, default and validation in one place; each is injectable on its own
 * (ConfigModule provides every namespace under its class), so a service asks for the part it uses.
 */
const NAMESPACES = {
  http: HttpConfig,
  database: DatabaseConfig,
  queue: QueueConfig,
  mail: MailConfig,
  organisation: OrganisationConfig,
  auth: AuthConfig,
  scheduler: SchedulerConfig,
  logging: LoggingConfig,
  storage: StorageConfig,
  reports: ReportsConfig,
  risk: RiskConfig,
} as const;

/** The whole configuration of a running process, read once from the environment at start-up. */
export type AppConfig = { readonly [K in keyof typeof NAMESPACES]: InstanceType<(typeof NAMESPACES)[K]> };

/**
 * Reads and validates the configuration. Throws a ConfigError naming every bad variable; never
 * prints a value that could be a secret.
 */
export function loadConfig(env: Environment): AppConfig {
  if (rawValue(env, { name: 'ADMIN_EMAIL' }) && !rawValue(env, { name: 'ADMIN_PASSWORD' })) {
    throw new ConfigError([{ variable: 'ADMIN_PASSWORD', message: 'is required when ADMIN_EMAIL is set' }]);
  }
  const problems: ConfigProblem[] = [];
  const config: Record<string, object> = {};
  for (const [key, namespace] of Object.entries(NAMESPACES)) {
    const read = readNamespace(namespace as new () => object, env);
    config[key] = read.value;
    problems.push(...read.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const loaded = config as AppConfig;
  loaded.organisation.contactEmail = loaded.organisation.supportEmail ?? loaded.mail.fromAddress;
  return loaded;
}

/** DATABASE_URL alone, for tools that need nothing else (the migration CLI). */
export function loadDatabaseUrl(env: Environment): string {
  const url = env.DATABASE_URL?.trim();
  if (!url || !DATABASE_URL_PATTERN.test(url)) {
    throw new ConfigError([{ variable: 'DATABASE_URL', message: url ? 'must be a postgres:// URL' : 'is not set' }]);
  }
  return url;
}

/** Every environment variable the configuration reads, from the namespaces' own declarations (for docs and tests). */
export function configVariables(): string[] {
  return Object.values(NAMESPACES).flatMap((namespace) => variablesOf(namespace).map((v) => v.name));
}
