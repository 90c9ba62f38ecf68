import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** How a variable's text becomes a value: as written (trimmed), a whole number, or a comma-separated list of whole numbers. */
export type EnvKind = 'text' | 'int' | 'list';

interface EnvVariable {
  property: string;
  name: string;
  kind: EnvKind;
  alias?: string;
}

const VARIABLES = new Map<Function, EnvVariable[]>();

/**
 * Names the environment variable a config property is read from, beside its type, default and
 * class-validator rules: the one place a variable is declared. `alias` is an older name still
 * understood.
 */
export function Env(name: string, kind: EnvKind = 'text', alias?: string): PropertyDecorator {
  return (target, property) => {
    const list = VARIABLES.get(target.constructor) ?? [];
    list.push({ property: String(property), name, kind, ...(alias ? { alias } : {}) });
    VARIABLES.set(target.constructor, list);
  };
}

/** The environment variables a config class reads, in declaration order. */
export function variablesOf(namespace: Function): readonly EnvVariable[] {
  return VARIABLES.get(namespace) ?? [];
}

export type Environment = Record<string, string | undefined>;

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable} ${p.message}`).join('\n') +
        '\nSee .env.example for what each variable means.',
    );
    this.name = 'ConfigError';
  }
}

const asInt = (raw: string): number | string => (/^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);

/** The raw text of a variable (or of its older name), unset when empty. */
export function rawValue(env: Environment, variable: Pick<EnvVariable, 'name' | 'alias'>): string | undefined {
  const raw = env[variable.name] || (variable.alias ? env[variable.alias] : undefined);
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Reads one config class from the environment and validates it. Returns the instance and the
 * problems found, each naming its variable; a problem never echoes a value that could be a secret.
 */
export function readNamespace<T extends object>(
  namespace: new () => T,
  env: Environment,
): { value: T; problems: ConfigProblem[] } {
  const variables = variablesOf(namespace);
  const plain: Record<string, unknown> = {};
  for (const variable of variables) {
    const raw = rawValue(env, variable);
    if (raw === undefined) continue;
    plain[variable.property] =
      variable.kind === 'list' ? raw.split(',').map(asInt) : variable.kind === 'int' ? asInt(raw) : raw.trim();
  }
  const value = plainToInstance(namespace, plain);
  const errors = validateSync(value, { forbidUnknownValues: true });
  const nameOf = (property: string): string => variables.find((v) => v.property === property)?.name ?? property;
  return { value, problems: errors.map((error) => describe(error, nameOf(error.property))) };
}

function describe(error: ValidationError, variable: string): ConfigProblem {
  const messages = Object.values(error.constraints ?? {}).map((m) =>
    m.startsWith(`${error.property} `) ? m.slice(error.property.length + 1) : m,
  );
  const message = messages[0] ?? 'is invalid';
  return { variable, message: error.value === undefined ? `is not set (it ${message})` : message };
}
