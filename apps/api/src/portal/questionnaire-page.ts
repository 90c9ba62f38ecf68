import { createHash } from 'node:crypto';
import { answerText, choicesOf, type AnswerInput, type PortalView } from '@app/assessments';
import { longDate, missingAnswerMessage, summaryLine, type PageProblem } from './plain-words.js';

type ViewQuestion = PortalView['sections'][number]['questions'][number];
type Form = Record<string, string | string[]>;
export type Typed = { value: unknown; notApplicable: boolean; comment: string | null };

/**
 * A short digest of an answer as the page showed it. The form carries it back (`q.<code>.was`),
 * so a save sends only what the supplier changed: a question left alone is never written, and
 * so never refused as stale because someone else saved it in another tab.
 */
export function fingerprint(answer: Typed | null): string {
  const value = answer?.value ?? null;
  const normal = answer?.notApplicable
    ? ['na']
    : [Array.isArray(value) ? [...value].map(String).sort() : value, answer?.comment?.trim() || null];
  return createHash('sha256').update(JSON.stringify(normal)).digest('hex').slice(0, 16);
}

export interface PageOptions {
  csrf: string;
  problems?: PageProblem[];
  /** A confirmation shown where the supplier acted (`#notice`), for example after a save. */
  notice?: { near: string; text: string } | null;
  /** What the supplier typed and was not saved (refused or stale), shown back so nothing is lost. */
  typed?: Map<string, Typed>;
  /** Questions someone else saved meanwhile: the newer answer is shown, and what was typed beside it. */
  conflicts?: Map<string, Typed>;
  attestation?: { name: string; jobTitle: string; confirmed: boolean };
}

/** Where a problem's link in the error summary goes: the first input of its field. */
function anchorOf(problem: PageProblem, question: ViewQuestion | undefined): string {
  if (problem.field === 'name') return 'attestation-name';
  if (problem.field === 'jobTitle') return 'attestation-job';
  if (problem.field === 'confirmed') return 'attestation-confirmed';
  if (!question) return 'main-content';
  if (problem.field === 'file') return `q-${question.code}-file`;
  if (problem.field === 'comment') return `q-${question.code}-comment`;
  const choices = choicesOf(question);
  return choices ? `q-${question.code}-${choices[0].value}` : `q-${question.code}-value`;
}

