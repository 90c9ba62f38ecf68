import { DomainError, validatedInput, type FieldProblem } from '@app/platform';
import { fieldText } from './words.js';

/** One form field as the `fields` partial draws it: label, hint, error, and an input, textarea, select or NHS.UK date input. */
export interface FieldSpec {
  name: string;
  label: string;
  value?: string | null;
  /** A select; `blank` adds an empty first choice (an optional field left unset). */
  options?: readonly (string | { value: string; label: string })[];
  blank?: string;
  textarea?: boolean;
  /** The NHS.UK date input: day, month and year boxes (`name-day`, `name-month`, `name-year`). */
  date?: boolean;
  type?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20;
  hint?: string;
  autocomplete?: string;
  /** How an error names the field when the label alone is ambiguous ("Contact 2 email"). */
  errorLabel?: string;
}

type Problem = { path: string; message: string };

/** A posted form as the body parser gives it: field name to text (or a list, for repeated names). */
export type Form = Record<string, unknown>;
/** A field's text as posted ('' when missing or not text). */
export const formText = (body: Form, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
/** A whole number as typed, with or without thousands separators ("12,000"); anything else is left for the validator to name. */
export const numberOrText = (value: string) =>
  /^(\d+|\d{1,3}(,\d{3})+)$/.test(value.trim())
    ? Number(value.trim().replace(/,/g, ''))
    : value.trim() === ''
      ? undefined
      : value;

/** The anchor of a field path (`contacts[0].email` -> `f-contacts-0-email`): the field's id, and the error summary's link. */
export const anchorOf = (path: string, prefix = 'f') =>
  `${prefix}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
const labelOf = (value: string) => value.replace(/_/g, ' ');

/** Words an enumeration value spells in lower case that a reader knows in capitals ("nhs_body" -> "NHS body"). */
const ACRONYMS: Record<string, string> = {
  nhs: 'NHS',
  dpo: 'DPO',
  sftp: 'SFTP',
  api: 'API',
  uk: 'UK',
  eea: 'EEA',
  mfa: 'MFA',
  vpn: 'VPN',
  dspt: 'DSPT',
  it: 'IT',
  s251: 'section 251',
};

/** A stored value as an option's label: "nhs_body" -> "NHS body", "s251_support" -> "Section 251 support". */
export const optionLabel = (value: string) =>
  capital(labelOf(value).replace(/\b[a-z0-9]+\b/g, (w) => ACRONYMS[w] ?? w));

/** The label inside a sentence: "Review date" -> "review date", but "ODS code" and "UK GDPR basis" stay as they are. */
const inSentence = (label: string) =>
  /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A problem in plain words that name the field by its label, as the NHS.UK error message pattern
 * asks ("Enter the review date", "Name must be 2 characters or more"), never a field path or the
 * validator's own text.
 */
export function plainMessage(label: string, message: string): string {
  const l = inSentence(label.replace(/\s*\([^)]*\)\s*$/, ''));
  const L = capital(l);
  const m = message.trim();
  let match: RegExpExecArray | null;
  const the = /^(the|a|an|your|this|its|whether) /i.test(l) || /^[A-Z]{2}/.test(l) ? l : `the ${l}`;
  if (/should not be empty|must be a string|^is required$/.test(m)) return `Enter ${the}`;
  if (/^is required (to|for) /.test(m)) return `Enter ${the} ${m.replace(/^is required /, '')}`;
  if (/^must be longer than or equal to 1 characters?$/.test(m)) return `Enter ${the}`;
  if ((match = /must be longer than or equal to (\d+) characters?/.exec(m)))
    return `${L} must be ${match[1]} characters or more`;
  if ((match = /must be shorter than or equal to (\d+) characters?/.exec(m)))
    return `${L} must be ${match[1]} characters or fewer`;
  if (/must be an email/.test(m)) return `Enter ${the} in the correct format, like name@example.nhs.uk`;
  if (/must be one of the following values|must be a valid enum value|must be a boolean|must be a UUID/.test(m))
    return `Select ${the}`;
  if (/needs the year as 4 digits/.test(m)) return `Enter the year of ${the} as 4 digits, like 2027`;
  if ((match = /^must not be before ([a-z]+[A-Z]\w*)$/.exec(m)))
    return `${L} must be on or after the ${fieldText(match[1])}`;
  if (/ISO 8601 date|must be a Date|YYYY-MM-DD|must be a real date/.test(m)) return `${L} must be a real date`;
  if (/must be an integer number|must be a number/.test(m)) return `${L} must be a number`;
  if ((match = /must not be less than (-?[\d.]+)/.exec(m))) return `${L} must be ${match[1]} or more`;
  if ((match = /must not be greater than (-?[\d.]+)/.exec(m))) return `${L} must be ${match[1]} or less`;
  if (/must be a URL address|must be an http\(s\) URL/.test(m))
    return `Enter ${the} as a web address, like https://www.example.com`;
  if (/must match .* regular expression/.test(m)) return `Enter ${the} in the correct format`;
  if ((match = /must contain at least (\d+) elements?/.exec(m))) return `Choose at least ${match[1]} for ${the}`;
  if (/is not a known field/.test(m)) return `${L} is not part of this form`;
  // Messages the services write are sentences already ("Choose ...", "Say why ..."); a lower-case remainder reads after the label.
  return /^[a-z]/.test(m) ? `${L} ${m.replace(/\.$/, '')}` : m.replace(/\.$/, '');
}

