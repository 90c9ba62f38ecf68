import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiExcludeEndpoint,
  ApiExtraModels,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblems } from '../openapi/decorators.js';
import { AttachedEvidenceView, SaveAnswersView, SubmittedView } from './portal.view.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AnswersBody,
  EvidenceService,
  isAnswerable,
  PortalAccess,
  PortalLandingView,
  PortalQuestionnaireView,
  SaveAnswers,
  SubmitAssessment,
  SubmitBody,
  receiptReference,
  SESSION_ABSOLUTE_HOURS,
  type PortalContext,
} from '@app/assessments';
import { Public } from '@app/identity';
import { DomainError, HttpConfig, OrganisationConfig, RateLimit, validatedInput } from '@app/platform';
import { csrfMatches } from './csrf.js';
import { landingPage, type Organisation } from './landing-page.js';
import { tokenIn } from './portal-fallback.controller.js';
import { readPageForm, typedTexts } from './page-form.js';
import { noticeOf, PagePost, type PostKind } from './page-post.js';
import { PortalPages } from './pages.js';
import {
  bearerOf,
  COOKIE,
  csrfRefused,
  isPagePost,
  noReferrer,
  PortalSessions,
  tokenKey,
  wantsJson,
} from './portal-sessions.js';
import { questionnairePage, type PageOptions } from './questionnaire-page.js';
import { receiptPage } from './receipt-page.js';

/**
 * The supplier's front door, reached through the emailed link: no account, one assessment per link.
 * JSON routes also take `Authorization: Bearer <invitation token>` for suppliers answering by script.
 */
@ApiTags('supplier')
@Controller('portal')
@Public()
export class PortalController {
  private readonly pages: PortalPages;
  private readonly post: PagePost;
  private readonly org: Organisation;

  constructor(
    private readonly portal: PortalAccess,
    private readonly saving: SaveAnswers,
    private readonly submitting: SubmitAssessment,
    private readonly evidence: EvidenceService,
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly sessions: PortalSessions,
  ) {
    this.org = { name: organisation.name, contactEmail: organisation.contactEmail };
    this.pages = new PortalPages(this.org);
    this.post = new PagePost(portal, saving, submitting, evidence);
  }

  /** Landing page: who asks whom for what, by when, in every state a link can be in. Changes nothing (mail scanners open links). */
  @Get('i/:token')
  @RateLimit(
    { name: 'portal-ip', limit: 60, windowSeconds: 60 },
    { name: 'portal-token', limit: 30, windowSeconds: 60, key: tokenKey },
  )
  @ApiExtraModels(PortalLandingView)
  @ApiOkResponse({
    description: 'The landing page (HTML), or with `Accept: application/json` who asks whom for what, by when.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PortalLandingView) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiResponse({
    status: 303,
    description:
      'The token with a trailing full stop, bracket or quote an email program took in: on to the link itself.',
    headers: { location: { schema: { type: 'string' } } },
  })
  @ApiProblems(404, 410)
  async landing(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    const trimmed = tokenIn(token);
    if (trimmed) return void reply.redirect(`/portal/i/${trimmed}`, 303);
    if (wantsJson(request)) {
      const context = await this.portal.resolveToken(token);
      const landing: PortalLandingView = { ...(await this.portal.landing(token)), status: context.assessment.status };
      return void reply.send(landing);
    }
    return void this.landingPage(reply, token);
  }

  /** Opens a session bound to this one assessment and goes to the questionnaire. */
  @Post('i/:token/start')
  @RateLimit(
    { name: 'portal-ip', limit: 60, windowSeconds: 60 },
    { name: 'portal-token', limit: 30, windowSeconds: 60, key: tokenKey },
  )
  @ApiResponse({
    status: 200,
    description:
      "A browser's Start on a link that expired after its questionnaire was submitted or completed: the landing page, saying so (for other closed links the page comes with 404 or 410).",
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 303,
    description: 'The session cookie is set; on to /portal/assessment.',
    headers: {
      'set-cookie': { description: 'assure_portal: HttpOnly, SameSite=Lax', schema: { type: 'string' } },
      location: { schema: { type: 'string' } },
    },
  })
  @ApiProblems(404, 410)
  async start(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    try {
      const session = await this.portal.startSession(await this.portal.resolveToken(token));
      const secure = this.http.baseUrl.startsWith('https:') ? '; Secure' : '';
      void reply.header(
        'set-cookie',
        `${COOKIE}=${session}; Path=/portal; HttpOnly; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_HOURS * 3600}${secure}`,
      );
      return void reply.redirect('/portal/assessment', 303);
    } catch (error) {
      if (wantsJson(request) || !(error instanceof DomainError) || error.status === 429) throw error;
      return void this.landingPage(reply, token); // the landing page says why, in the link's own state
    }
  }

