import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditTrail } from '@app/audit';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { AppConfig, DomainError } from '@app/platform';
import { datesFrom, refuse } from './forms.js';
import { PdfRenderer, registerCsv, ReportHtml, SupplyChainReports } from '@app/reports';
import { DecisionsService, type DecisionInput } from '@app/risk';
import { auditView } from './audit.view.js';
import { ConsoleErrors, redirect, sendPage } from './pages.js';
import { SupplierPage } from './supplier.page.js';

/** Governance's pages: a risk decision on a supplier, the audit trail, and the committee pack. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleGovernanceController {
  private readonly reportHtml = new ReportHtml();

  constructor(
    private readonly decisions: DecisionsService,
    private readonly audit: AuditTrail,
    private readonly reports: SupplyChainReports,
    private readonly pdf: PdfRenderer,
    private readonly config: AppConfig,
    private readonly supplierPage: SupplierPage,
  ) {}

  /** A governance user records a decision; a rejected one shows every problem at once, with what was typed. */
  @Post('suppliers/:id/decisions')
  @Roles('governance')
  async decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string | string[]>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const { values: dates, problems } = datesFrom(body, ['reviewDate', 'expiresOn', 'endLinksBy']);
    const decision = text('decision') as DecisionInput['decision'];
    const amount = (name: string) => {
      const raw = text(name).replace(/[£,\s]/g, '');
      if (raw === '') return undefined;
      if (!/^\d+$/.test(raw)) problems.push({ path: name, message: 'must be a whole number of pounds' });
      return Number(raw);
    };
    const input: DecisionInput = {
      decision, rationale: text('rationale'), reviewDate: dates.reviewDate ?? '',
      ...(decision === 'transfer' ? { insurer: text('insurer') || undefined, policyRef: text('policyRef') || undefined, limit: amount('limit'), excess: amount('excess'), expiresOn: dates.expiresOn } : {}),
      ...(decision === 'avoid' ? { endLinksBy: dates.endLinksBy } : {}),
      ...(decision === 'mitigate' ? { findingIds: ([] as string[]).concat(body.findingIds ?? []) } : {}),
    };
    if (!['accept', 'mitigate', 'transfer', 'avoid'].includes(decision)) problems.push({ path: 'decision', message: 'Select the decision' });
    if (input.rationale.trim().length < 10) problems.push({ path: 'rationale', message: 'Say why, in at least 10 characters' });
    if (!dates.reviewDate && !problems.some((p) => p.path === 'reviewDate')) problems.push({ path: 'reviewDate', message: 'Enter the review date' });
    try {
      refuse(problems);
      await this.decisions.record(id, input, request.user!.id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      const values = { ...body, ...Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, v ?? ''])) };
      sendPage(reply, request, 'supplier', 'Supplier', await this.supplierPage.context(id, request.user!, { form: 'decision', errors: error.errors, values }), true, 422);
      return;
    }
    redirect(reply, `/console/suppliers/${id}#decisions`);
  }

  /** The audit trail, newest first, and whether its hash chain is intact. */
  @Get('audit')
  @Roles('governance')
  async auditTrail(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const page = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
    const { items, total } = await this.audit.list({ entityType: query.entityType || undefined, page, pageSize: 50 });
    const chain = await this.audit.verify();
    sendPage(reply, request, 'audit', 'Audit trail', auditView({ items, total, page, chain }));
  }

  /** The committee pack in the console session: the page itself, or its PDF and CSV downloads. */
  @Get('report')
  @Roles('governance')
  async report(@Query() query: Record<string, string | undefined>, @Res() reply: FastifyReply) {
    const format = query.format === 'pdf' || query.format === 'csv' ? query.format : 'html';
    void reply.header('cache-control', 'no-store');
    if (format === 'csv') {
      void reply.status(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="supply-chain-risk.csv"').send(registerCsv(await this.reports.register()));
      return;
    }
    const page = this.reportHtml.render(await this.reports.build(), this.config.orgName);
    if (format === 'pdf') {
      void reply.status(200).header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="supply-chain-risk.pdf"').send(await this.pdf.render(page));
      return;
    }
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'").send(page);
  }
}
