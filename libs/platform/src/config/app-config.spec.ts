import { readFileSync } from 'node:fs';
import { configVariables, loadConfig, loadDatabaseUrl } from './app-config.js';
import { ConfigError } from './env.js';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/assure',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  LINK_SEALING_SECRET: 'y'.repeat(32),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable} ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a valid environment with its defaults', () => {
    const config = loadConfig({ ...valid, PORT: '8080' });
    expect(config.http.port).toBe(8080);
    expect(config.mail.smtpUrl).toBe('smtp://127.0.0.1:1025');
    expect(config.storage.dataDir).toBe('.data');
    expect(config.logging.level).toBe('info');
    expect(config.http.baseUrl).toBe('http://localhost:8080');
    expect(config.organisation.contactEmail).toBe('assure@localhost');
    expect(config.scheduler.reminderDays).toEqual([7, 3, 1]);
  });

  it('reads the organisation and its contact address, ORG_NAME still understood', () => {
    expect(
      loadConfig({ ...valid, ORGANISATION_NAME: 'Royal Test NHS Trust', SUPPORT_EMAIL: 'help@trust.nhs.uk' })
        .organisation,
    ).toMatchObject({ name: 'Royal Test NHS Trust', contactEmail: 'help@trust.nhs.uk' });
    expect(loadConfig({ ...valid, ORG_NAME: 'Old Name NHS Trust' }).organisation.name).toBe('Old Name NHS Trust');
    expect(
      loadConfig({ ...valid, MAIL_FROM: 'Trust Assurance <assurance@trust.nhs.uk>' }).organisation.contactEmail,
    ).toBe('assurance@trust.nhs.uk');
    expect(problemsOf({ ...valid, SUPPORT_EMAIL: 'nobody' })).toEqual(['SUPPORT_EMAIL must be an email address']);
  });

  it('names the variable that is wrong, and says what it should be', () => {
    expect(problemsOf({ ...valid, DATABASE_URL: 'mysql://x' })).toEqual([
      'DATABASE_URL must be a postgres:// URL, e.g. postgres://user:pass@host:5432/assure',
    ]);
    expect(problemsOf({ ...valid, PORT: 'eighty' })[0]).toMatch(/^PORT /);
    expect(problemsOf({ ...valid, LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL must be one of fatal, error/);
    expect(problemsOf({ ...valid, PUBLIC_URL: 'https://assure.example/' })[0]).toMatch(/^PUBLIC_URL .*trailing slash/);
  });

  it('lists every missing required variable at once', () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'DATABASE_URL',
      'JWT_SECRET',
      'LINK_SEALING_SECRET',
      'REDIS_URL',
    ]);
    expect(problems.find((p) => p.startsWith('JWT_SECRET'))).toMatch(/is not set/);
  });

  it('never echoes a value that could be a secret', () => {
    const message = (() => {
      try {
        loadConfig({ ...valid, JWT_SECRET: 'short-secret-value' });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('JWT_SECRET must be at least 32 characters');
    expect(message).not.toContain('short-secret-value');
  });

  it('requires ADMIN_PASSWORD with ADMIN_EMAIL', () => {
    expect(problemsOf({ ...valid, ADMIN_EMAIL: 'admin@trust.nhs.uk' })).toEqual([
      'ADMIN_PASSWORD is required when ADMIN_EMAIL is set',
    ]);
  });

  it('reads DATABASE_URL alone for the migration CLI', () => {
    expect(loadDatabaseUrl({ DATABASE_URL: valid.DATABASE_URL })).toBe(valid.DATABASE_URL);
    expect(() => loadDatabaseUrl({})).toThrow('DATABASE_URL is not set');
  });

  it('declares each variable once, in its namespace, and .env.example documents every one', () => {
    const declared = configVariables();
    expect(new Set(declared).size).toBe(declared.length);
    const documented = [...readFileSync('.env.example', 'utf8').matchAll(/^#? *([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual([...declared].sort());
  });
});
