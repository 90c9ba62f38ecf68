import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { looksLikeToken } from '@app/assessments';
import { Public } from '@app/identity';
import { NotFoundError, OrganisationConfig } from '@app/platform';
import { landingPage } from './landing-page.js';
import { PortalPages } from './pages.js';

/**
 * Any other address under /portal that a browser opens: a link with a trailing slash or cut short
 * by an email program, or the address a form posted to, opened again later from the history. A
 * supplier gets a page in plain words (or is sent where they meant to go), never a JSON problem.
 * Scripts asking for JSON still get the problem document.
 */
@ApiExcludeController()
@Controller('portal')
@Public()
export class PortalFallbackController {
  private readonly pages: PortalPages;
  private readonly org: { name: string; contactEmail: string };

  constructor(organisation: OrganisationConfig) {
    this.org = { name: organisation.name, contactEmail: organisation.contactEmail };
    this.pages = new PortalPages(this.org);
  }

  // `i/*` as well as `*`: the router does not fall back from the link's own branch (`/portal/i/`) to `/portal/*`.
  @Get(['', 'i', 'i/*', '*'])
  elsewhere(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const path = request.url.split('?')[0];
    if (String(request.headers.accept ?? '').includes('application/json'))
      throw new NotFoundError('RESOURCE.NOT_FOUND', `Cannot GET ${path}`);
    void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    // The invitation link with a character too many after it: on to the link itself.
    const token = path.startsWith('/portal/i/') ? tokenIn(path.slice('/portal/i/'.length)) : null;
    if (token) return void reply.redirect(`/portal/i/${token}`, 303);
    // The questionnaire's own addresses: a form's post address reopened, or a trailing slash.
    if (/^\/portal\/assessment(\/(answers|submit|evidence))?\/?$/.test(path))
      return void reply.redirect('/portal/assessment', 303);
    const model = landingPage(
      {
        state: 'invalid',
        linkWorks: false,
        supplier: null,
        recipient: null,
        questionnaire: null,
        dueDate: null,
        started: false,
        submittedAt: null,
        reference: null,
      },
      '',
      this.org,
    );
    void reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(this.pages.render('landing', model.heading, model, false, true));
  }
}

/**
 * The token in a link that an email program or a copy took a character too many with (a trailing
 * slash, full stop, bracket or quote), or null when it is no token at all.
 */
export function tokenIn(raw: string): string | null {
  const trimmed = raw.replace(/[/.,;:)\]>'"]+$/, '');
  return trimmed !== raw && looksLikeToken(trimmed) ? trimmed : null;
}
