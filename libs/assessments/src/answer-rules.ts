import type { Question, QuestionnaireDefinition } from '@app/questionnaires';
import { isShown } from '@app/scoring';

export interface StoredAnswer {
  value: unknown;
  notApplicable: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a value does not fit the question's type, or null when it does. */
export function valueProblem(question: Question, value: unknown): string | null {
  switch (question.type) {
    case 'yes_no':
      return value === 'yes' || value === 'no' ? null : 'must be "yes" or "no"';
    case 'yes_no_partial':
      return value === 'yes' || value === 'no' || value === 'partial' ? null : 'must be "yes", "partial" or "no"';
    case 'single_choice':
      return question.options!.some((o) => o.value === value)
        ? null
        : `must be one of ${question.options!.map((o) => o.value).join(', ')}`;
    case 'multi_choice': {
      const allowed = new Set(question.options!.map((o) => o.value));
      return Array.isArray(value) &&
        value.length > 0 &&
        new Set(value).size === value.length &&
        value.every((v) => allowed.has(v as string))
        ? null
        : `must be a list of distinct values from ${[...allowed].join(', ')}`;
    }
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= 10_000
        ? null
        : 'must be text of 1 to 10,000 characters';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'date':
      return typeof value === 'string' &&
        DATE.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        ? null
        : 'must be a date as YYYY-MM-DD';
  }
}

/** Whether a question is shown, given the answers so far (the scoring rule: hidden counts as N/A). */
export const isVisible = isShown;

export function questionsOf(definition: QuestionnaireDefinition): Question[] {
  return definition.sections.flatMap((s) => s.questions);
}

/** The required, visible questions still without an answer (or an allowed N/A). */
export function missingAnswers(definition: QuestionnaireDefinition, answers: Map<string, StoredAnswer>): Question[] {
  const all = questionsOf(definition);
  const byCode = new Map(all.map((q) => [q.code, q]));
  return all.filter((q) => {
    if (!q.required || !isVisible(q, answers, byCode)) return false;
    const answer = answers.get(q.code);
    if (!answer) return true;
    if (answer.notApplicable) return !q.allowNotApplicable;
    return answer.value === null || answer.value === undefined;
  });
}

/** The choices a question offers, with the labels a person reads (yes/no types have fixed ones). */
type WithChoices = { type: Question['type']; options?: { value: string; label: string }[] | null };

export function choicesOf(question: WithChoices): { value: string; label: string }[] | null {
  if (question.type === 'yes_no')
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ];
  if (question.type === 'yes_no_partial')
    return [
      { value: 'yes', label: 'Yes' },
      { value: 'partial', label: 'Partly' },
      { value: 'no', label: 'No' },
    ];
  return question.options?.map(({ value, label }) => ({ value, label })) ?? null;
}

/**
 * An answer as words for people (pages, copies of answers, emails): an option's label, never its
 * value ("Cyber Essentials Plus", not `plus`); several choices joined; a date in words; "Not
 * applicable"; "Not answered".
 */
export function answerText(question: WithChoices, answer: StoredAnswer | null | undefined): string {
  if (!answer) return 'Not answered';
  if (answer.notApplicable) return 'Not applicable';
  const { value } = answer;
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return 'Not answered';
  if (question.type === 'date' && typeof value === 'string' && DATE.test(value)) {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  const choices = choicesOf(question);
  if (!choices) return String(value);
  const label = (v: unknown) => choices.find((c) => c.value === v)?.label ?? String(v);
  return Array.isArray(value) ? value.map(label).join('; ') : label(value);
}
