import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiExcludeEndpoint, ApiExtraModels, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/decorators.js';
import { AttachedEvidenceView, SaveAnswersView, SubmittedView } from './portal.view.js';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EvidenceService, hashToken, PortalLandingView, PortalQuestionnaireView, PortalService, PortalUnauthenticatedError, SESSION_ABSOLUTE_HOURS, type PortalContext } from '@app/assessments';
import { Public } from '@app/identity';
import { AppConfig, DomainError, RateLimit, requestContext, SkipRateLimit, templatesDir, validatedInput } from '@app/platform';
import { formToAnswers, questionnairePage } from './questionnaire-page.js';
import { PortalPages } from './pages.js';

const COOKIE = 'assure_portal';

export class AnswerBody {
  @IsString() @MaxLength(20) code: string;
  @IsOptional() value?: unknown;
  @IsOptional() @IsBoolean() notApplicable?: boolean;
  @IsOptional() @IsString() @MaxLength(5000) comment?: string | null;
  @IsInt() @Min(0) version: number;
}

export class AnswersBody {
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AnswerBody) answers: AnswerBody[];
}

export class AttestationBody {
  @IsString() @MinLength(2) @MaxLength(200) name: string;
  @IsString() @MinLength(2) @MaxLength(200) jobTitle: string;
  @IsBoolean() @Equals(true, { message: 'must be true: confirm that the answers are accurate' }) confirmed: boolean;
}

export class SubmitBody {
  @ValidateNested() @Type(() => AttestationBody) attestation: AttestationBody;
}

