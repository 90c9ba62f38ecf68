import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, PortalService, PortalUnauthenticatedError, SESSION_ABSOLUTE_HOURS, type PortalContext } from '@app/assessments';
import { Public } from '@app/identity';
import { AppConfig, DomainError, RateLimit, requestContext } from '@app/platform';
import { PortalPages } from './pages.js';

const COOKIE = 'assure_portal';

class AnswerBody {
  @IsString() @MaxLength(20) code: string;
  @IsOptional() value?: unknown;
  @IsOptional() @IsBoolean() notApplicable?: boolean;
  @IsOptional() @IsString() @MaxLength(5000) comment?: string | null;
  @IsInt() @Min(0) version: number;
}

class AnswersBody {
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AnswerBody) answers: AnswerBody[];
}

class AttestationBody {
  @IsString() @MinLength(2) @MaxLength(200) name: string;
  @IsString() @MinLength(2) @MaxLength(200) jobTitle: string;
  @IsBoolean() @Equals(true, { message: 'must be true: confirm that the answers are accurate' }) confirmed: boolean;
}

class SubmitBody {
  @ValidateNested() @Type(() => AttestationBody) attestation: AttestationBody;
}

const tokenKey = (request: FastifyRequest) => hashToken(String((request.params as { token?: string }).token ?? '')).slice(0, 16);
const wantsJson = (request: FastifyRequest) => String(request.headers.accept ?? '').includes('application/json');

/**
 * The supplier's front door, reached through the emailed link: no account, one assessment per link.
 * JSON routes also take `Authorization: Bearer <invitation token>` for suppliers answering by script.
 */
@ApiTags('supplier portal')
@Controller('portal')
@Public()
export class PortalController {
  private readonly pages = new PortalPages();

  constructor(
    private readonly portal: PortalService,
    private readonly config: AppConfig,
  ) {}

  /** Landing page: who asks whom for what, by when. Changes nothing (mail scanners open links). */
  @Get('i/:token')
  @RateLimit({ name: 'portal-ip', limit: 60, windowSeconds: 60 }, { name: 'portal-token', limit: 30, windowSeconds: 60, key: tokenKey })
  async landing(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    noReferrer(reply);
    try {
      const landing = await this.portal.landing(await this.portal.resolveToken(token));
      if (wantsJson(request)) return void reply.send(landing);
      return void reply.type('text/html; charset=utf-8').send(this.pages.render('landing', landing.questionnaire.title, { ...landing, token }));
    } catch (error) {
      if (wantsJson(request)) throw error;
      return void this.errorPage(reply, error);
    }
  }

  /** Opens a session bound to this one assessment and goes to the questionnaire. */
  @Post('i/:token/start')
  @RateLimit({ name: 'portal-ip', limit: 60, windowSeconds: 60 }, { name: 'portal-token', limit: 30, windowSeconds: 60, key: tokenKey })
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

  /** The questionnaire: sections, saved answers, progress, due date. */
  @Get('assessment')
  async view(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    noReferrer(reply);
    return this.portal.view(await this.context(request));
  }

  /** Saves answers; a stale version is refused (409) with the current answers, nothing merged. */
  @Post('assessment/answers')
  @HttpCode(200)
  async save(@Body() body: AnswersBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    noReferrer(reply);
    return this.portal.saveAnswers(await this.context(request), body.answers);
  }

  /** Submits with an attestation; 409 if already submitted, 422 listing what is missing. */
  @Post('assessment/submit')
  @HttpCode(200)
  async submit(@Body() body: SubmitBody, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    noReferrer(reply);
    const assessment = await this.portal.submit(await this.context(request), body.attestation);
    return { id: assessment.id, status: assessment.status, submittedAt: assessment.submittedAt?.toISOString() };
  }

  /** The one assessment this request may touch: from the session cookie, or a bearer invitation token. */
  private async context(request: FastifyRequest): Promise<PortalContext> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
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
    void reply.status(error.status).type('text/html; charset=utf-8').send(this.pages.render('error', heading, { heading, message: error.message }));
  }
}

function noReferrer(reply: FastifyReply): void {
  void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}