/** The validator's messages that say what kind of value a field takes (one of them is the problem worth naming first). */
const KIND_OF_VALUE =
  /should not be empty|must be a string|^is required$|must be a UUID|must be one of the following values|must be a valid enum value|must be a boolean|must be an? (integer )?number|must be an email|ISO 8601|must be a Date|must be a real date|must include a|needs the year as 4 digits|URL/;
/** The validator's own messages, which an empty field answers better with "Enter ..." (a service's sentence is kept). */
const VALIDATOR_MESSAGE =
  /should not be empty|must be a string|^is required$|must be a UUID|must be one of the following values|must be a valid enum value|must be an? (integer )?number|must be longer than|must not be (less|greater) than|must be an email|must be a URL address|must match .* regular expression/;

/**
 * One problem per field, in the order of the form, as the NHS.UK error summary asks: a field left
 * empty reads "Enter the ..." (or "Select the ..." for a choice) rather than its length or range
 * rules, and of several rules broken the one about the kind of value comes first.
 */
function onePerField(errors: Problem[], specs: FieldSpec[] | Record<string, string>): Problem[] {
  const list = Array.isArray(specs) ? specs : [];
  const specOf = (path: string) => list.find((s) => s.name === path);
  const byPath = new Map<string, Problem[]>();
  for (const e of errors) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  const chosen = [...byPath.values()].map((problems) => {
    const spec = specOf(problems[0].path);
    const empty = spec && !spec.date && (spec.value ?? '').trim() === '';
    if (empty && problems.every((p) => VALIDATOR_MESSAGE.test(p.message)))
      return { path: problems[0].path, message: spec.options ? 'must be a valid enum value' : 'should not be empty' };
    return problems.find((p) => KIND_OF_VALUE.test(p.message)) ?? problems[0];
  });
  const order = (path: string) => {
    const i = list.findIndex((s) => s.name === path || path.startsWith(`${s.name}[`) || path.startsWith(`${s.name}.`));
    return i < 0 ? list.length : i;
  };
  return chosen
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order(a.p.path) - order(b.p.path) || a.i - b.i)
    .map(({ p }) => p);
}

const labelsOf = (specs: FieldSpec[] | Record<string, string>): Record<string, string> =>
  Array.isArray(specs) ? Object.fromEntries(specs.map((s) => [s.name, s.errorLabel ?? s.label])) : specs;

/** The id an error links to: a date input's day box, any other field itself. */
const targetOf = (path: string, specs: FieldSpec[] | Record<string, string>, prefix: string) =>
  Array.isArray(specs) && specs.some((s) => s.name === path && s.date)
    ? `${anchorOf(path, prefix)}-day`
    : anchorOf(path || 'form', prefix);

/** The error summary: every problem at once, in plain words, each linking to its field. */
export function summaryOf(errors: Problem[], specs: FieldSpec[] | Record<string, string> = {}, prefix = 'f') {
  const labels = labelsOf(specs);
  return onePerField(errors, specs).map((e) => ({
    path: e.path,
    anchor: targetOf(e.path, specs, prefix),
    text: plainMessage(
      labels[e.path] ??
        labels[e.path.replace(/\[\d+\].*$/, '')] ??
        capital(labelOf(e.path.replace(/\[\d+\]/g, ' ').replace(/\./g, ' ')) || 'this form'),
      e.message,
    ),
  }));
}

/** The fields as the `fields` partial draws them, with each one's error in plain words. */
export function formFields(specs: FieldSpec[], errors: Problem[] = [], prefix = 'f') {
  return specs.map((spec) => {
    const id = anchorOf(spec.name, prefix);
    const error = onePerField(
      errors.filter((e) => e.path === spec.name),
      [spec],
    )
      .map((e) => plainMessage(spec.errorLabel ?? spec.label, e.message))
      .join('. ');
    const value = spec.value ?? '';
    const options = spec.options
      ? [
          ...(spec.blank !== undefined ? [{ value: '', label: spec.blank }] : []),
          ...spec.options.map((o) => (typeof o === 'string' ? { value: o, label: optionLabel(o) } : o)),
        ].map((o) => ({ ...o, selected: o.value === value }))
      : null;
    const date = spec.date ? dateParts(value) : null;
    return {
      id,
      name: spec.name,
      label: spec.label,
      value,
      options,
      textarea: spec.textarea ?? false,
      type: spec.type ?? 'text',
      width: spec.width ?? null,
      hint: spec.date ? (spec.hint ?? 'For example, 27 3 2027') : (spec.hint ?? null),
      autocomplete: spec.autocomplete ?? null,
      error: error || null,
      date: date
        ? {
            ...date,
            dayId: `${id}-day`,
            monthId: `${id}-month`,
            yearId: `${id}-year`,
            dayName: `${spec.name}-day`,
            monthName: `${spec.name}-month`,
            yearName: `${spec.name}-year`,
          }
        : null,
      describedBy: [spec.hint || spec.date ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' '),
    };
  });
}

