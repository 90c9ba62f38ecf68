/**
 * An error the domain raises on purpose. It carries a stable code (`ASSESSMENT.ALREADY_SUBMITTED`),
 * the HTTP status it maps to and, where it concerns input, the paths of the fields at fault. The
 * global filter turns it into RFC 9457 problem details.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 404: also used for what exists but the caller may not see. */
export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 404);
  }
}

/** 409: the request conflicts with the current state (submitting twice, a stale write). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, errors: FieldProblem[] = []) {
    super(code, message, 409, errors);
  }
}

/** 422: a well-formed request that breaks a business rule. */
export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, errors: FieldProblem[] = []) {
    super(code, message, 422, errors);
  }
}

/** 400: input that is not valid, with a path for each field at fault. */
export class InvalidInputError extends DomainError {
  constructor(message: string, errors: FieldProblem[]) {
    super('REQUEST.INVALID', message, 400, errors);
  }
}
