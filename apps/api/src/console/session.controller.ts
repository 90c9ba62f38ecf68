import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALL_ROLES, AuthService, consoleCookie, CONSOLE_ABSOLUTE_HOURS, CONSOLE_COOKIE, ConsoleSessions, Public, Roles, type User } from '@app/identity';
import { AppConfig, RateLimit } from '@app/platform';
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
  loginPage(@Res() reply: FastifyReply) {
    sendHtml(reply, 200, pages.render('login', 'Sign in', { email: '', error: null }, null, null));
  }

  /** A new session (a new id) at every sign-in; the same answer for every wrong credential. */
  @Post('console/login')
  @Public()
  @RateLimit({ name: 'console-login', limit: 10, windowSeconds: 60 })
  async login(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const email = typeof body?.email === 'string' ? body.email : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    let user: User;
    try {
      user = await this.auth.verify(email, password);
    } catch {
      sendHtml(reply, 401, pages.render('login', 'Sign in', { email, error: 'Email or password is wrong.' }, null, null, true));
      return;
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
}
