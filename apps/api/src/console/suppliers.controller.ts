import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessPathsService, OffboardSupplier } from '@app/access-paths';
import { SendAssessmentBody, SendQuestionnaire } from '@app/assessments';
import { DataSharingService } from '@app/data-sharing';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { Clock, pageParam } from '@app/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { openAssessmentsOf, ReactivateSupplier, SuppliersService, TierOverrideInput } from '@app/suppliers';
import { dateText } from './dates.js';
import { datesFrom, optionLabel, validatedForm } from './forms.js';
import { ConsoleErrors, formProblems, PAGE_SIZE, redirect, sendPage, supplierFilters } from './pages.js';
import { SupplierPage } from './supplier.page.js';
import { supplierListView, ledgerRow } from './suppliers.view.js';
import type { FailedForm } from './supplier.view.js';

/** The register's pages: the list, a supplier, its tier override, offboarding, a questionnaire sent from it, and the ledger views. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleSuppliersController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly ledger: DataSharingService,
    private readonly sending: SendQuestionnaire,
    private readonly supplierPage: SupplierPage,
    private readonly reactivation: ReactivateSupplier,
    private readonly offboarding: OffboardSupplier,
    private readonly accessPaths: AccessPathsService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The register: search, filters and sort in the query string (links keep them), paged. */
  @Get('suppliers')
  @Roles(...ALL_ROLES)
  async supplierList(
    @Query() query: Record<string, string | undefined>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = pageParam(query.page);
    const { filters, params, listQuery } = supplierFilters(query);
    const { items, total } = await this.suppliers.list({ ...listQuery, page, pageSize: PAGE_SIZE } as never);
    sendPage(
      reply,
      request,
      'suppliers',
      'Suppliers',
      supplierListView({ items, total, page, filters, params }, request.user!),
    );
  }

  @Get('suppliers/:id')
  @Roles(...ALL_ROLES)
  async supplier(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const page = await this.supplierPage.context(id, request.user!);
    sendPage(reply, request, 'supplier', page.supplier.name, page);
  }

  /** Governance overrides the tier with a reason (risk-model section 6), or clears the override. */
  @Post('suppliers/:id/tier')
  @Roles('governance')
  async overrideTier(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const input = await validatedForm(TierOverrideInput, {
        tier: ['1', '2', '3', '4'].includes(body.tier ?? '')
          ? Number(body.tier)
          : body.tier === 'none'
            ? null
            : (body.tier ?? ''),
        reason: body.reason ?? '',
      });
      await this.suppliers.overrideTier(id, input.tier, input.reason);
    } catch (error) {
      return this.failed(reply, request, id, 'tier', error, body);
    }
    redirect(reply, `/console/suppliers/${id}#tier`);
  }

  /** The confirmation step: what offboarding will end, before anything changes. */
  @Get('suppliers/:id/offboard')
  @Roles('procurement')
  async confirmOffboard(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const supplier = await this.suppliers.get(id);
    if (supplier.status === 'offboarded') return redirect(reply, `/console/suppliers/${id}`);
    const links = (await this.ledger.listLinks({ supplierId: id, page: 1, pageSize: 100 } as never)).items.filter(
      (l) => l.status !== 'ended',
    );
    const assets = await this.ledger.assetNamesOf(links.map((l) => l.dataAssetId));
    sendPage(reply, request, 'offboard', `Offboard ${supplier.name}`, {
      supplier: { id, name: supplier.name },
      today: dateText(this.clock.today()),
      links: links.map((l) => ({
        asset: assets.get(l.dataAssetId) ?? 'A data asset',
        purpose: l.purpose,
        records: l.recordCount.toLocaleString('en-GB'),
      })),
      waysIn: (await this.accessPaths.list(id, { status: 'active', page: 1, pageSize: 200 } as never)).items.map(
        (p) => p.description,
      ),
      assessments: (await openAssessmentsOf(this.dataSource.manager, id)).map((a) => ({
        title: a.title,
        status: optionLabel(a.status),
        dueDate: dateText(a.dueDate),
      })),
    });
  }

  /** Procurement ends the relationship: every link ends today, every way in is disabled; the record stays as history. */
  @Post('suppliers/:id/offboard')
  @Roles('procurement')
  async offboard(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.offboarding.run(id);
    } catch (error) {
      return this.failed(reply, request, id, 'offboard', error, {});
    }
    redirect(reply, `/console/suppliers/${id}#offboarded`);
  }

  /** An offboarded supplier made active again (its ended links stay ended, its disabled ways in stay disabled). */
  @Post('suppliers/:id/reactivate')
  @Roles('procurement')
  async reactivate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.reactivation.run(id);
    } catch (error) {
      return this.failed(reply, request, id, 'offboard', error, {});
    }
    redirect(reply, `/console/suppliers/${id}`);
  }

  /** Sends a questionnaire from the supplier page (the default for its tier unless one is chosen). */
  @Post('suppliers/:id/assessments')
  @Roles('procurement')
  async sendQuestionnaire(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    let assessmentId: string;
    const { values, problems } = datesFrom(body, ['dueDate']);
    try {
      if (!problems.length && !values.dueDate) problems.push({ path: 'dueDate', message: 'Enter the due date' });
      const key = body.questionnaireKey && body.questionnaireKey !== 'default' ? body.questionnaireKey : undefined;
      const input = await validatedForm(
        SendAssessmentBody,
        { supplierId: id, dueDate: values.dueDate, questionnaireKey: key },
        problems,
      );
      ({
        assessment: { id: assessmentId },
      } = await this.sending.send(input, request.user!.id));
    } catch (error) {
      return this.failed(
        reply,
        request,
        id,
        'send',
        error,
        { ...body, dueDate: values.dueDate ?? '' },
        'questionnaireKey',
      );
    }
    redirect(reply, `/console/assessments/${assessmentId}`);
  }

  /** The supplier page again, with the refused form's problems and what was typed. */
  private async failed(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    id: string,
    form: FailedForm['form'],
    error: unknown,
    values: Record<string, unknown>,
    fallbackPath = 'status',
  ) {
    const { status, errors } = formProblems(error, form === 'tier' ? 'tier' : fallbackPath);
    const page = await this.supplierPage.context(id, request.user!, { form, errors, values });
    sendPage(reply, request, 'supplier', page.supplier.name, page, true, status);
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
      holders: holders
        .filter((h) => h.classifications.includes('special_category'))
        .map((h) => ({
          supplierId: h.supplierId,
          supplier: h.supplierName,
          tier: h.tier,
          records: h.records.toLocaleString('en-GB'),
        })),
    });
  }
}