  /** The questionnaire: sections, saved answers, progress, due date (HTML, or JSON for scripts). */
  @Get('assessment')
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiExtraModels(PortalQuestionnaireView)
  @ApiOkResponse({
    description:
      'The questionnaire page (HTML), or with `Accept: application/json` the assessment and its sections with questions and saved answers.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PortalQuestionnaireView) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async view(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    const json = wantsJson(request);
    try {
      const { context, csrf } = await this.sessions.session(request);
      const view = await this.portal.view(context);
      if (json) return void reply.send(view satisfies PortalQuestionnaireView);
      if (!isAnswerable(view.assessment.status)) return void reply.redirect('/portal/assessment/receipt', 303);
      return void this.questionnaire(reply, 200, view, {
        csrf,
        notice: noticeOf(request.query as Record<string, string>),
      });
    } catch (error) {
      if (json) throw error;
      return void this.errorPage(reply, error);
    }
  }

  /** After submitting: the receipt, with a printable copy of the answers. */
  @Get('assessment/receipt')
  @ApiExcludeEndpoint()
  async receipt(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    try {
      const { context } = await this.sessions.session(request);
      const view = await this.portal.view(context);
      if (isAnswerable(view.assessment.status)) return void reply.redirect('/portal/assessment', 303);
      void reply
        .type('text/html; charset=utf-8')
        .send(
          this.pages.render(
            'receipt',
            `Submitted: ${view.assessment.questionnaire.title}`,
            receiptPage(view, this.org),
            false,
          ),
        );
    } catch (error) {
      return void this.errorPage(reply, error);
    }
  }

  /**
   * Saves answers (JSON, or the questionnaire page's form). A stale version is refused with the
   * current answers (409 JSON; the page saves the rest and shows the newer value beside what was typed).
   */
  @Post('assessment/answers')
  @HttpCode(200)
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiBody({ type: AnswersBody })
  @ApiOkResponse({ type: SaveAnswersView, description: 'The saved answers and their new versions.' })
  @ApiResponse({ status: 303, description: 'A form post saved: back to the section.' })
  @ApiProblems(403, 409, 422)
  async save(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    if (isPagePost(request)) return void this.pagePost(request, reply, 'save');
    const input = await validatedInput(AnswersBody, body);
    const bearer = bearerOf(request);
    return void reply.send(
      bearer
        ? await this.saving.saveAnswersByToken(bearer, input.answers)
        : await this.saving.saveAnswers(await this.sessions.scriptContext(request), input.answers),
    );
  }

  /** Submits with an attestation; 409 if already submitted, 422 listing what is missing. */
  @Post('assessment/submit')
  @HttpCode(200)
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiBody({ type: SubmitBody })
  @ApiOkResponse({ type: SubmittedView, description: 'Submitted.' })
  @ApiResponse({ status: 303, description: 'A form post submitted: on to the receipt.' })
  @ApiProblems(403, 409, 422)
  async submit(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    if (isPagePost(request)) return void this.pagePost(request, reply, 'submit');
    const input = await validatedInput(SubmitBody, body);
    const assessment = await this.submitting.submit(await this.sessions.scriptContext(request), input.attestation);
    return void reply.send({
      id: assessment.id,
      status: assessment.status,
      submittedAt: assessment.submittedAt?.toISOString(),
      reference: receiptReference(assessment.id),
    });
  }

  /** Attaches a file to an answer: multipart fields `question` (code) then `file`; type checked by content. The page's own form posts here too. */
  @Post('assessment/evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['question', 'file'],
      properties: {
        question: { type: 'string', description: 'The question code (before the file).' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiResponse({ status: 201, type: AttachedEvidenceView, description: 'The stored file.' })
  @ApiProblems(400, 403, 413, 415, 422)
  async attach(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (isPagePost(request)) return void this.pagePost(request, reply, 'attach');
    const context = await this.sessions.scriptContext(request);
    if (!request.isMultipart())
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.', 415);
    const file = await request.file();
    if (!file)
      throw new DomainError('REQUEST.INVALID', 'No file was sent.', 400, [{ path: 'file', message: 'is required' }]);
    const content = await file.toBuffer();
    const questionField = file.fields.question as { value?: unknown } | undefined;
    const question = typeof questionField?.value === 'string' ? questionField.value : '';
    if (!question)
      throw new DomainError('REQUEST.INVALID', 'Say which question the file is for, before the file.', 400, [
        { path: 'question', message: 'is required (send it before the file)' },
      ]);
    const stored = await this.evidence.attach(context, question, file.filename, content);
    return void reply.status(201).send({
      id: stored.id,
      question: stored.questionCode,
      fileName: stored.fileName,
      mediaType: stored.mediaType,
      size: stored.size,
      sha256: stored.sha256,
    });
  }

  /** A post of the questionnaire page: session, then its CSRF token, before anything changes. */
  private async pagePost(request: FastifyRequest, reply: FastifyReply, kind: PostKind): Promise<void> {
    noReferrer(reply);
    let session: { context: PortalContext; csrf: string };
    try {
      session = await this.sessions.session(request);
    } catch (error) {
      // The session ended while the supplier typed: what they wrote is shown back to copy.
      const typed = await readPageForm(request).then(
        ({ fields }) => typedTexts(fields),
        () => [],
      );
      return this.errorPage(reply, error, typed);
    }
    try {
      const { fields, files } = await readPageForm(request);
      if (!csrfMatches(session.csrf, fields._csrf)) return this.errorPage(reply, csrfRefused(), typedTexts(fields));
      const result = await this.post.handle(session.context, kind, fields, files);
      if ('redirect' in result) return void reply.redirect(result.redirect, 303);
      return this.questionnaire(reply, result.status, result.view, { ...result.options, csrf: session.csrf });
    } catch (error) {
      return this.errorPage(reply, error);
    }
  }

  private questionnaire(
    reply: FastifyReply,
    status: number,
    view: Awaited<ReturnType<PortalAccess['view']>>,
    options: PageOptions,
  ): void {
    const model = questionnairePage(view, options);
    void reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(this.pages.render('assessment', view.assessment.questionnaire.title, model, model.errors.length > 0));
  }

  private async landingPage(reply: FastifyReply, token: string): Promise<void> {
    const model = landingPage(await this.portal.landing(token), token, this.org);
    void reply
      .status(model.status)
      .type('text/html; charset=utf-8')
      .send(this.pages.render('landing', model.heading, model, false, true));
  }

  private errorPage(reply: FastifyReply, error: unknown, typed: { label: string; text: string }[] = []): void {
    if (!(error instanceof DomainError)) throw error;
    const heading =
      error.status === 401
        ? 'Open the link from your email'
        : error.status === 403
          ? 'This page has expired'
          : error.status === 410
            ? 'This link can no longer be used'
            : error.status === 429
              ? 'Too many attempts'
              : error.status === 404
                ? 'This link is not valid'
                : 'Something was not right with that request';
    const message =
      error.status === 401
        ? 'For your security, the questionnaire closes after 30 minutes without activity, or 8 hours after you started. Open the link from your email again to carry on: your saved answers are kept.'
        : error.message;
    void reply
      .status(error.status)
      .type('text/html; charset=utf-8')
      .send(
        this.pages.render(
          'error',
          heading,
          { heading, message, typed, back: error.status === 403 || error.status === 400 || error.status === 409 },
          false,
          true,
        ),
      );
  }
}
