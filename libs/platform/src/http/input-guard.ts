import type { FieldProblem } from '../errors/domain-error.js';
import { InvalidInputError } from '../errors/domain-error.js';

/**
 * Input classes every route shares, refused once at the edge rather than route by route:
 * text PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate), structures nested deeper
 * than any of our inputs, and whole numbers past the columns' range.
 */

/** No input of ours nests deeper than a handful of levels; 32 leaves room and stops recursion bombs. */
export const MAX_JSON_DEPTH = 32;
/** The largest value of an `integer` column (PostgreSQL int4). */
export const MAX_INT = 2_147_483_647;
/** The furthest page a list accepts (its offset still fits a bigint, and no register is this long). */
export const MAX_PAGE = 1_000_000;

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return null;
}

/**
 * Every string (keys included) in a parsed body, query or form that cannot be stored, with the path
 * of its field (`contacts[0].email`); also a structure nested deeper than MAX_JSON_DEPTH.
 */
export function findTextProblems(value: unknown, path = '', depth = 0, found: FieldProblem[] = []): FieldProblem[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) found.push({ path: path || 'body', message: problem });
    return found;
  }
  if (value === null || typeof value !== 'object') return found;
  if (depth > MAX_JSON_DEPTH) {
    found.push({ path: path || 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` });
    return found;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findTextProblems(item, `${path}[${index}]`, depth + 1, found));
    return found;
  }
  // Streams (a CSV body), buffers and files are checked by their own readers.
  if (Buffer.isBuffer(value) || value instanceof Date || typeof (value as { pipe?: unknown }).pipe === 'function')
    return found;
  for (const [key, item] of Object.entries(value)) {
    const child = path ? `${path}.${key}` : key;
    const keyProblem = textProblem(key);
    if (keyProblem) found.push({ path: child, message: `(field name) ${keyProblem}` });
    findTextProblems(item, child, depth + 1, found);
  }
  return found;
}

/** Throws a 400 naming every field whose text cannot be stored. */
export function assertStorableText(value: unknown, path = ''): void {
  const problems = findTextProblems(value, path);
  if (problems.length)
    throw new InvalidInputError(
      problems.length === 1 ? `${problems[0].path} ${problems[0].message}` : `${problems.length} fields are invalid`,
      problems,
    );
}

/**
 * How deep a JSON text nests, counted without parsing it (brackets outside strings), stopping as
 * soon as it passes `limit`: a 3,000-level body is refused before the parser or the validator recurse.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}
