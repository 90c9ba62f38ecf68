import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { InvalidInputError, type FieldProblem } from './domain-error.js';

/** Flattens class-validator's tree into one problem per field, with paths like `contacts[0].email`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ path, message: humanise(constraint, message, error.property) });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, path));
  }
  return problems;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function humanise(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return 'is not a known field';
  // class-validator starts most messages with the property name: the path already says it.
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** The ValidationPipe's exception factory: a 400 problem naming every invalid field. */
export function validationExceptionFactory(errors: ValidationError[]): InvalidInputError {
  const problems = flattenValidationErrors(errors);
  return new InvalidInputError(
    problems.length === 1 ? `${problems[0].path} ${problems[0].message}` : `${problems.length} fields are invalid`,
    problems,
  );
}

/**
 * A body (JSON or a form's fields) as an instance of an input class, checked with the same rules,
 * whitelist and problem shape as the global ValidationPipe: for routes that validate by hand.
 */
export async function validatedInput<T extends object>(type: new () => T, body: unknown): Promise<T> {
  // A body that is not an object at all (a number, a string, a list) has no fields to name.
  if (body !== null && body !== undefined && (typeof body !== 'object' || Array.isArray(body))) {
    throw new InvalidInputError('The request body must be a JSON object.', [
      { path: '', message: 'must be a JSON object' },
    ]);
  }
  const instance = plainToInstance(type, body ?? {});
  const errors = await validate(instance as object, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationExceptionFactory(errors);
  return instance;
}
