import type { FieldProblem } from '@app/platform';
import {
  EVIDENCE_LEVELS,
  FRAMEWORKS,
  QUESTIONNAIRE_PURPOSES,
  QUESTION_TYPES,
  SCORED_TYPES,
  type ChoiceOption,
  type Framework,
  type Question,
  type QuestionnaireDefinition,
  type QuestionType,
  type Section,
} from './definition.js';
import { FRAMEWORK_VERSIONS, isKnownIdentifier } from './frameworks.js';

// Also the patterns the OpenAPI document gives (definition.input.ts).
export const KEY = /^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/;
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const CODE = /^[A-Z][A-Z0-9]{1,9}-[0-9]{2,3}$/;
/** An option's value: a slug that may also use underscores. */
export const OPTION_VALUE = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;
export const MAPPING_REF = /^[A-Za-z0-9][A-Za-z0-9 .:_-]{0,39}$/;

type Plain = Record<string, unknown>;

const isObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a questionnaire document against the format spec and returns every problem with its JSON
 * path, or the definition with its defaults filled in. Nothing partial: a document with any
 * problem yields no definition.
 */
export function validateDefinition(
  input: unknown,
): { definition: QuestionnaireDefinition; problems: [] } | { definition: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(input))
    return { definition: null, problems: [{ path: '', message: 'must be a JSON (or YAML) object' }] };

  unknownFields(input, ['key', 'version', 'title', 'description', 'purpose', 'sections'], '', fail);
  if (input.purpose !== undefined && !QUESTIONNAIRE_PURPOSES.includes(input.purpose as never))
    fail('purpose', `must be one of ${QUESTIONNAIRE_PURPOSES.join(', ')}`);
  if (typeof input.key !== 'string' || !KEY.test(input.key))
    fail('key', 'must be a lower-case slug of 3 to 64 letters, digits and hyphens');
  if (!Number.isInteger(input.version) || (input.version as number) < 1) fail('version', 'must be a positive integer');
  text(input.title, 'title', fail, { min: 3, max: 200 });
  if (input.description !== undefined) text(input.description, 'description', fail, { max: 2000 });

  const sections: Section[] = [];
  const seenCodes = new Map<string, Question>();
  const allCodes = new Set<string>(); // every code met so far, valid question or not
  const seenSections = new Set<string>();
  if (!Array.isArray(input.sections) || input.sections.length === 0) {
    fail('sections', 'must be a list of at least one section');
  } else {
    input.sections.forEach((rawSection, s) => {
      const path = `sections[${s}]`;
      if (!isObject(rawSection)) return void fail(path, 'must be an object');
      unknownFields(rawSection, ['key', 'title', 'description', 'questions'], path, fail);
      if (typeof rawSection.key !== 'string' || !SLUG.test(rawSection.key))
        fail(`${path}.key`, 'must be a lower-case slug');
      else if (seenSections.has(rawSection.key)) fail(`${path}.key`, `repeats section ${rawSection.key}`);
      else seenSections.add(rawSection.key);
      text(rawSection.title, `${path}.title`, fail, { min: 1, max: 200 });
      if (rawSection.description !== undefined)
        text(rawSection.description, `${path}.description`, fail, { max: 2000 });
      const questions: Question[] = [];
      if (!Array.isArray(rawSection.questions) || rawSection.questions.length === 0) {
        fail(`${path}.questions`, 'must be a list of at least one question');
      } else {
        rawSection.questions.forEach((rawQuestion, q) => {
          const question = validateQuestion(
            rawQuestion,
            `${path}.questions[${q}]`,
            seenCodes,
            allCodes,
            fail,
            input.purpose === 'incident',
          );
          if (question) {
            questions.push(question);
            seenCodes.set(question.code, question);
          }
        });
      }
      sections.push({
        key: rawSection.key as string,
        title: rawSection.title as string,
        ...(rawSection.description ? { description: rawSection.description as string } : {}),
        questions,
      });
    });
  }
  if (problems.length) return { definition: null, problems };
  return {
    definition: {
      key: input.key as string,
      version: input.version as number,
      title: input.title as string,
      ...(input.purpose ? { purpose: input.purpose as QuestionnaireDefinition['purpose'] } : {}),
      ...(input.description ? { description: input.description as string } : {}),
      sections,
    },
    problems: [],
  };
}