const NHSUK_CSS = readFileSync(createRequire(import.meta.url).resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css'), 'utf8');
const PORTAL_JS = readFileSync(join(templatesDir('portal'), 'assets', 'portal.js'), 'utf8');

const isForm = (request: FastifyRequest) => String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

const tokenKey = (request: FastifyRequest) => hashToken(String((request.params as { token?: string }).token ?? '')).slice(0, 16);
const wantsJson = (request: FastifyRequest) => String(request.headers.accept ?? '').includes('application/json');

/**
 * The supplier's front door, reached through the emailed link: no account, one assessment per link.
 * JSON routes also take `Authorization: Bearer <invitation token>` for suppliers answering by script.
 */
@ApiTags('supplier')
@Controller('portal')
@Public()
export class PortalController {
  private readonly pages = new PortalPages();

  constructor(
    private readonly portal: PortalService,
    private readonly evidence: EvidenceService,
    private readonly config: AppConfig,
  ) {}

  /** Landing page: who asks whom for what, by when. Changes nothing (mail scanners open links). */
  @Get('i/:token')
  @RateLimit({ name: 'portal-ip', limit: 60, windowSeconds: 60 }, { name: 'portal-token', limit: 30, windowSeconds: 60, key: tokenKey })
  @ApiOkResponse({ description: 'The landing page (HTML), or with `Accept: application/json` who asks whom for what, by when.', content: { 'application/json': { schema: { $ref: getSchemaPath(PortalLandingView) } }, 'text/html': { schema: { type: 'string' } } } })
  @ApiExtraModels(PortalLandingView)
  @ApiProblems(404, 410)
  async landing(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    try {
      const landing = await this.portal.landing(await this.portal.resolveToken(token));
      if (wantsJson(request)) return void reply.send(landing);
      return void reply.type('text/html; charset=utf-8').send(this.pages.render('landing', landing.questionnaire.title, { ...landing, token }, false));
    } catch (error) {
      if (wantsJson(request)) throw error;
      return void this.errorPage(reply, error);
    }
  }

  /** Opens a session bound to this one assessment and goes to the questionnaire. */
  @Post('i/:token/start')
  @RateLimit({ name: 'portal-ip', limit: 60, windowSeconds: 60 }, { name: 'portal-token', limit: 30, windowSeconds: 60, key: tokenKey })
  @ApiResponse({ status: 303, description: 'The session cookie is set; on to /portal/assessment.', headers: { 'set-cookie': { description: 'assure_portal: HttpOnly, SameSite=Lax', schema: { type: 'string' } }, location: { schema: { type: 'string' } } } })
  @ApiProblems(404, 410)
  async start(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    try {
      const session = await this.portal.startSession(await this.portal.resolveToken(token));
      const secure = this.config.baseUrl.startsWith('https:') ? '; Secure' : '';
      void reply.header('set-cookie', `${COOKIE}=${session}; Path=/portal; HttpOnly; SameSite=Lax; Max-Age=${SESSION_ABSOLUTE_HOURS * 3600}${secure}`);
      return void reply.redirect('/portal/assessment', 303);
    } catch (error) {
      if (wantsJson(request)) throw error;
      return void this.errorPage(reply, error);
    }
  }

  /** The NHS.UK frontend styles, served by the app itself (no CDN). */
  @Get('assets/nhsuk-frontend.min.css')
  @SkipRateLimit()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  css() {
    return NHSUK_CSS;
  }

  /** The page script (an enhancement only: every page works without it). */
  @Get('assets/portal.js')
  @SkipRateLimit()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  script() {
    return PORTAL_JS;
  }

  /** The questionnaire: sections, saved answers, progress, due date (HTML, or JSON for scripts). */
  @Get('assessment')
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiOkResponse({ description: 'The questionnaire page (HTML), or with `Accept: application/json` the assessment and its sections with questions and saved answers.', content: { 'application/json': { schema: { $ref: getSchemaPath(PortalQuestionnaireView) } }, 'text/html': { schema: { type: 'string' } } } })
  @ApiExtraModels(PortalQuestionnaireView)
  async view(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    const json = wantsJson(request);
    try {
      const view = await this.portal.view(await this.context(request));
      if (json) return void reply.send(view);
      const query = request.query as { saved?: string; submitted?: string };
      const notice = query.submitted ? 'Thank you: your answers have been submitted.' : query.saved ? 'Your answers have been saved.' : null;
      return void this.html(reply, 200, view, { notice });
    } catch (error) {
      if (json) throw error;
      return void this.errorPage(reply, error);
    }
  }

  /**
   * Saves answers (JSON, or a section's form). A stale version is refused with the current answers
   * (409 JSON; the page shows the newer values and says so); nothing is merged silently.
   */
  @Post('assessment/answers')
  @HttpCode(200)
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiBody({ type: AnswersBody })
  @ApiOkResponse({ type: SaveAnswersView, description: 'The saved answers and their new versions.' })
  @ApiResponse({ status: 303, description: 'A form post saved: back to the section.' })
  @ApiProblems(409, 422)
  async save(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    if (!isForm(request)) {
      const input = await validatedInput(AnswersBody, body);
      const bearer = bearerOf(request);
      return void reply.send(bearer ? await this.portal.saveAnswersByToken(bearer, input.answers) : await this.portal.saveAnswers(await this.context(request), input.answers));
    }
    let context: PortalContext;
    try {
      context = await this.context(request);
    } catch (error) {
      return void this.errorPage(reply, error);
    }
    const view = await this.portal.view(context);
    const answers = formToAnswers(body as Record<string, string>, view);
    try {
      await this.portal.saveAnswers(context, answers);
      const section = String((body as Record<string, unknown>).section ?? '').replace(/[^a-z0-9-]/g, '');
      return void reply.redirect(`/portal/assessment?saved=1#section-${section}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const fresh = await this.portal.view(context);
      if (error.code === 'ANSWER.STALE') {
        return void this.html(reply, 409, fresh, { notice: 'Someone saved newer answers to some of these questions since you opened the page. The newer answers are shown below; check them and save again.' });
      }
      const typed = new Map(answers.map((a) => [a.code, { value: a.value, notApplicable: a.notApplicable ?? false, comment: a.comment ?? null }]));
      return void this.html(reply, error.status, fresh, { errors: error.errors.length ? error.errors.map((e) => ({ ...e, path: e.path.replace(/^answers\[(\d+)\]/, (_m, i) => `answers.${answers[Number(i)]?.code}`) })) : [{ path: '', message: error.message }], typed });
    }
  }

  /** Submits with an attestation; 409 if already submitted, 422 listing what is missing. */
  @Post('assessment/submit')
  @HttpCode(200)
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiBody({ type: SubmitBody })
  @ApiOkResponse({ type: SubmittedView, description: 'Submitted.' })
  @ApiResponse({ status: 303, description: 'A form post submitted: back to the questionnaire.' })
  @ApiProblems(409, 422)
  async submit(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    if (!isForm(request)) {
      const input = await validatedInput(SubmitBody, body);
      const assessment = await this.portal.submit(await this.context(request), input.attestation);
      return void reply.send({ id: assessment.id, status: assessment.status, submittedAt: assessment.submittedAt?.toISOString() });
    }
    let context: PortalContext;
    try {
      context = await this.context(request);
    } catch (error) {
      return void this.errorPage(reply, error);
    }
    const form = body as Record<string, string>;
    const attestation = { name: String(form.name ?? '').trim(), jobTitle: String(form.jobTitle ?? '').trim(), confirmed: form.confirmed === '1' };
    try {
      const problems = [
        ...(attestation.name.length < 2 ? [{ path: 'attestation.name', message: 'Enter your full name' }] : []),
        ...(attestation.jobTitle.length < 2 ? [{ path: 'attestation.jobTitle', message: 'Enter your job title' }] : []),
        ...(!attestation.confirmed ? [{ path: 'attestation.confirmed', message: 'Confirm that the answers are accurate' }] : []),
      ];
      if (problems.length) throw new DomainError('REQUEST.INVALID', 'The attestation is incomplete.', 400, problems);
      await this.portal.submit(context, attestation);
      return void reply.redirect('/portal/assessment?submitted=1', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const view = await this.portal.view(context);
      return void this.html(reply, error.status, view, { errors: error.errors.length ? error.errors : [{ path: '', message: error.message }], attestation });
    }
  }

  /** Attaches a file to an answer: multipart fields `question` (code) then `file`; type checked by content. */
  @Post('assessment/evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiCookieAuth('portalSession')
  @ApiBearerAuth('invitationToken')
  @ApiBody({ schema: { type: 'object', required: ['question', 'file'], properties: { question: { type: 'string', description: 'The question code (before the file).' }, file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 201, type: AttachedEvidenceView, description: 'The stored file.' })
  @ApiProblems(400, 413, 415, 422)
  async attach(@Req() request: FastifyRequest) {
    const context = await this.context(request);
    if (!request.isMultipart()) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.', 415);
    const file = await request.file();
    if (!file) throw new DomainError('REQUEST.INVALID', 'No file was sent.', 400, [{ path: 'file', message: 'is required' }]);
    const content = await file.toBuffer();
    const questionField = file.fields.question as { value?: unknown } | undefined;
    const question = typeof questionField?.value === 'string' ? questionField.value : '';
    if (!question) throw new DomainError('REQUEST.INVALID', 'Say which question the file is for, before the file.', 400, [{ path: 'question', message: 'is required (send it before the file)' }]);
    const stored = await this.evidence.attach(context, question, file.filename, content);
    return { id: stored.id, question: stored.questionCode, fileName: stored.fileName, mediaType: stored.mediaType, size: stored.size, sha256: stored.sha256 };
  }

  private html(reply: FastifyReply, status: number, view: Awaited<ReturnType<PortalService['view']>>, options: Parameters<typeof questionnairePage>[1]): void {
    const model = questionnairePage(view, options);
    void reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(this.pages.render('assessment', view.assessment.questionnaire.title, model, model.errors.length > 0));
  }

  /** The one assessment this request may touch: from the session cookie, or a bearer invitation token. */
  private async context(request: FastifyRequest): Promise<PortalContext> {
    const bearer = bearerOf(request);
    const context = bearer ? await this.portal.resolveToken(bearer) : await this.fromCookie(request);
    const current = requestContext.current();
    if (current) current.actor = { type: 'supplier', id: context.assessment.id };
    return context;
  }

  private async fromCookie(request: FastifyRequest): Promise<PortalContext> {
    const cookie = String(request.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === COOKIE)?.[1];
    if (!cookie) throw new PortalUnauthenticatedError();
    return this.portal.resolveSession(cookie);
  }

  private errorPage(reply: FastifyReply, error: unknown): void {
    if (!(error instanceof DomainError)) throw error;
    const heading = error.status === 410 ? 'This link can no longer be used' : error.status === 429 ? 'Too many attempts' : 'This link is not valid';
    void reply.status(error.status).type('text/html; charset=utf-8').send(this.pages.render('error', heading, { heading, message: error.message }, false));
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
}

function noReferrer(reply: FastifyReply): void {
  void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}
