import type { AnswerInput, EvidenceService, PortalContext, PortalView, SaveAnswers } from '@app/assessments';
import { DomainError } from '@app/platform';
import type { PostedFile } from './page-form.js';
import { answerProblem, fileProblem, type PageProblem } from './plain-words.js';
import type { Typed } from './questionnaire-page.js';

export interface SaveOutcome {
  saved: number;
  problems: PageProblem[];
  /** Answers not saved because refused: shown back as typed. */
  refused: Map<string, Typed>;
  /** Answers not saved because someone saved a newer one: the newer is shown, this beside it. */
  conflicts: Map<string, Typed>;
  /** The HTTP status the page answers with when something was not saved. */
  status: number;
}

/**
 * What a post of the questionnaire page does, so that nothing typed is lost: every changed answer
 * that can be saved is saved; those refused (a wrong value) or stale (someone saved a newer one) are
 * set aside and shown back with the reason, instead of the whole post being refused.
 */
export class PortalPageActions {
  constructor(
    private readonly saving: SaveAnswers,
    private readonly evidence: EvidenceService,
  ) {}

  async saveChanges(
    context: PortalContext,
    view: PortalView,
    answers: AnswerInput[],
    typed: Map<string, Typed>,
  ): Promise<SaveOutcome> {
    const questions = new Map(view.sections.flatMap((s) => s.questions).map((q) => [q.code, q]));
    const outcome: SaveOutcome = { saved: 0, problems: [], refused: new Map(), conflicts: new Map(), status: 200 };
    let pending = answers;
    // At most three tries: each refusal sets aside the answers it names and saves the rest.
    for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
      try {
        await this.saving.saveAnswers(context, pending);
        outcome.saved += pending.length;
        return outcome;
      } catch (error) {
        if (!(error instanceof DomainError) || !['REQUEST.INVALID', 'ANSWER.STALE'].includes(error.code)) throw error;
        const stale = error.code === 'ANSWER.STALE';
        const named = new Set<string>();
        for (const problem of error.errors) {
          const index = /^answers\[(\d+)\]/.exec(problem.path)?.[1];
          const code =
            index !== undefined ? pending[Number(index)]?.code : /^answers\.([A-Z0-9-]+)/.exec(problem.path)?.[1];
          const question = code ? questions.get(code) : undefined;
          if (!code || !question || named.has(code)) continue;
          named.add(code);
          if (stale) {
            outcome.conflicts.set(code, typed.get(code)!);
            outcome.problems.push({
              code,
              field: 'value',
              message:
                'Someone else saved a newer answer after you opened this page: it is shown here, with what you typed. Check it and save again',
            });
          } else {
            outcome.refused.set(code, typed.get(code)!);
            outcome.problems.push(answerProblem(question, problem));
          }
        }
        outcome.status = stale ? 409 : Math.max(outcome.status, 400);
        if (named.size === 0) throw error;
        pending = pending.filter((a) => !named.has(a.code));
      }
    }
    return outcome;
  }

  /** Attaches each chosen file; a refused file is a problem on its question, the others still attach. */
  async attachFiles(
    context: PortalContext,
    files: PostedFile[],
  ): Promise<{ attached: number; problems: PageProblem[]; status: number }> {
    const result = { attached: 0, problems: [] as PageProblem[], status: 200 };
    for (const file of files) {
      if (file.tooMany) {
        result.problems.push({
          code: file.code,
          field: 'file',
          message: 'Attach at most 5 files at a time: choose this file again',
        });
        result.status = 413;
        continue;
      }
      if (file.tooLarge) {
        result.problems.push(fileProblem(file.code, 'REQUEST.TOO_LARGE', ''));
        result.status = 413;
        continue;
      }
      try {
        await this.evidence.attach(context, file.code, file.name, file.content);
        result.attached++;
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'ASSESSMENT.READ_ONLY') throw error;
        result.problems.push(fileProblem(file.code, error.code, 'This file could not be attached to this question'));
        result.status = error.status;
      }
    }
    return result;
  }
}
