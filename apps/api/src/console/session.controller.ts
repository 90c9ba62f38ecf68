import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ALL_ROLES,
  AuthService,
  consoleCookie,
  CONSOLE_ABSOLUTE_HOURS,
  CONSOLE_COOKIE,
  ConsoleSessions,
  LOGIN_CSRF_COOKIE,
  loginCsrfCookie,
  loginCsrfMatches,
  newLoginCsrf,
  Public,
  Roles,
  UsersService,
  type AuthenticatedRequest,
  type User,
} from '@app/identity';
import { DomainError, type FieldProblem, HttpConfig, RateLimit } from '@app/platform';
import { formFields, summaryOf, type FieldSpec } from './forms.js';
import { ConsoleErrors, pages, redirect, sendHtml, sendPage } from './pages.js';

/** Signing in and out of the console: a session cookie, a new session id at every sign-in. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller()
export class ConsoleSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: ConsoleSessions,
    private readonly http: HttpConfig,
    private readonly users: UsersService,
  ) {}

  @Get()
  @Public()
  root(@Res() reply: FastifyReply) {
    void reply.status(302).header('location', '/console').send();
  }

  @Get('console/login')
  @Public()
  loginPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.loginForm(request, reply, 200, '', null);
  }

  /**
   * A new session (a new id) at every sign-in; the same answer for every wrong credential. The form
   * must carry its login CSRF token (403 otherwise), and the per-account throttle may ask to wait (429).
   */
  @Post('console/login')
  @Public()
  @RateLimit({ name: 'console-login', limit: 10, windowSeconds: 60 })
  async login(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const email = typeof body?.email === 'string' ? body.email : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!loginCsrfMatches(request.headers.cookie, body?._csrf)) {
      return this.loginForm(
        request,
        reply,
        403,
        email,
        'The sign-in form has expired or did not come from this site. Try again.',
      );
    }
    let user: User;
    try {
      user = await this.auth.verify(email, password);
    } catch (error) {
      const wait = error instanceof DomainError && error.status === 429;
      if (wait)
        void reply.header(
          'retry-after',
          String((error as DomainError & { retryAfterSeconds: number }).retryAfterSeconds),
        );
      return this.loginForm(
        request,
        reply,
        wait ? 429 : 401,
        email,
        wait ? error.message : 'Email or password is wrong.',
      );
    }
    const previous = consoleCookie(request.headers.cookie);
    if (previous) await this.sessions.end(previous);
    const { sid } = await this.sessions.start(user.id);
    const secure = this.http.baseUrl.startsWith('https:') ? '; Secure' : '';
    void reply
      .status(303)
      .header(
        'set-cookie',
        `${CONSOLE_COOKIE}=${sid}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=${CONSOLE_ABSOLUTE_HOURS * 3600}${secure}`,
      )
      .header('location', '/console')
      .send();
  }

  @Post('console/logout')
  @Roles(...ALL_ROLES)
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const sid = consoleCookie(request.headers.cookie);
    if (sid) await this.sessions.end(sid);
    void reply.status(303).header('set-cookie', `${CONSOLE_COOKIE}=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0`);
    redirect(reply, '/console/login');
  }

  /** The sign-in form with its login CSRF token (kept from the cookie when there is one, else a new one). */
  private loginForm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    email: string,
    error: string | null,
  ): void {
    let token = loginCsrfCookie(request.headers.cookie);
    if (!token) {
      token = newLoginCsrf();
      const secure = this.http.baseUrl.startsWith('https:') ? '; Secure' : '';
      void reply.header(
        'set-cookie',
        `${LOGIN_CSRF_COOKIE}=${token}; Path=/console/login; HttpOnly; SameSite=Lax; Max-Age=3600${secure}`,
      );
    }
    sendHtml(reply, status, pages.render('login', 'Sign in', { email, error }, null, token, error !== null));
  }

  /** Change my own password: the current one first, then the new one twice. */
  @Get('console/account/password')
  @Roles(...ALL_ROLES)
  passwordPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    this.passwordForm(reply, request, [], false);
  }

  @Post('console/account/password')
  @Roles(...ALL_ROLES)
  @RateLimit({ name: 'console-password', limit: 10, windowSeconds: 60 })
  async changePassword(
    @Body() body: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
    const user = request.user!;
    const problems: FieldProblem[] = [];
    if (!text('current')) problems.push({ path: 'current', message: 'Enter your current password' });
    else
      await this.auth
        .verify(user.email, text('current'))
        .catch(() => problems.push({ path: 'current', message: 'Your current password is wrong' }));
    if (text('password').length < 12)
      problems.push({ path: 'password', message: 'The new password must be 12 characters or more' });
    else if (text('password') === text('current'))
      problems.push({ path: 'password', message: 'The new password must be different from the current one' });
    if (text('confirm') !== text('password'))
      problems.push({ path: 'confirm', message: 'The two new passwords are not the same' });
    if (problems.length) return this.passwordForm(reply, request, problems, false, 422);
    await this.users.update(user.id, { password: text('password') }, { type: 'user', id: user.id });
    this.passwordForm(reply, request, [], true);
  }

  private passwordForm(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    errors: FieldProblem[],
    changed: boolean,
    status = 200,
  ) {
    const specs: FieldSpec[] = [
      { name: 'current', label: 'Current password', type: 'password', autocomplete: 'current-password' },
      {
        name: 'password',
        label: 'New password',
        type: 'password',
        autocomplete: 'new-password',
        hint: 'At least 12 characters. A few unrelated words make a strong one.',
      },
      { name: 'confirm', label: 'New password again', type: 'password', autocomplete: 'new-password' },
    ];
    sendPage(
      reply,
      request,
      'password',
      'Change your password',
      { changed, errors: summaryOf(errors, specs), fields: formFields(specs, errors) },
      errors.length > 0,
      status,
    );
  }
}
