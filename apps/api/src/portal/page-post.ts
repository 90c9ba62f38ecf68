import {
  AttestationBody,
  type EvidenceService,
  type PortalAccess,
  type PortalContext,
  type PortalView,
  type SaveAnswers,
  type SubmitAssessment,
} from '@app/assessments';
import { DomainError, validatedInput } from '@app/platform';
import { PortalPageActions } from './page-actions.js';
import { one, type Form, type PostedFile } from './page-form.js';
import type { PageProblem } from './plain-words.js';
import { formToAnswers, missingProblems, type PageOptions } from './questionnaire-page.js';

export type PostKind = 'save' | 'attach' | 'submit';

/** What the page post comes to: a redirect (all done) or the page again with what went wrong. */
export type PostResult =
  { redirect: string } | { status: number; view: PortalView; options: Omit<PageOptions, 'csrf'> };

/**
 * One post of the questionnaire page, whichever button was pressed. The page is one form, so every
 * post carries every answer: the changed ones are saved first (whatever can be saved is), any file
 * chosen is attached, then the button's own action runs (save, attach, remove a file, or submit).
 */
export class PagePost {
  private readonly actions: PortalPageActions;

  constructor(
    private readonly portal: PortalAccess,
    saving: SaveAnswers,
    private readonly submitting: SubmitAssessment,
    private readonly evidence: EvidenceService,
  ) {
    this.actions = new PortalPageActions(saving, evidence);
  }

  async handle(context: PortalContext, kind: PostKind, fields: Form, files: PostedFile[]): Promise<PostResult> {
    const before = await this.portal.view(context);
    const { answers, typed } = formToAnswers(fields, before);
    const saved = await this.actions.saveChanges(context, before, answers, typed);
    const attached = await this.actions.attachFiles(context, files);
    const intent = one(fields, 'intent');
    const problems: PageProblem[] = [...saved.problems, ...attached.problems];
    let status = Math.max(saved.status, attached.status);
    let removedFrom: string | null = null;
    const removeId = /^remove:([0-9a-f-]{36})$/.exec(intent)?.[1];
    if (removeId) {
      removedFrom =
        before.sections.flatMap((s) => s.questions).find((q) => q.files.some((f) => f.id === removeId))?.code ?? null;
      try {
        await this.evidence.remove(context, removeId);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'EVIDENCE.NOT_FOUND') throw error; // removed already (a second click)
      }
    }
    const attachTo = /^attach:([A-Z0-9-]+)$/.exec(intent)?.[1];
    if (attachTo && !files.some((f) => f.code === attachTo))
      problems.push({ code: attachTo, field: 'file', message: 'Choose a file to upload' });
    const attestation = {
      name: one(fields, 'name').trim(),
      jobTitle: one(fields, 'jobTitle').trim(),
      confirmed: one(fields, 'confirmed') === '1',
    };
    const kept = { typed: saved.refused, conflicts: saved.conflicts, attestation };

    if (kind === 'submit') {
      const view = await this.portal.view(context);
      // A question whose typed answer was refused is not also "missing": the refusal says what to fix.
      const said = (m: PageProblem) =>
        problems.some((p) => p.code === m.code && (m.field === 'file') === (p.field === 'file'));
      const all = [
        ...problems,
        ...missingProblems(view).filter((m) => !said(m)),
        ...(await attestationProblems(attestation)),
      ];
      if (all.length === 0) {
        try {
          await this.submitting.submit(context, attestation);
          return { redirect: '/portal/assessment/receipt' };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // Submitted already (a second click, another tab): the receipt says so.
          if (error.code === 'ASSESSMENT.ALREADY_SUBMITTED') return { redirect: '/portal/assessment/receipt' };
          // Another tab changed something meanwhile: show what is missing now.
          if (error.code !== 'ASSESSMENT.ANSWERS_MISSING') throw error;
          const now = await this.portal.view(context);
          return { status: 422, view: now, options: { ...kept, problems: missingProblems(now) } };
        }
      }
      return { status: status === 200 || status === 400 ? 422 : status, view, options: { ...kept, problems: all } };
    }
    if (problems.length) {
      status = status === 200 ? 400 : status;
      return { status, view: await this.portal.view(context), options: { ...kept, problems } };
    }
    const section = /^save:([a-z0-9-]+)$/.exec(intent)?.[1];
    if (removedFrom) return { redirect: `/portal/assessment?removed=${removedFrom}#notice` };
    if (attachTo || (kind === 'attach' && files.length))
      return { redirect: `/portal/assessment?attached=${attachTo ?? files[0].code}&files=${attached.attached}#notice` };
    return {
      redirect: `/portal/assessment?saved=${section ?? before.sections[0].key}&n=${saved.saved}${attached.attached ? `&files=${attached.attached}` : ''}#notice`,
    };
  }
}

type Attestation = { name: string; jobTitle: string; confirmed: boolean };

/** What the page says of an attestation field the JSON route's `AttestationBody` refuses: left empty, too short, or too long (by the class's own limit). */
const ATTESTATION_WORDS = {
  name: { empty: 'Enter your full name', short: 'Enter your full name, not only an initial', label: 'Your name' },
  jobTitle: { empty: 'Enter your job title', short: 'Enter your job title in full', label: 'Your job title' },
  confirmed: { empty: 'Confirm that the answers are accurate to the best of your knowledge', short: '', label: '' },
} as const;

/** The attestation checked with `AttestationBody` (the same rules as `POST /portal/assessment/submit`), one problem per field in the page's words. */
async function attestationProblems(attestation: Attestation): Promise<PageProblem[]> {
  let refused: { path: string; message: string }[];
  try {
    await validatedInput(AttestationBody, attestation);
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    refused = error.errors;
  }
  return (['name', 'jobTitle', 'confirmed'] as const).flatMap((field) => {
    const messages = refused.filter((p) => p.path === field).map((p) => p.message);
    if (!messages.length) return [];
    const words = ATTESTATION_WORDS[field];
    const value = attestation[field];
    const limit = messages.map((m) => /shorter than or equal to (\d+)/.exec(m)?.[1]).find(Boolean);
    const message = limit
      ? `${words.label} must be ${limit} characters or fewer`
      : typeof value === 'string' && value.length > 0
        ? words.short
        : words.empty;
    return [{ code: null, field, message }];
  });
}

/** The notice a redirect after a post asks for (`?saved=`, `?attached=`, `?removed=`), placed where the supplier acted. */
export function noticeOf(query: Record<string, string | undefined>): PageOptions['notice'] {
  const files = Number(query.files ?? 0);
  const filesText = files === 1 ? ' 1 file was attached.' : files > 1 ? ` ${files} files were attached.` : '';
  if (query.saved) {
    const n = Number(query.n ?? 0);
    const text =
      n === 0
        ? 'There were no changes to save: your answers are as you left them.'
        : `Your answers have been saved (${n} changed).`;
    return { near: query.saved, text: `${text}${filesText}` };
  }
  if (query.attached)
    return {
      near: query.attached,
      text: `Your file has been attached to ${query.attached}. Your answers have been saved too.`,
    };
  if (query.removed) return { near: query.removed, text: `The file has been removed from ${query.removed}.` };
  return null;
}
