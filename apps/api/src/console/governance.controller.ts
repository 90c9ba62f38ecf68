import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditTrail } from '@app/audit';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { AppConfig, DomainError, pageParam, type FieldProblem } from '@app/platform';
import { PdfRenderer, registerCsv, ReportHtml, SupplyChainReports } from '@app/reports';
import { DecisionsService, LossDistributionService, type DecisionInput } from '@app/risk';
import { Countermeasures } from '@app/assessments';
import { portfolioSection } from '../governance/portfolio-section.js';
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
    private readonly loss: LossDistributionService,
    private readonly countermeasures: Countermeasures,
  ) {}

  /** A governance user records a decision; a rejected one shows what to fix, with what was typed. */
  @Post('suppliers/:id/decisions')
  @Roles('governance')
  async decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const input: DecisionInput = {
      decision: body.decision as DecisionInput['decision'], rationale: body.rationale ?? '', reviewDate: body.reviewDate ?? '',
      ...(body.decision === 'transfer' ? { insurer: body.insurer || undefined, policyRef: body.policyRef || undefined, limit: body.limit ? Number(body.limit) : undefined, excess: body.excess ? Number(body.excess) : undefined, expiresOn: body.expiresOn || undefined } : {}),
      ...(body.decision === 'avoid' ? { endLinksBy: body.endLinksBy || undefined } : {}),
      ...(body.decision === 'mitigate' ? { findingIds: ([] as string[]).concat((body as Record<string, string | string[]>).findingIds ?? []) } : {}),
    };
    const problems: FieldProblem[] = [];
    if (!['accept', 'mitigate', 'transfer', 'avoid'].includes(input.decision)) problems.push({ path: 'decision', message: 'Choose accept, mitigate, transfer or avoid' });
    if (input.rationale.trim().length < 10) problems.push({ path: 'rationale', message: 'Say why, in at least 10 characters' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.reviewDate)) problems.push({ path: 'reviewDate', message: 'Enter the review date as YYYY-MM-DD' });
    try {
      if (problems.length) throw new DomainError('CONSOLE.INVALID', 'Check the decision.', 422, problems);
      await this.decisions.record(id, input, request.user!.id);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      const context = await this.supplierPage.context(id, request.user!);
      sendPage(reply, request, 'supplier', 'Supplier', { ...context, errors: error.errors.map((e) => ({ path: e.path, message: e.message, anchor: `decision-${e.path.replace(/\[.*$/, '')}` })), form: { ...context.form, ...body } }, true, 422);
      return;
    }
    redirect(reply, `/console/suppliers/${id}#decisions`);
  }

  /** The audit trail, newest first, and whether its hash chain is intact. */
  @Get('audit')
  @Roles('governance')
  async auditTrail(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const page = pageParam(query.page);
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
    const page = this.reportHtml.render(await this.reports.build(), this.config.orgName, await portfolioSection(this.loss, this.countermeasures));
    if (format === 'pdf') {
      void reply.status(200).header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="supply-chain-risk.pdf"').send(await this.pdf.render(page));
      return;
    }
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'").send(page);
  }
}
