import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest, User } from '@app/identity';
import { DomainError, TemplateSet, toProblem } from '@app/platform';
import { navigationOf } from './navigation.js';
import { CountText, countText } from './words.js';

/** `{{countOf n "supplier"}}` reads "3 suppliers", "1 supplier" or "no suppliers"; `{{CountOf ...}}` starts a sentence. */
const plural = (args: unknown[]) => (typeof args[2] === 'string' ? args[2] : undefined);
const HELPERS = {
  countOf: (n: number, singular: string, ...rest: unknown[]) =>
    countText(Number(n), singular, plural([n, singular, ...rest])),
  CountOf: (n: number, singular: string, ...rest: unknown[]) =>
    CountText(Number(n), singular, plural([n, singular, ...rest])),
};

export const PAGE_SIZE = 25;

/** The console's pages (`templates/console/`): each page inside the layout, which knows who is signed in. */
class ConsolePages {
  private readonly templates = new TemplateSet('console');

  render(
    name: string,
    title: string,
    context: object,
    user: User | null,
    csrfToken: string | null,
    hasErrors = false,
    url = '',
  ): string {
    const role = user?.role ?? null;
    const body = this.templates.template(name)({ ...context, csrf: csrfToken ?? '' }, { helpers: HELPERS });
    return this.templates.template('layout')({
      title,
      body,
      errorTitle: hasErrors,
      signedIn: user !== null,
      userName: user?.name ?? '',
      role: role ?? '',
      csrf: csrfToken ?? '',
      nav: navigationOf(role, url),
    });
  }
}

export const pages = new ConsolePages();

export function sendHtml(reply: FastifyReply, status: number, body: string): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);
}

export function sendPage(
  reply: FastifyReply,
  request: AuthenticatedRequest,
  name: string,
  title: string,
  context: object,
  hasErrors = false,
  status = 200,
): void {
  sendHtml(
    reply,
    status,
    pages.render(
      name,
      title,
      context,
      request.user ?? null,
      request.consoleSession?.csrfToken ?? null,
      hasErrors,
      request.url,
    ),
  );
}

export function redirect(reply: FastifyReply, location: string): void {
  void reply.status(303).header('location', location).send();
}

/** A form field: trimmed text, or undefined when left empty (an optional field not given). */
export const field = (body: Record<string, unknown>, name: string): string | undefined => {
  const value = body[name];
  const text = Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
  return text.trim() === '' ? undefined : text.trim();
};

/** A form's problems for the error summary; anything but a 4xx rule problem is re-thrown. */
export function formProblems(
  error: unknown,
  fallbackPath = '',
): { status: number; errors: { path: string; message: string }[] } {
  if (!(error instanceof DomainError) || ![400, 409, 422].includes(error.status)) throw error;
  const errors = error.errors.length ? error.errors : [{ path: fallbackPath, message: error.message }];
  return {
    status: error.status === 400 ? 422 : error.status,
    errors: errors.map((e) => ({ path: e.path, message: e.message })),
  };
}

/** The console answers in pages: signed out goes to the sign-in page, refusals and errors get a page, never JSON. */
@Catch()
export class ConsoleErrors implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // The same mapping as the API's problem details (a database refusal of bad input is a 4xx here too).
    const { problem, retryAfterSeconds } = toProblem(exception);
    const status = problem.status;
    if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
    if (status === 401) {
      void reply.status(303).header('location', '/console/login').send();
      return;
    }
    const detail =
      status === 403
        ? exception instanceof DomainError
          ? exception.message
          : 'Your role does not allow this.'
        : status === 404
          ? 'There is nothing here.'
          : status < 500 || retryAfterSeconds !== undefined
            ? problem.detail
            : 'Something went wrong. Try again later.';
    const title = status === 403 ? 'Not allowed' : status === 404 ? 'Page not found' : 'There is a problem';
    void reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        pages.render(
          'error',
          title,
          { title, detail },
          request.user ?? null,
          request.consoleSession?.csrfToken ?? null,
          false,
          request.url,
        ),
      );
  }
}

export { anchorOf, formFields, summaryOf, type FieldSpec } from './forms.js';

const pick = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

/** The supplier list's filters from its query string, for the page and its CSV export alike. */
export function supplierFilters(query: Record<string, string | undefined>) {
  const filters = {
    q: (query.q ?? '').trim().slice(0, 100) || undefined,
    kind: pick(['supplier', 'university', 'research_partner', 'nhs_body', 'charity', 'other'] as const, query.kind),
    status: pick(['onboarding', 'active', 'offboarded'] as const, query.status),
    tier: pick(['1', '2', '3', '4'] as const, query.tier),
    band: pick(['A', 'B', 'C', 'D', 'E'] as const, query.band),
    rating: pick(['low', 'medium', 'high', 'critical'] as const, query.rating),
    sort: pick(['-netValueAtRisk', '-rating', 'name', 'tier'] as const, query.sort) ?? '-netValueAtRisk',
  };
  const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return { filters, params, listQuery: { ...filters, tier: filters.tier ? Number(filters.tier) : undefined } };
}
