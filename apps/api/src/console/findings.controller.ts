import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { can, Roles, type AuthenticatedRequest, type User } from '@app/identity';
import { DomainError } from '@app/platform';
import { FindingsService } from '@app/risk';
import { SuppliersService } from '@app/suppliers';
import { datesFrom, refuse } from './forms.js';
import { FINDING_STATUS_VALUES, findingsBoardView, findingView } from './findings.view.js';
import { ConsoleErrors, redirect, sendPage } from './pages.js';

/** The findings board and one finding's remediation. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/findings')
export class ConsoleFindingsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly suppliers: SuppliersService,
  ) {}

  /** Open work by severity, with filters; each finding has its remediation form. */
  @Get()
  @Roles('procurement', 'governance')
  async board(
    @Query() query: Record<string, string | undefined>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const status = FINDING_STATUS_VALUES.includes(query.status as 'open') ? (query.status as 'open') : undefined;
    const overdue = query.overdue === 'true';
    const { items, total } = await this.findings.list({ status, overdue, page: 1, pageSize: 200 });
    const names = await this.suppliers.namesOf(items.map((f) => f.supplierId));
    sendPage(reply, request, 'findings', 'Findings', findingsBoardView({ items, total, names, status, overdue }));
  }

  @Get(':id')
  @Roles('procurement', 'governance')
  async finding(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    sendPage(reply, request, 'finding', 'Finding', await this.context(id, request.user!));
  }

  /** Remediation updates; accepting the risk is for governance (the same rule as the API). */
  @Post(':id')
  @Roles('procurement', 'governance')
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Record<string, string>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    const status = FINDING_STATUS_VALUES.includes(body.status as 'open') ? (body.status as 'open') : undefined;
    const { values: dates, problems } = datesFrom(body, ['dueDate', 'acceptedUntil']);
    try {
      refuse(problems);
      await this.findings.update(
        id,
        {
          status,
          plannedAction: text(body.plannedAction),
          dueDate: dates.dueDate,
          resolutionEvidence: text(body.resolutionEvidence),
          acceptanceReason: text(body.acceptanceReason),
          acceptedUntil: dates.acceptedUntil,
        },
        can(request.user, 'finding.accept'),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      const values = { ...body, dueDate: dates.dueDate ?? '', acceptedUntil: dates.acceptedUntil ?? '' };
      sendPage(
        reply,
        request,
        'finding',
        'Finding',
        await this.context(id, request.user!, { errors: error.errors, values }),
        true,
        422,
      );
      return;
    }
    redirect(reply, `/console/findings/${id}`);
  }

  private async context(id: string, user: User, failed: Parameters<typeof findingView>[3] = null) {
    const f = await this.findings.get(id);
    const supplier = await this.suppliers.get(f.supplierId);
    return findingView(f, { id: supplier.id, name: supplier.name }, user, failed);
  }
}
