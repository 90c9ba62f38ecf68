import fc from 'fast-check';
import { toProblem } from '../errors/problem-details.js';
import { findTextProblems, jsonDepthExceeds } from './input-guard.js';

describe('the edge rules', () => {
  it('names every field whose text PostgreSQL cannot store, keys included', () => {
    expect(
      findTextProblems({ name: 'ok', contacts: [{ name: 'a\u0000' }], ['\ud800']: 1, note: 'fine \ud83d\ude00' }),
    ).toEqual([
      { path: 'contacts[0].name', message: 'must not contain a NUL character (\\u0000)' },
      { path: '\ud800', message: '(field name) must be valid Unicode text (it holds a lone surrogate)' },
    ]);
  });

  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (depth) => {
        expect(jsonDepthExceeds('['.repeat(depth) + ']'.repeat(depth), 32)).toBe(depth > 32);
      }),
    );
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\\' }), 32)).toBe(false);
  });

  it('maps what PostgreSQL refuses because of the input to 409 (with the field), 422 or 400', () => {
    const unique = {
      name: 'QueryFailedError',
      driverError: { code: '23505', detail: 'Key (companies_house_number)=(01234567) already exists.' },
      code: '23505',
    };
    expect(toProblem(unique).problem).toMatchObject({ status: 409, errors: [{ path: 'companiesHouseNumber' }] });
    expect(toProblem({ driverError: { code: '22003' } }).problem).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
    });
    expect(
      toProblem({ driverError: { code: '23503', detail: 'Key (owner_id)=(x) is not present in table "app_user".' } })
        .problem,
    ).toMatchObject({ status: 422, errors: [{ path: 'ownerId' }] });
    expect(toProblem({ driverError: { code: '57014' } }).internal).toBe(true);
    expect(toProblem(new Error('Unexpected end of form')).problem).toMatchObject({ status: 400 });
  });
});
