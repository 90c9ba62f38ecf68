import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConflictError, RuleViolationError } from './domain-error.js';
import { toProblem } from './problem-details.js';

describe('problem details', () => {
  it('says nothing but "internal error" about an unexpected failure', () => {
    const { problem, internal } = toProblem(
      new Error('relation "supplier" does not exist at Parser.parse (/app/node_modules/pg/lib/parser.js:1:1)'),
    );
    expect(internal).toBe(true);
    expect(problem).toEqual({
      type: 'urn:assure:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'internal error',
      code: 'INTERNAL',
    });
  });

  it('maps domain errors to their status, code and field paths', () => {
    expect(toProblem(new ConflictError('ASSESSMENT.ALREADY_SUBMITTED', 'Already submitted.')).problem).toMatchObject({
      status: 409,
      code: 'ASSESSMENT.ALREADY_SUBMITTED',
      type: 'urn:assure:problem:assessment.already-submitted',
      title: 'Conflict',
    });
    const rule = toProblem(
      new RuleViolationError('LINK.RULE', 'endDate before startDate', [
        { path: 'endDate', message: 'must not be before startDate' },
      ]),
    );
    expect(rule.problem).toMatchObject({
      status: 422,
      errors: [{ path: 'endDate', message: 'must not be before startDate' }],
    });
  });

  it('keeps the message of framework HTTP errors, and hides any 5xx', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      detail: 'Cannot GET /x',
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(toProblem(new BadRequestException('Validation failed (uuid is expected)')).problem).toMatchObject({
      status: 400,
      detail: 'Validation failed (uuid is expected)',
    });
    expect(
      toProblem({
        statusCode: 415,
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        message: 'Unsupported Media Type: text/xml',
      }).problem,
    ).toMatchObject({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers a transaction that lost every race (serialization failure, deadlock) with a 503 to send again, not a 500', () => {
    for (const code of ['40001', '40P01']) {
      const lost = toProblem({
        name: 'QueryFailedError',
        message: 'could not serialize access',
        driverError: { code, severity: 'ERROR' },
      });
      expect(lost).toMatchObject({
        internal: false,
        retryAfterSeconds: 1,
        problem: { status: 503, code: 'SERVICE.CONTENTION', title: 'Service unavailable' },
      });
    }
    expect(
      toProblem({ name: 'QueryFailedError', message: 'x', driverError: { code: '42P01', severity: 'ERROR' } }).problem
        .status,
    ).toBe(500);
  });
});
