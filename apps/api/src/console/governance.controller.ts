import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditTrail } from '@app/audit';
import { Roles, UsersService, type AuthenticatedRequest } from '@app/identity';
import { addDays, Clock, DomainError, HttpConfig, OrganisationConfig, pageParam } from '@app/platform';
import { datesFrom, wordedForm } from './forms.js';
import { PdfRenderer, registerCsv, ReportHtml, SupplyChainReports } from '@app/reports';
import { DecisionBody, DecisionsService, LossDistributionService, type DecisionInput } from '@app/risk';
import { Countermeasures } from '@app/assessments';
import { portfolioSection } from '../governance/portfolio-section.js';
import { SuppliersService } from '@app/suppliers';
import { AUDIT_ENTITIES, AUDIT_PAGE_SIZE, auditView, idsIn } from './audit.view.js';
import { londonToIso } from './dates.js';
import { ConsoleErrors, redirect, sendPage } from './pages.js';
import { SupplierPage } from './supplier.page.js';

/** What the decision form says of a field `DecisionBody` (the API's input class) refuses; other fields in plain words from their labels. */
const DECISION_WORDS: Record<string, readonly [string, string]> = {
  decision: ['Decision', 'Select the decision'],
  rationale: ['Rationale', 'Say why, in at least 10 characters'],
  reviewDate: ['Review date', 'Enter the review date'],
};

/** Governance's pages: a risk decision on a supplier, the audit trail, and the committee pack. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleGovernanceController {
  constructor(
    private readonly reportHtml: ReportHtml,
    private readonly decisions: DecisionsService,
    private readonly audit: AuditTrail,
    private readonly reports: SupplyChainReports,
    private readonly pdf: PdfRenderer,
    private readonly http: HttpConfig,
    private readonly organisation: OrganisationConfig,
    private readonly supplierPage: SupplierPage,
    private readonly suppliers: SuppliersService,
    private readonly users: UsersService,
    private readonly loss: LossDistributionService,
    private readonly countermeasures: Countermeasures,
    private readonly clock: Clock,
  ) {}

  /** A governance user records a decision; a rejected one shows every problem at once, with what was typed. */
  @Post('suppliers/:id/decisions')
  @Roles('governance')
  async decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string | string[]>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const { values: dates, problems } = datesFrom(body, ['reviewDate', 'expiresOn', 'endLinksBy']);
    const decision = text('decision') as DecisionInput['decision'];
    const amount = (name: string) => {
      const raw = text(name).replace(/[£,\s]/g, '');
      if (raw === '') return undefined;
      if (!/^\d+$/.test(raw)) problems.push({ path: name, message: 'must be a whole number of pounds' });
      return Number(raw);
    };
    const values: DecisionInput = {
      decision,
      rationale: text('rationale'),
      reviewDate: dates.reviewDate ?? '',
      ...(decision === 'transfer'
        ? {
            insurer: text('insurer') || undefined,
            policyRef: text('policyRef') || undefined,
            limit: amount('limit'),
            excess: amount('excess'),
            expiresOn: dates.expiresOn,
          }
        : {}),
      ...(decision === 'avoid' ? { endLinksBy: dates.endLinksBy } : {}),
      ...(decision === 'mitigate' ? { findingIds: ([] as string[]).concat(body.findingIds ?? []) } : {}),
    };
    // What the decision needs besides its own rules, named with the rest (the service would only say so once these are fixed).
    if (dates.reviewDate && !problems.some((p) => p.path === 'reviewDate') && dates.reviewDate <= this.clock.today())
      problems.push({ path: 'reviewDate', message: 'must be after today' });
    const needs =
      decision === 'transfer'
        ? (['insurer', 'policyRef', 'limit', 'excess', 'expiresOn'] as const)
        : decision === 'avoid'
          ? (['endLinksBy'] as const)
          : [];
    for (const name of needs)
      if (values[name] === undefined && !problems.some((p) => p.path === name))
        problems.push({ path: name, message: 'is required' });
    try {
      const input = await wordedForm(
        DecisionBody,
        { ...values, rationale: values.rationale.trim() },
        DECISION_WORDS,
        'Check the form.',
        problems,
      );
      await this.decisions.record(id, input, request.user!.id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      const typed = { ...body, ...Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, v ?? ''])) };
      const page = await this.supplierPage.context(id, request.user!, {
        form: 'decision',
        errors: error.errors,
        values: typed,
      });
      sendPage(reply, request, 'supplier', page.supplier.name, page, true, 422);
      return;
    }
    redirect(reply, `/console/suppliers/${id}#decisions`);
  }

  /** The audit trail, newest first, filtered by what, who, action and dates (Europe/London days), with names instead of ids. */
  @Get('audit')
  @Roles('governance')
  async auditTrail(
    @Query() query: Record<string, string | undefined>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = pageParam(query.page);
    const { values: dates } = datesFrom(query, ['from', 'to']);
    const day = (d: string | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined);
    const filters = {
      entityType: AUDIT_ENTITIES.includes(query.entityType as never) ? query.entityType! : '',
      actorId: /^[0-9a-f-]{36}$/i.test(query.actorId ?? '') ? query.actorId! : '',
      action: /^[a-z_.]{1,60}$/.test(query.action ?? '') ? query.action! : '',
      from: day(dates.from) ?? '',
      to: day(dates.to) ?? '',
    };
    const { items, total } = await this.audit.list({
      entityType: filters.entityType || undefined,
      actorId: filters.actorId || undefined,
      action: filters.action || undefined,
      from: filters.from ? new Date(londonToIso(filters.from, '00:00')) : undefined,
      to: filters.to ? new Date(new Date(londonToIso(addDays(filters.to, 1), '00:00')).getTime() - 1) : undefined,
      page,
      pageSize: AUDIT_PAGE_SIZE,
    });
    const ids = idsIn(items);
    const names = new Map([...(await this.suppliers.namesOf(ids)), ...(await this.users.namesOf(ids))]);
    const users = (await this.users.list(1, 500)).items.map((u) => ({ id: u.id, name: u.name }));
    const chain = await this.audit.verifyRecent();
    sendPage(reply, request, 'audit', 'Audit trail', auditView({ items, total, page, chain, names, users, filters }));
  }

  /** The committee pack in the console session: the page itself, or its PDF and CSV downloads. */
  @Get('report')
  @Roles('governance')
  async report(@Query() query: Record<string, string | undefined>, @Res() reply: FastifyReply) {
    const format = query.format === 'pdf' || query.format === 'csv' ? query.format : 'html';
    void reply.header('cache-control', 'no-store');
    if (format === 'csv') {
      void reply
        .status(200)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="supply-chain-risk.csv"')
        .send(registerCsv(await this.reports.register()));
      return;
    }
    const page = this.reportHtml.render(
      await this.reports.build(),
      this.organisation.name,
      `${this.http.baseUrl}/console`,
      await portfolioSection(this.loss, this.countermeasures),
    );
    if (format === 'pdf') {
      void reply
        .status(200)
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="supply-chain-risk.pdf"')
        .send(await this.pdf.render(page));
      return;
    }
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'",
      )
      .send(page);
  }
}
