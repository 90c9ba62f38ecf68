import type { PortalView } from '@app/assessments';
import type { FieldProblem } from '@app/platform';

type ViewQuestion = PortalView['sections'][number]['questions'][number];

/**
 * One problem on the supplier's page, in plain words: which question (or attestation field) and
 * what to do. Never an internal path: the page says "Choose an answer", not `answers[3].value`.
 */
export interface PageProblem {
  /** The question's code, or null for the attestation and the form as a whole. */
  code: string | null;
  field: 'value' | 'comment' | 'file' | 'name' | 'jobTitle' | 'confirmed' | 'form';
  message: string;
}

const CHOICE = new Set(['yes_no', 'yes_no_partial', 'single_choice']);

/** What to do when a required question has no answer, by the kind of answer it takes. */
export function missingAnswerMessage(question: Pick<ViewQuestion, 'type'>): string {
  if (CHOICE.has(question.type)) return 'Choose an answer';
  if (question.type === 'multi_choice') return 'Choose at least one option';
  if (question.type === 'number') return 'Enter a number';
  if (question.type === 'date') return 'Enter a date';
  return 'Enter your answer';
}

/** A refused answer (the save's own checks, `answers[i].<field>`) said for a person. */
export function answerProblem(question: ViewQuestion, problem: FieldProblem): PageProblem {
  const field = /\.(value|comment|notApplicable|version|code)$/.exec(problem.path)?.[1] ?? 'value';
  if (field === 'comment')
    return { code: question.code, field: 'comment', message: 'Keep your comment to 5,000 characters or fewer' };
  if (field === 'notApplicable')
    return {
      code: question.code,
      field: 'value',
      message: 'This question cannot be marked as not applicable: give an answer',
    };
  if (field === 'version' || field === 'code')
    return { code: question.code, field: 'value', message: 'Reload the page, then answer this question again' };
  const message = CHOICE.has(question.type)
    ? 'Choose one of the answers shown'
    : question.type === 'multi_choice'
      ? 'Choose one or more of the options shown'
      : question.type === 'number'
        ? 'Enter a number, like 12 or 3.5'
        : question.type === 'date'
          ? 'Enter a real date, like 2026-06-30'
          : 'Keep your answer to 10,000 characters or fewer';
  return { code: question.code, field: 'value', message };
}

/** A refused evidence file said for a person, from the error's code (type, size, empty). */
export function fileProblem(code: string, errorCode: string, fallback: string): PageProblem {
  const message =
    errorCode === 'REQUEST.TOO_LARGE'
      ? 'The file must be 10 MB or smaller'
      : errorCode === 'EVIDENCE.UNSUPPORTED_TYPE'
        ? 'The file must be a PDF, PNG, JPEG, Word (DOCX), Excel (XLSX), CSV or plain text file'
        : errorCode === 'EVIDENCE.EMPTY'
          ? 'The file is empty: choose the file again'
          : fallback;
  return { code, field: 'file', message };
}

/**
 * The line in the error summary: the question's code and text, then what to do
 * ("LGV-01 Is there a named person…? Choose an answer"); a long text is cut at a word.
 */
export function summaryLine(problem: PageProblem, question: Pick<ViewQuestion, 'code' | 'text'> | undefined): string {
  if (!question) return problem.message;
  let text = question.text.trim();
  if (text.length > 110) text = `${text.slice(0, 110).replace(/\s+\S*$/, '')}…`;
  const ended = /[?.!]$/.test(text);
  const what = ended ? problem.message : problem.message.charAt(0).toLowerCase() + problem.message.slice(1);
  return `${question.code} ${text}${ended ? ' ' : ': '}${what}`;
}

/** A date for people: "31 December 2099" (dates are calendar dates, no time zone). */
export function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
  );
}

/** An instant for people in UK time: "30 November 2026 at 14:05 (UK time)". */
export function longDateTime(iso: string): string {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Europe/London',
  }).format(at);
  return `${date} at ${time} (UK time)`;
}
