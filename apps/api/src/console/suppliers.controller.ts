import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AssessmentsService } from '@app/assessments';
import { DataSharingService } from '@app/data-sharing';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { DomainError, pageParam, validatedInput } from '@app/platform';
import { SuppliersService, TierOverrideInput } from '@app/suppliers';
import { ConsoleErrors, formProblems, PAGE_SIZE, redirect, sendPage, supplierFilters } from './pages.js';
import { SupplierPage } from './supplier.page.js';
import { supplierListView, ledgerRow } from './suppliers.view.js';
import { tierOptionsOf } from './supplier.view.js';

/** The register's pages: the list, a supplier, its tier override, offboarding, a questionnaire sent from it, and the ledger views. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleSuppliersController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly ledger: DataSharingService,
    private readonly assessments: AssessmentsService,
    private readonly supplierPage: SupplierPage,
  ) {}

  /** The register: search, filters and sort in the query string (links keep them), paged. */
  @Get('suppliers')
  @Roles(...ALL_ROLES)
  async supplierList(@Query() query: Record<string, string | undefined>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const page = pageParam(query.page);
    const { filters, params, listQuery } = supplierFilters(query);
    const { items, total } = await this.suppliers.list({ ...listQuery, page, pageSize: PAGE_SIZE } as never);
    sendPage(reply, request, 'suppliers', 'Suppliers', supplierListView({ items, total, page, filters, params }, request.user!));
  }

  @Get('suppliers/:id')
  @Roles(...ALL_ROLES)
  async supplier(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    sendPage(reply, request, 'supplier', 'Supplier', await this.supplierPage.context(id, request.user!));
  }

  /** Governance overrides the tier with a reason (risk-model section 6), or clears the override. */
  @Post('suppliers/:id/tier')
  @Roles('governance')
  async overrideTier(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      const input = await validatedInput(TierOverrideInput, { tier: ['1', '2', '3', '4'].includes(body.tier ?? '') ? Number(body.tier) : body.tier === 'none' ? null : (body.tier ?? ''), reason: body.reason ?? '' });
      await this.suppliers.overrideTier(id, input.tier, input.reason);
    } catch (error) {
      const { status, errors } = formProblems(error, 'tier');
      const context = await this.supplierPage.context(id, request.user!);
      sendPage(reply, request, 'supplier', 'Supplier', { ...context, errors: errors.map((e) => ({ ...e, anchor: `tier-${e.path}` })), tierForm: { reason: body.reason ?? '' }, tierOptions: tierOptionsOf(body.tier ?? 'none') }, true, status);
      return;
    }
    redirect(reply, `/console/suppliers/${id}#tier`);
  }

  /** Procurement ends the relationship: every link ends today; the record stays as history. */
  @Post('suppliers/:id/offboard')
  @Roles('procurement')
  async offboard(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      await this.suppliers.offboard(id);
    } catch (error) {
      const { status, errors } = formProblems(error, 'status');
      sendPage(reply, request, 'supplier', 'Supplier', { ...(await this.supplierPage.context(id, request.user!)), errors: errors.map((e) => ({ ...e, anchor: 'offboard' })) }, true, status);
      return;
    }
    redirect(reply, `/console/suppliers/${id}`);
  }

  /** Sends a questionnaire from the supplier page (the default for its tier unless one is chosen). */
  @Post('suppliers/:id/assessments')
  @Roles('procurement')
  async sendQuestionnaire(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Record<string, string>, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    let assessmentId: string;
    try {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(body.dueDate ?? '')) throw new DomainError('CONSOLE.INVALID', 'Check the due date.', 422, [{ path: 'dueDate', message: 'Enter the due date as YYYY-MM-DD' }]);
      const key = body.questionnaireKey && body.questionnaireKey !== 'default' ? body.questionnaireKey : undefined;
      ({ assessment: { id: assessmentId } } = await this.assessments.send({ supplierId: id, dueDate: body.dueDate, questionnaireKey: key }, request.user!.id));
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 422 && error.status !== 409)) throw error;
      const context = await this.supplierPage.context(id, request.user!);
      sendPage(reply, request, 'supplier', 'Supplier', { ...context, errors: (error.errors.length ? error.errors : [{ path: 'questionnaireKey', message: error.message }]).map((e) => ({ path: e.path, message: e.message, anchor: `send-${e.path}` })) }, true, error.status);
      return;
    }
    redirect(reply, `/console/assessments/${assessmentId}`);
  }

  /** The data-sharing ledger's three views: reviews due, links without an agreement, special-category holders without a current assessment. */
  @Get('ledger')
  @Roles(...ALL_ROLES)
  async ledgerViews(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const due = await this.ledger.listLinks({ dueWithinDays: 30, page: 1, pageSize: 100 } as never);
    const noAgreement = await this.ledger.listLinks({ withoutAgreement: true, page: 1, pageSize: 100 } as never);
    const holders = await this.ledger.unassessedHolders();
    const names = await this.suppliers.namesOf([...due.items, ...noAgreement.items].map((l) => l.supplierId));
    sendPage(reply, request, 'ledger', 'Data-sharing ledger', {
      due: due.items.map((l) => ledgerRow(l, names)),
      noAgreement: noAgreement.items.map((l) => ledgerRow(l, names)),
      holders: holders.filter((h) => h.classifications.includes('special_category')).map((h) => ({ supplierId: h.supplierId, supplier: h.supplierName, tier: h.tier, records: h.records.toLocaleString('en-GB') })),
    });
  }
}
