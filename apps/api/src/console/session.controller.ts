import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES, AuthService, consoleCookie, CONSOLE_ABSOLUTE_HOURS, CONSOLE_COOKIE, ConsoleSessions, LOGIN_CSRF_COOKIE, loginCsrfCookie, loginCsrfMatches, newLoginCsrf, Public, Roles, type User } from '@app/identity';
import { AppConfig, DomainError, RateLimit } from '@app/platform';
import { ConsoleErrors, pages, redirect, sendHtml } from './pages.js';

/** Signing in and out of the console: a session cookie, a new session id at every sign-in. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller()
export class ConsoleSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: ConsoleSessions,
    private readonly config: AppConfig,
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
      return this.loginForm(request, reply, 403, email, 'The sign-in form has expired or did not come from this site. Try again.');
    }
    let user: User;
    try {
      user = await this.auth.verify(email, password);
    } catch (error) {
      const wait = error instanceof DomainError && error.status === 429;
      if (wait) void reply.header('retry-after', String((error as DomainError & { retryAfterSeconds: number }).retryAfterSeconds));
      return this.loginForm(request, reply, wait ? 429 : 401, email, wait ? error.message : 'Email or password is wrong.');
    }
    const previous = consoleCookie(request.headers.cookie);
    if (previous) await this.sessions.end(previous);
    const { sid } = await this.sessions.start(user.id);
    const secure = this.config.baseUrl.startsWith('https:') ? '; Secure' : '';
    void reply.status(303).header('set-cookie', `${CONSOLE_COOKIE}=${sid}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=${CONSOLE_ABSOLUTE_HOURS * 3600}${secure}`).header('location', '/console').send();
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
  private loginForm(request: FastifyRequest, reply: FastifyReply, status: number, email: string, error: string | null): void {
    let token = loginCsrfCookie(request.headers.cookie);
    if (!token) {
      token = newLoginCsrf();
      const secure = this.config.baseUrl.startsWith('https:') ? '; Secure' : '';
      void reply.header('set-cookie', `${LOGIN_CSRF_COOKIE}=${token}; Path=/console/login; HttpOnly; SameSite=Lax; Max-Age=3600${secure}`);
    }
    sendHtml(reply, status, pages.render('login', 'Sign in', { email, error }, null, token, error !== null));
  }
}