function validateQuestion(
  raw: unknown,
  path: string,
  earlier: Map<string, Question>,
  allCodes: Set<string>,
  fail: (path: string, message: string) => void,
  incident = false,
): Question | null {
  if (!isObject(raw)) {
    fail(path, 'must be an object');
    return null;
  }
  let found = 0;
  const failCounting = (p: string, m: string) => {
    found++;
    fail(p, m);
  };
  unknownFields(
    raw,
    [
      'code',
      'text',
      'help',
      'type',
      'options',
      'weight',
      'critical',
      'required',
      'allowNotApplicable',
      'evidence',
      'showIf',
      'mappings',
      'recommendation',
    ],
    path,
    failCounting,
  );
  const code = raw.code;
  if (typeof code !== 'string' || !CODE.test(code))
    failCounting(`${path}.code`, 'must look like ACC-01: 2 to 10 capitals and digits, a hyphen, 2 or 3 digits');
  else if (allCodes.has(code)) failCounting(`${path}.code`, `repeats question ${code}`);
  if (typeof code === 'string') allCodes.add(code);
  text(raw.text, `${path}.text`, failCounting, { min: 5, max: 1000 });
  if (raw.help !== undefined) text(raw.help, `${path}.help`, failCounting, { max: 2000 });
  if (raw.recommendation !== undefined) text(raw.recommendation, `${path}.recommendation`, failCounting, { max: 2000 });
  const type = raw.type as QuestionType;
  if (!QUESTION_TYPES.includes(type)) failCounting(`${path}.type`, `must be one of ${QUESTION_TYPES.join(', ')}`);
  const scored = SCORED_TYPES.includes(type);
  const choice = type === 'single_choice' || type === 'multi_choice';

  let options: ChoiceOption[] | undefined;
  if (choice) {
    if (!Array.isArray(raw.options) || raw.options.length < 2)
      failCounting(`${path}.options`, 'must list at least two options for a choice question');
    else options = validateOptions(raw.options, `${path}.options`, type, failCounting, incident);
  } else if (raw.options !== undefined) {
    failCounting(
      `${path}.options`,
      `are only allowed on single_choice and multi_choice questions, not ${String(raw.type)}`,
    );
  }
  if (
    raw.weight !== undefined &&
    (!Number.isInteger(raw.weight) || (raw.weight as number) < 0 || (raw.weight as number) > 10)
  )
    failCounting(`${path}.weight`, 'must be an integer from 0 to 10');
  if (raw.weight !== undefined && !scored && QUESTION_TYPES.includes(type))
    failCounting(`${path}.weight`, 'is only meaningful on scored questions (yes_no, yes_no_partial, single_choice)');
  for (const flag of ['critical', 'required', 'allowNotApplicable'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
      failCounting(`${path}.${flag}`, 'must be true or false');
  }
  if (raw.critical === true && !scored && QUESTION_TYPES.includes(type))
    failCounting(`${path}.critical`, 'is only allowed on scored questions');
  // An incident questionnaire collects facts for the incident: it is never scored (risk-model section 1).
  if (incident)
    for (const field of ['weight', 'critical', 'recommendation'] as const)
      if (raw[field] !== undefined)
        failCounting(`${path}.${field}`, 'is not allowed in an incident questionnaire: it is never scored');
  if (raw.evidence !== undefined && !EVIDENCE_LEVELS.includes(raw.evidence as never))
    failCounting(`${path}.evidence`, `must be one of ${EVIDENCE_LEVELS.join(', ')}`);

  let showIf: Question['showIf'];
  if (raw.showIf !== undefined) {
    const s = raw.showIf;
    if (!isObject(s)) failCounting(`${path}.showIf`, 'must be {question, equals} or {question, in: [...]}');
    else {
      unknownFields(s, ['question', 'equals', 'in'], `${path}.showIf`, failCounting);
      const target =
        typeof s.question === 'string'
          ? (earlier.get(s.question) ?? (allCodes.has(s.question) && s.question !== code))
          : undefined;
      if (s.question === code) failCounting(`${path}.showIf.question`, 'cannot refer to the question itself');
      else if (!target) failCounting(`${path}.showIf.question`, 'must name a question that comes earlier');
      const hasEquals = s.equals !== undefined;
      const hasIn = s.in !== undefined;
      if (hasEquals === hasIn) failCounting(`${path}.showIf`, 'must have exactly one of equals or in');
      if (hasEquals && typeof s.equals !== 'string') failCounting(`${path}.showIf.equals`, 'must be a string');
      if (hasIn && (!Array.isArray(s.in) || s.in.length === 0 || s.in.some((v) => typeof v !== 'string')))
        failCounting(`${path}.showIf.in`, 'must be a non-empty list of strings');
      showIf = hasEquals
        ? { question: s.question as string, equals: s.equals as string }
        : { question: s.question as string, in: s.in as string[] };
    }
  }

  const mappings: Question['mappings'] = [];
  if (raw.mappings !== undefined) {
    if (!Array.isArray(raw.mappings)) failCounting(`${path}.mappings`, 'must be a list of {framework, ref}');
    else
      raw.mappings.forEach((m, i) => {
        const mp = `${path}.mappings[${i}]`;
        if (!isObject(m)) return void failCounting(mp, 'must be {framework, ref}');
        unknownFields(m, ['framework', 'ref'], mp, failCounting);
        if (typeof m.framework !== 'string' || !(m.framework in FRAMEWORKS))
          failCounting(`${mp}.framework`, `must be one of ${Object.keys(FRAMEWORKS).join(', ')}`);
        if (typeof m.ref !== 'string' || !MAPPING_REF.test(m.ref))
          failCounting(`${mp}.ref`, 'must be a control identifier such as B2.a or 5.19');
        else if (
          typeof m.framework === 'string' &&
          m.framework in FRAMEWORKS &&
          !isKnownIdentifier(m.framework as Framework, m.ref)
        ) {
          failCounting(
            `${mp}.ref`,
            `is not an identifier of ${m.framework} (${FRAMEWORK_VERSIONS[m.framework as Framework]})`,
          );
        }
        mappings.push({ framework: m.framework as never, ref: m.ref as string });
      });
  }
  if (found > 0) return null;
  return {
    code: code as string,
    text: raw.text as string,
    ...(raw.help ? { help: raw.help as string } : {}),
    type,
    ...(options ? { options } : {}),
    weight: scored && !incident ? ((raw.weight as number | undefined) ?? 1) : 0,
    critical: raw.critical === true,
    required: raw.required !== false,
    allowNotApplicable: raw.allowNotApplicable === true,
    evidence: (raw.evidence as Question['evidence'] | undefined) ?? 'none',
    ...(showIf ? { showIf } : {}),
    mappings,
    ...(raw.recommendation ? { recommendation: raw.recommendation as string } : {}),
  };
}

function validateOptions(
  raw: unknown[],
  path: string,
  type: QuestionType,
  fail: (path: string, message: string) => void,
  incident: boolean,
): ChoiceOption[] {
  const values = new Set<string>();
  return raw.map((o, i) => {
    const op = `${path}[${i}]`;
    if (!isObject(o)) {
      fail(op, 'must be {value, label}');
      return { value: '', label: '' };
    }
    unknownFields(o, ['value', 'label', 'score'], op, fail);
    if (typeof o.value !== 'string' || !OPTION_VALUE.test(o.value))
      fail(`${op}.value`, 'must be a short lower-case value');
    else if (values.has(o.value)) fail(`${op}.value`, `repeats option ${o.value}`);
    else values.add(o.value);
    text(o.label, `${op}.label`, fail, { min: 1, max: 300 });
    if (type === 'single_choice' && !incident) {
      if (typeof o.score !== 'number' || o.score < 0 || o.score > 1)
        fail(`${op}.score`, 'must be a number from 0 to 1');
    } else if (o.score !== undefined) {
      fail(
        `${op}.score`,
        incident
          ? 'is not allowed in an incident questionnaire: it is never scored'
          : 'is only allowed on single_choice options',
      );
    }
    return {
      value: o.value as string,
      label: o.label as string,
      ...(type === 'single_choice' && !incident ? { score: o.score as number } : {}),
    };
  });
}

function unknownFields(
  object: Plain,
  known: string[],
  path: string,
  fail: (path: string, message: string) => void,
): void {
  for (const field of Object.keys(object)) {
    if (!known.includes(field)) fail(path ? `${path}.${field}` : field, 'is not a known field');
  }
}

function text(
  value: unknown,
  path: string,
  fail: (path: string, message: string) => void,
  { min = 0, max }: { min?: number; max: number },
): void {
  if (typeof value !== 'string' || value.trim().length < min)
    fail(path, min > 0 ? `must be text of at least ${min} characters` : 'must be text');
  else if (value.length > max) fail(path, `must be at most ${max} characters`);
}
