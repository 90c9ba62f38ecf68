import { Body, Controller, Get, Query, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CampaignService, type CampaignInput } from '@app/assessments';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { EmailRenderer, invitationContext } from '@app/notifications';
import { addDays, Clock, DomainError, HttpConfig, moneyText, OrganisationConfig } from '@app/platform';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { decisionState, DecisionsService } from '@app/risk';
import { decisionLapsesOn } from '@app/scoring';
import { SUPPLIER_KINDS } from '@app/suppliers';
import { datesFrom } from './forms.js';
import { ConsoleErrors, formFields, formProblems, sendPage, summaryOf, type FieldSpec } from './pages.js';

type Form = Record<string, string | undefined>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Campaigns in the browser: choose suppliers by filter, see who would receive the questionnaire
 * (and who would not, and why) with the email they would get, then send; and governance's review
 * of every current risk decision.
 */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleCampaignsController {
  constructor(
    private readonly emails: EmailRenderer,
    private readonly campaigns: CampaignService,
    private readonly catalogue: QuestionnaireCatalogue,
    private readonly decisions: DecisionsService,
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {}

  @Get('campaigns/new')
  @Roles('procurement')
  async newCampaign(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.form(
      reply,
      request,
      { questionnaireKey: 'supplier-security-lite', dueDate: this.defaultDue(), status: 'active' },
      [],
      null,
    );
  }

  /** `preview` shows who would receive what; `send` sends it (the same filter, the same checks). */
  @Post('campaigns')
  @Roles('procurement')
  async campaign(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      const input = this.input(body);
      if (body.action !== 'send') {
        const preview = await this.campaigns.preview(input);
        const first = preview.eligible[0];
        const email = first
          ? this.emails.render(
              'assessment-invitation',
              invitationContext(
                {
                  org: this.organisation.name,
                  contactEmail: this.organisation.contactEmail,
                  baseUrl: this.http.baseUrl,
                },
                {
                  id: '',
                  supplierId: first.supplierId,
                  supplierName: first.name,
                  recipientName: first.contactName,
                  recipientEmail: first.contactEmail,
                  questionnaireTitle: preview.questionnaire.title,
                  questionnaireKey: preview.questionnaire.key,
                  dueDate: input.dueDate,
                  askedOn: this.clock.today(),
                  owner: { name: request.user!.name, email: request.user!.email },
                  today: this.clock.today(),
                },
                {
                  link: `${this.http.baseUrl}/portal/i/(a link of its own for each supplier)`,
                  reason: 'invitation',
                  previousRecipient: null,
                  incident: null,
                },
              ),
            )
          : null;
        return await this.form(reply, request, body, [], {
          questionnaire: preview.questionnaire.title,
          count: preview.eligible.length,
          recipients: preview.eligible
            .slice(0, 50)
            .map((e) => ({ name: e.name, contact: `${e.contactName} <${e.contactEmail}>` })),
          more: Math.max(0, preview.eligible.length - 50),
          skipped: preview.skipped.map((s) => ({ name: s.name ?? s.supplierId, reason: s.reason })),
          email: email
            ? { to: `${first!.contactName} <${first!.contactEmail}>`, subject: email.subject, text: email.text }
            : null,
          canSend: preview.eligible.length > 0,
        });
      }
      const result = await this.campaigns.run(input, request.user!.id);
      sendPage(reply, request, 'campaign-sent', 'Campaign sent', {
        sent: result.sent,
        skipped: result.skipped.map((s) => ({ name: s.name ?? s.supplierId, reason: s.reason })),
      });
    } catch (error) {
      const { status, errors } = formProblems(error, 'questionnaireKey');
      await this.form(reply, request, body, errors, null, status);
    }
  }

  private input(body: Form): CampaignInput {
    const { values, problems } = datesFrom(body, ['dueDate']);
    body.dueDate = values.dueDate;
    if (!problems.length && !DATE.test(body.dueDate ?? ''))
      problems.push({ path: 'dueDate', message: 'Enter the due date' });
    if (!body.questionnaireKey) problems.push({ path: 'questionnaireKey', message: 'Select a questionnaire' });
    if (problems.length) throw new DomainError('CONSOLE.INVALID', 'Check the campaign.', 422, problems);
    const tier = ['1', '2', '3', '4'].includes(body.tier ?? '') ? Number(body.tier) : undefined;
    return {
      questionnaireKey: body.questionnaireKey!,
      dueDate: body.dueDate!,
      filter: {
        kind: SUPPLIER_KINDS.includes(body.kind as never) ? body.kind : undefined,
        tier,
        tag: body.tag?.trim().toLowerCase() || undefined,
        status: ['onboarding', 'active'].includes(body.status ?? '') ? body.status : undefined,
      },
    };
  }

  private async form(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    values: Form,
    errors: { path: string; message: string }[],
    preview: object | null,
    status = 200,
  ) {
    const entries = await this.catalogue.list();
    const v = (name: string) => values[name] ?? '';
    const specs: FieldSpec[] = [
      {
        name: 'questionnaireKey',
        label: 'Questionnaire',
        value: v('questionnaireKey'),
        options: [...new Map(entries.map((e) => [e.key, { value: e.key, label: e.title }])).values()],
      },
      { name: 'dueDate', label: 'Due date', value: v('dueDate'), date: true },
      { name: 'kind', label: 'Suppliers of this kind', value: v('kind'), options: SUPPLIER_KINDS, blank: 'Any kind' },
      {
        name: 'tier',
        label: 'In this tier',
        value: v('tier'),
        options: ['1', '2', '3', '4'].map((t) => ({ value: t, label: `Tier ${t}` })),
        blank: 'Any tier',
      },
      {
        name: 'status',
        label: 'With this status',
        value: v('status'),
        options: ['onboarding', 'active'],
        blank: 'Onboarding or active',
      },
      { name: 'tag', label: 'With this tag', value: v('tag'), width: 20 },
    ];
    sendPage(
      reply,
      request,
      'campaign',
      'Send a campaign',
      {
        errors: summaryOf(errors, specs),
        fields: formFields(specs, errors),
        hidden: ['questionnaireKey', 'dueDate', 'kind', 'tier', 'status', 'tag'].map((name) => ({
          name,
          value: v(name),
        })),
        preview,
      },
      errors.length > 0,
      status,
    );
  }

  private defaultDue(): string {
    return addDays(this.clock.today(), 30);
  }

  /** Governance's review: every current decision, the soonest to review first, flagged when past its review or expiry. */
  @Get('decisions')
  @Roles('governance')
  async decisionsReview(@Query() query: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const type = ['accept', 'mitigate', 'transfer', 'avoid'].includes(query.decision ?? '')
      ? (query.decision as 'accept')
      : undefined;
    const today = this.clock.today();
    const rows = await this.decisions.current(type);
    sendPage(reply, request, 'decisions', 'Decisions', {
      total: rows.length,
      types: ['accept', 'mitigate', 'transfer', 'avoid'].map((value) => ({ value, selected: value === type })),
      rows: rows.map(({ decision: d, supplierName, netValueAtRisk }) => ({
        supplierId: d.supplierId,
        supplier: supplierName,
        decision: d.decision,
        rationale: d.rationale,
        reviewDate: d.reviewDate,
        expiresOn: d.expiresOn ?? '–',
        state: decisionState(d, today),
        due: decisionLapsesOn(d) <= today,
        netValueAtRisk: moneyText(netValueAtRisk),
      })),
    });
  }
}