/** A stored date (`2027-03-27`) or what was typed (`27/3/2027`) as the date input's three boxes. */
export function dateParts(value: string): { day: string; month: string; year: string } {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1] };
  const typed = /^(.*)\/(.*)\/(.*)$/.exec(value);
  return typed ? { day: typed[1], month: typed[2], year: typed[3] } : { day: '', month: '', year: '' };
}

/**
 * The date inputs of a form as `YYYY-MM-DD` (or undefined when left empty), with a problem for a
 * date that is incomplete or not real. A date typed wrongly keeps what was typed (`d/m/y`) so the
 * page shows it again.
 */
export function datesFrom(
  body: Record<string, unknown>,
  names: readonly string[],
): { values: Record<string, string | undefined>; problems: FieldProblem[] } {
  const values: Record<string, string | undefined> = {};
  const problems: FieldProblem[] = [];
  const part = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
  for (const name of names) {
    if (!(`${name}-day` in body) && typeof body[name] === 'string') {
      values[name] = part(name) || undefined; // a form (or a test) that posts the date whole
      continue;
    }
    const [day, month, year] = [part(`${name}-day`), part(`${name}-month`), part(`${name}-year`)];
    if (!day && !month && !year) {
      values[name] = undefined;
      continue;
    }
    const missing = [
      ['day', day],
      ['month', month],
      ['year', year],
    ]
      .filter(([, v]) => !v)
      .map(([k]) => k);
    const d = Number(day),
      m = Number(month),
      y = Number(year);
    const real =
      /^\d{1,2}$/.test(day) &&
      /^\d{1,2}$/.test(month) &&
      /^\d{4}$/.test(year) &&
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    if (real) {
      values[name] = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    } else {
      values[name] = `${day}/${month}/${year}`;
      // "27 3 27": a year of fewer than 4 digits is not a wrong date but a short year; say how to write it.
      const shortYear = !missing.length && /^\d{1,3}$/.test(year);
      problems.push({
        path: name,
        message: missing.length
          ? `must include a ${missing.join(' and a ')}`
          : shortYear
            ? 'needs the year as 4 digits'
            : 'must be a real date',
      });
    }
  }
  return { values, problems };
}

/**
 * A form checked with the API's input class, together with the problems the form itself found
 * (a date not real): every problem at once, one per field (the form's own first).
 */
export async function validatedForm<T extends object>(
  type: new () => T,
  values: unknown,
  problems: FieldProblem[] = [],
): Promise<T> {
  let found: FieldProblem[] = [];
  let result: T | undefined;
  try {
    result = await validatedInput(type, values);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    found = error.errors;
  }
  const own = new Set(problems.map((p) => p.path));
  const all = [...problems, ...found.filter((p) => !own.has(p.path))];
  if (all.length || !result) throw new DomainError('CONSOLE.INVALID', 'Check the form.', 422, all);
  return result;
}

/**
 * A form checked with the API's input class (the same rules as its JSON route), its problems in the
 * form's own words: one per field, `words[field]` = [label, what to say] for a rule of the class the
 * field breaks; a too-long text or too precise a number is said in plain words from the class's own
 * message, and the form's own `problems` (a date not real) keep theirs.
 */
export async function wordedForm<T extends object>(
  type: new () => T,
  values: object,
  words: Record<string, readonly [string, string]>,
  title = 'Check the form.',
  problems: FieldProblem[] = [],
): Promise<T> {
  try {
    return await validatedForm(type, values, problems);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'CONSOLE.INVALID') throw error;
    const own = new Set(problems);
    const byField = new Map<string, string>();
    for (const problem of error.errors) {
      const field = problem.path.split(/[.[]/)[0];
      if (byField.has(field)) continue;
      const [label, said] = words[field] ?? [field, problem.message];
      byField.set(
        field,
        own.has(problem)
          ? problem.message
          : /shorter than|decimal/.test(problem.message)
            ? plainMessage(label, problem.message)
            : said,
      );
    }
    throw new DomainError(
      'CONSOLE.INVALID',
      title,
      422,
      [...byField].map(([path, message]) => ({ path, message })),
    );
  }
}

/** Problems found by the form itself, thrown as one 422 (nothing stored). */
export function refuse(problems: FieldProblem[]): void {
  if (problems.length) throw new DomainError('CONSOLE.INVALID', 'Check the form.', 422, problems);
}
