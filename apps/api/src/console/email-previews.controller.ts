import { Controller, Get, Param, ParseIntPipe, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { EmailRenderer, emailSamples, type EmailSample } from '@app/notifications';
import { Clock, HttpConfig, NotFoundError, OrganisationConfig } from '@app/platform';
import { ConsoleErrors, sendPage } from './pages.js';

/** The rendered email alone, for the preview's frame: its own inline styles, nothing else, framed only by the console. */
const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'";

/**
 * Admins read every email template as its recipients would, HTML and plain text, rendered with
 * realistic data through the same context builders as the worker (`emailSamples`), without
 * sending anything. Links in the samples are examples and lead nowhere.
 */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/admin/emails')
export class ConsoleEmailPreviewsController {
  constructor(
    private readonly renderer: EmailRenderer,
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin')
  list(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const samples = this.samples();
    sendPage(reply, request, 'email-previews', 'Email templates', {
      org: this.organisation.name,
      contactEmail: this.organisation.contactEmail,
      count: samples.length,
      templates: new Set(samples.map((s) => s.template)).size,
      samples: samples.map((s, i) => {
        const email = this.renderer.render(s.template, s.context);
        return {
          n: i,
          anchor: `email-${i}`,
          template: s.template,
          variant: s.variant,
          to: s.to,
          subject: email.subject,
          text: email.text,
        };
      }),
    });
  }

  /** One sample's HTML, as the recipient's mail program would show it. */
  @Get(':n/html')
  @Roles('admin')
  html(@Param('n', new ParseIntPipe()) n: number, @Res() reply: FastifyReply) {
    const sample = this.samples()[n];
    if (!sample) throw new NotFoundError('CONSOLE.NOT_FOUND', 'There is nothing here.');
    const email = this.renderer.render(sample.template, sample.context);
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', EMAIL_CSP)
      .send(email.html);
  }

  private samples(): EmailSample[] {
    return emailSamples(
      { org: this.organisation.name, contactEmail: this.organisation.contactEmail, baseUrl: this.http.baseUrl },
      this.clock.today(),
      this.clock.now(),
    );
  }
}
