import { CertificationsService } from '@app/certifications';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AdjustAnswer,
  AdjustmentBody,
  AssessmentQueries,
  CompleteAssessment,
  EvidenceService,
  ReturnBody,
  ReturnForClarification,
} from '@app/assessments';
import { ALL_ROLES, Roles, type AuthenticatedRequest, type User } from '@app/identity';
import { DomainError } from '@app/platform';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { SuppliersService } from '@app/suppliers';
import { wordedForm } from './forms.js';
import { ConsoleErrors, redirect, sendPage } from './pages.js';
import { reviewView } from './review.view.js';

type Form = Record<string, string | string[] | undefined>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** What each review form says of a field the API's input class refuses, with the label for any other refusal. */
const ADJUSTMENT_WORDS: Record<string, readonly [string, string]> = {
  questionCode: ['Question', 'Select the question to adjust'],
  score: ['Score', 'Enter the score it counts for, from 0 to 1'],
  reason: ['Reason', 'Say why, in at least 10 characters'],
};
const RETURN_WORDS: Record<string, readonly [string, string]> = {
  questionCodes: ['Question codes', 'Enter the codes of the questions to clarify'],
  message: ['Message', 'Write your question to the supplier'],
};

/** The review of a submitted questionnaire: answers and evidence, then adjust, return or complete (the same use-cases as the API). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/assessments')
export class ConsoleReviewsController {
  constructor(
    private readonly assessments: AssessmentQueries,
    private readonly adjusting: AdjustAnswer,
    private readonly returning: ReturnForClarification,
    private readonly completing: CompleteAssessment,
    private readonly evidence: EvidenceService,
    private readonly catalogue: QuestionnaireCatalogue,
    private readonly suppliers: SuppliersService,
    private readonly certifications: CertificationsService,
  ) {}

  @Get(':id')
  @Roles(...ALL_ROLES)
  async assessment(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    sendPage(reply, request, 'assessment', 'Assessment review', await this.context(id, request.user!));
  }

  @Get(':id/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  async evidenceFile(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.evidence.download(id, evidenceId);
    void reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  /** Not supported by evidence: a counted score adjusted, with the reason. */
  @Post(':id/adjust')
  @Roles('procurement', 'governance')
  async adjust(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.act(id, request, reply, 'adjust', body, async () => {
      const score = text(body.score) === '' ? Number.NaN : Number(text(body.score));
      const input = await wordedForm(
        AdjustmentBody,
        { questionCode: text(body.questionCode), score, reason: text(body.reason) },
        ADJUSTMENT_WORDS,
        'Check the adjustment.',
      );
      await this.adjusting.adjust(id, input.questionCode, input.score, input.reason, request.user!);
    });
  }

  /** Back to the supplier with the questions to clarify and a message. */
  @Post(':id/return')
  @Roles('procurement')
  async returnForClarification(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.act(id, request, reply, 'return', body, async () => {
      const codes = ([] as string[])
        .concat(body.questionCodes ?? [])
        .flatMap((c) => c.split(/[\s,]+/))
        .filter(Boolean);
      const input = await wordedForm(
        ReturnBody,
        { questionCodes: codes, message: text(body.message) },
        RETURN_WORDS,
        'Check the request.',
      );
      try {
        await this.returning.returnForClarification(id, input.questionCodes, input.message);
      } catch (error) {
        // The service names each unknown code by its place in the list; the form names the codes themselves.
        if (!(error instanceof DomainError) || error.code !== 'ASSESSMENT.UNKNOWN_QUESTION') throw error;
        const unknown = error.errors.map((e) => codes[Number(/\[(\d+)\]/.exec(e.path)?.[1])]).filter(Boolean);
        const message =
          unknown.length === 1
            ? `${unknown[0]} is not a question of this questionnaire`
            : `${unknown.slice(0, -1).join(', ')} and ${unknown.at(-1)} are not questions of this questionnaire`;
        throw new DomainError('CONSOLE.INVALID', 'Check the request.', 422, [{ path: 'questionCodes', message }]);
      }
    });
  }

  /** The final score, its findings and the supplier's figures follow at once. */
  @Post(':id/complete')
  @Roles('procurement')
  async complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.act(id, request, reply, 'complete', {}, () => this.completing.complete(id));
  }

  /** Runs a review action; a refused one shows the page again with what to fix. */
  private async act(
    id: string,
    request: AuthenticatedRequest,
    reply: FastifyReply,
    form: 'adjust' | 'return' | 'complete',
    values: Form,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
      const problems = error.errors.length ? error.errors : [{ path: 'status', message: error.message }];
      sendPage(
        reply,
        request,
        'assessment',
        'Assessment review',
        await this.context(id, request.user!, { form, errors: problems, values }),
        true,
        error.status,
      );
      return;
    }
    redirect(reply, `/console/assessments/${id}`);
  }

  private async context(id: string, user: User, failed: Parameters<typeof reviewView>[2] = null) {
    const { assessment, answers } = await this.assessments.get(id);
    const version = await this.catalogue.get(assessment.questionnaireKey, assessment.questionnaireVersion);
    const evidence = await this.evidence.list(id);
    const supplier = await this.suppliers.get(assessment.supplierId);
    // Answers that claim a certification, against the certifications recorded (issue 21).
    const proven = await this.certifications.evidenceForAnswers(
      assessment.supplierId,
      answers.map((a) => ({ code: a.questionCode, value: a.value, notApplicable: a.notApplicable })),
    );
    return reviewView(
      { assessment, answers, version, evidence, supplier: { id: supplier.id, name: supplier.name }, proven },
      user,
      failed,
    );
  }
}