/** The problems that stop a submission now, from the view (required answers and evidence files). */
export function missingProblems(view: PortalView): PageProblem[] {
  const questions = new Map(view.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
  return view.missing.map((m) => ({
    code: m.code,
    field: m.kind === 'evidence' ? ('file' as const) : ('value' as const),
    message: m.kind === 'evidence' ? 'Attach an evidence file' : missingAnswerMessage(questions.get(m.code)!),
  }));
}

/** Everything the questionnaire template reads, each field present (the template runs in strict mode). */
export function questionnairePage(view: PortalView, options: PageOptions) {
  const questions = view.sections.flatMap((s) => s.questions);
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const order = new Map(questions.map((q, i) => [q.code, i]));
  const attestationOrder = { name: 1, jobTitle: 2, confirmed: 3 } as Record<string, number>;
  // Every problem at once, in page order: the questions first, then the attestation.
  const problems = [...(options.problems ?? [])].sort(
    (a, b) =>
      (a.code ? (order.get(a.code) ?? 0) : questions.length + (attestationOrder[a.field] ?? 0)) -
      (b.code ? (order.get(b.code) ?? 0) : questions.length + (attestationOrder[b.field] ?? 0)),
  );
  const fieldErrors = new Map<string, string>();
  for (const p of problems) {
    const key = `${p.code ?? 'attestation'}.${p.field === 'comment' ? 'comment' : p.field === 'file' ? 'file' : p.code ? 'value' : p.field}`;
    if (!fieldErrors.has(key)) fieldErrors.set(key, p.message);
  }
  // The questions asked about, named and linked from the clarification callout (a long page otherwise hides them).
  const returned =
    view.assessment.status === 'returned'
      ? view.assessment.returnedQuestions
          .filter((code) => byCode.get(code)?.visible)
          .map((code) => ({ code, text: byCode.get(code)!.text }))
      : [];
  const attestation = options.attestation ?? { name: '', jobTitle: '', confirmed: false };
  // A notice about a question (a file attached or removed) goes beside that question's files; one about a section, at its top.
  const noticeQuestion = options.notice ? byCode.get(options.notice.near) : undefined;
  const questionOfNotice =
    noticeQuestion && noticeQuestion.visible && noticeQuestion.evidence !== 'none' ? noticeQuestion.code : null;
  const sectionOfNotice =
    options.notice && !questionOfNotice
      ? (view.sections.find((s) => s.key === options.notice!.near)?.key ?? null)
      : null;
  return {
    assessment: view.assessment,
    progress: view.progress,
    dueDate: longDate(view.assessment.dueDate),
    evidenceNeeded:
      view.progress.missingEvidence === 0
        ? ''
        : `; ${view.progress.missingEvidence} evidence ${view.progress.missingEvidence === 1 ? 'file' : 'files'} still needed`,
    csrf: options.csrf,
    hasEvidence: questions.some((q) => q.evidence !== 'none'),
    notice: options.notice && !sectionOfNotice && !questionOfNotice ? options.notice.text : null,
    note: view.assessment.questionnaire.note,
    returned,
    returnedMany: returned.length > 1,
    errors: problems.map((p) => ({
      anchor: anchorOf(p, p.code ? byCode.get(p.code) : undefined),
      message: summaryLine(p, p.code ? byCode.get(p.code) : undefined),
    })),
    attestation: {
      ...attestation,
      nameError: fieldErrors.get('attestation.name') ?? null,
      jobTitleError: fieldErrors.get('attestation.jobTitle') ?? null,
      confirmedError: fieldErrors.get('attestation.confirmed') ?? null,
    },
    sections: view.sections.map((section) => ({
      key: section.key,
      title: section.title,
      description: section.description,
      notice: sectionOfNotice === section.key ? options.notice!.text : null,
      questions: section.questions.map((q) =>
        questionModel(q, {
          returned: view.assessment.returnedQuestions.includes(q.code),
          error: fieldErrors.get(`${q.code}.value`) ?? null,
          commentError: fieldErrors.get(`${q.code}.comment`) ?? null,
          fileError: fieldErrors.get(`${q.code}.file`) ?? null,
          typed: options.typed?.get(q.code),
          conflict: options.conflicts?.get(q.code),
          evidenceMissing: view.missing.some((m) => m.kind === 'evidence' && m.code === q.code),
          notice: questionOfNotice === q.code ? options.notice!.text : null,
        }),
      ),
    })),
  };
}

interface QuestionState {
  returned: boolean;
  error: string | null;
  commentError: string | null;
  fileError: string | null;
  typed?: Typed;
  conflict?: Typed;
  evidenceMissing: boolean;
  notice: string | null;
}

function questionModel(q: ViewQuestion, state: QuestionState) {
  const stored: Typed | null = q.answer
    ? { value: q.answer.value, notApplicable: q.answer.notApplicable, comment: q.answer.comment }
    : null;
  const answer = state.typed ?? stored;
  const value = answer?.value;
  const options = choicesOf(q);
  const selected = new Set(
    Array.isArray(value) ? value.map(String) : value === null || value === undefined ? [] : [String(value)],
  );
  const describedBy = [
    `hint-${q.code}`,
    state.error ? `error-${q.code}` : null,
    state.conflict ? `conflict-${q.code}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    code: q.code,
    text: q.text,
    help: q.help,
    required: q.required,
    visible: q.visible,
    // Hidden questions are rendered hidden and disabled (never posted); the page script shows them
    // as soon as the answer they depend on allows, and without JavaScript they appear after a save.
    showIf: q.showIf ? { question: q.showIf.question, values: q.showIf.values.join(' ') } : null,
    returned: state.returned,
    error: state.error,
    commentError: state.commentError,
    describedBy,
    conflict: state.conflict
      ? answerText(q, state.conflict) + (state.conflict.comment ? ` (comment: ${state.conflict.comment})` : '')
      : null,
    allowNotApplicable: q.allowNotApplicable,
    notApplicable: answer?.notApplicable ?? false,
    comment: answer?.comment ?? '',
    version: q.answer?.version ?? 0,
    was: fingerprint(stored),
    group: q.type === 'multi_choice' ? 'checkboxes' : 'radios',
    inputType:
      q.type === 'multi_choice'
        ? 'checkbox'
        : options
          ? 'radio'
          : q.type === 'number'
            ? 'number'
            : q.type === 'date'
              ? 'date'
              : 'text',
    isText: q.type === 'text',
    choices: options ? options.map((o) => ({ value: o.value, label: o.label, checked: selected.has(o.value) })) : null,
    current: options ? '' : value === null || value === undefined ? '' : String(value),
    evidence:
      q.evidence === 'none'
        ? null
        : {
            notice: state.notice,
            required: q.evidence === 'required',
            missing: state.evidenceMissing,
            error: state.fileError,
            files: q.files.map((f) => ({ id: f.id, name: f.name, size: sizeText(f.size) })),
          },
  };
}

export function sizeText(bytes: number): string {
  return bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The answer a form carries for one question (`q.<code>.value|na|comment`). */
function typedOf(form: Form, question: ViewQuestion): Typed {
  const one = (name: string) => {
    const v = form[`q.${question.code}.${name}`];
    return Array.isArray(v) ? v[0] : v;
  };
  const rawValue = form[`q.${question.code}.value`];
  let value: unknown;
  if (question.type === 'multi_choice')
    value = rawValue === undefined ? null : Array.isArray(rawValue) ? rawValue : [rawValue];
  else {
    const text = Array.isArray(rawValue) ? rawValue[0] : rawValue;
    value =
      text === undefined || text.trim() === ''
        ? null
        : question.type === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(text)
          ? Number(text)
          : text;
  }
  const comment = one('comment')?.trim();
  const notApplicable = question.allowNotApplicable && one('na') === '1';
  return { value: notApplicable ? null : value, notApplicable, comment: comment ? comment : null };
}

/**
 * The answers a posted form changes: every question whose fields were posted and differ from what
 * the page showed (its `was` digest; a form without one counts as changed). Hidden questions are
 * disabled on the page, so never posted.
 */
export function formToAnswers(form: Form, view: PortalView): { answers: AnswerInput[]; typed: Map<string, Typed> } {
  const answers: AnswerInput[] = [];
  const typed = new Map<string, Typed>();
  for (const question of view.sections.flatMap((s) => s.questions)) {
    const rawVersion = form[`q.${question.code}.version`];
    if (rawVersion === undefined) continue;
    const answer = typedOf(form, question);
    const was = form[`q.${question.code}.was`];
    if (typeof was === 'string' && was === fingerprint(answer)) continue;
    typed.set(question.code, answer);
    answers.push({
      code: question.code,
      ...answer,
      version: Number(Array.isArray(rawVersion) ? rawVersion[0] : rawVersion),
    });
  }
  return { answers, typed };
}
