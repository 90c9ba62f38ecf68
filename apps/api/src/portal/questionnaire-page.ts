import { isAnswerable, type AnswerInput, type PortalService } from '@app/assessments';
import type { FieldProblem } from '@app/platform';

type View = Awaited<ReturnType<PortalService['view']>>;
type ViewQuestion = View['sections'][number]['questions'][number];
type Form = Record<string, string | string[]>;

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];
const YES_NO_PARTIAL = [
  { value: 'yes', label: 'Yes' },
  { value: 'partial', label: 'Partly' },
  { value: 'no', label: 'No' },
];

export interface PageOptions {
  errors?: FieldProblem[];
  notice?: string | null;
  /** What the supplier typed in a refused save, shown back so nothing is lost. */
  typed?: Map<string, { value: unknown; notApplicable: boolean; comment: string | null }>;
  attestation?: { name: string; jobTitle: string };
}

/** Everything the questionnaire template reads, each field present (the template runs in strict mode). */
export function questionnairePage(view: View, options: PageOptions = {}) {
  const errorsByCode = new Map<string, string>();
  const summary: { anchor: string; message: string }[] = [];
  for (const problem of options.errors ?? []) {
    const code = /answers\.([A-Z0-9-]+)/.exec(problem.path)?.[1] ?? /^q\.([A-Z0-9-]+)/.exec(problem.path)?.[1];
    const question = code ? view.sections.flatMap((s) => s.questions).find((q) => q.code === code) : undefined;
    const message = question ? `${code}: ${problem.message.replace(/^is required: .*/, 'answer this question')}` : problem.message;
    if (code) errorsByCode.set(code, message);
    summary.push({ anchor: code ? `q-${code}` : problem.path.startsWith('attestation') ? 'attestation-name' : 'main-content', message: question ? message : `${problem.path ? `${problem.path} ` : ''}${problem.message}` });
  }
  const readOnly = !isAnswerable(view.assessment.status);
  return {
    assessment: view.assessment,
    progress: view.progress,
    readOnly,
    notice: options.notice ?? null,
    errors: summary,
    attestation: options.attestation ?? { name: '', jobTitle: '' },
    sections: view.sections.map((section) => ({
      key: section.key,
      title: section.title,
      questions: section.questions.map((q) => questionModel(q, view.assessment.returnedQuestions.includes(q.code), errorsByCode.get(q.code) ?? null, options.typed?.get(q.code))),
    })),
  };
}

function questionModel(q: ViewQuestion, returned: boolean, error: string | null, typed?: { value: unknown; notApplicable: boolean; comment: string | null }) {
  const answer = typed ?? (q.answer ? { value: q.answer.value, notApplicable: q.answer.notApplicable, comment: q.answer.comment } : null);
  const value = answer?.value;
  const options = q.type === 'yes_no' ? YES_NO : q.type === 'yes_no_partial' ? YES_NO_PARTIAL : (q.options ?? null);
  const selected = new Set(Array.isArray(value) ? value.map(String) : value === null || value === undefined ? [] : [String(value)]);
  return {
    code: q.code,
    text: q.text,
    help: q.help,
    required: q.required,
    visible: q.visible,
    // Hidden questions are rendered hidden and disabled (never posted); the page script shows them
    // as soon as the answer they depend on allows, and without JavaScript they appear after a save.
    showIf: q.showIf ? { question: q.showIf.question, values: q.showIf.values.join(' ') } : null,
    returned,
    error,
    allowNotApplicable: q.allowNotApplicable,
    notApplicable: answer?.notApplicable ?? false,
    comment: answer?.comment ?? '',
    version: q.answer?.version ?? 0,
    group: q.type === 'multi_choice' ? 'checkboxes' : 'radios',
    inputType: q.type === 'multi_choice' ? 'checkbox' : options ? 'radio' : q.type === 'number' ? 'number' : q.type === 'date' ? 'date' : 'text',
    isText: q.type === 'text',
    choices: options ? options.map((o) => ({ value: o.value, label: o.label, checked: selected.has(o.value) })) : null,
    current: options ? '' : value === null || value === undefined ? '' : String(value),
  };
}

/** A section's form fields (`q.<code>.value|na|comment|version`) as answers to save. */
export function formToAnswers(form: Form, view: View): AnswerInput[] {
  const questions = new Map(view.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
  const answers: AnswerInput[] = [];
  for (const [field, raw] of Object.entries(form)) {
    const match = /^q\.([A-Z0-9-]+)\.version$/.exec(field);
    if (!match) continue;
    const code = match[1];
    const question = questions.get(code);
    const one = (name: string) => {
      const v = form[`q.${code}.${name}`];
      return Array.isArray(v) ? v[0] : v;
    };
    const rawValue = form[`q.${code}.value`];
    let value: unknown;
    if (question?.type === 'multi_choice') value = rawValue === undefined ? null : Array.isArray(rawValue) ? rawValue : [rawValue];
    else {
      const text = Array.isArray(rawValue) ? rawValue[0] : rawValue;
      value = text === undefined || text.trim() === '' ? null : question?.type === 'number' ? Number(text) : text;
    }
    const comment = one('comment')?.trim();
    const notApplicable = one('na') === '1';
    answers.push({ code, value: notApplicable ? null : value, notApplicable, comment: comment ? comment : null, version: Number(Array.isArray(raw) ? raw[0] : raw) });
  }
  return answers;
}
