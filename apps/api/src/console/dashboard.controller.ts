import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ALL_ROLES, can, Roles, type AuthenticatedRequest } from '@app/identity';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { FindingsService } from '@app/risk';
import { SuppliersService } from '@app/suppliers';
import { lossFiguresView } from './countermeasures.view.js';
import { DashboardFigures } from './dashboard-figures.js';
import { dashboardView } from './dashboard.view.js';
import { ConsoleErrors, sendPage } from './pages.js';

/** The console's first page: what needs attention, then the register's risk at a glance. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleDashboardController {
  constructor(
    private readonly figures: DashboardFigures,
    private readonly findings: FindingsService,
    private readonly suppliers: SuppliersService,
    private readonly catalogue: QuestionnaireCatalogue,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  async dashboard(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const user = request.user!;
    // The loss distribution is for governance (api.md), as on its route.
    const { report, loss: distribution } = await this.figures.current(can(user, 'report.read'));
    const overdueFindings =
      user.role === 'viewer'
        ? []
        : (await this.findings.list({ overdue: true, page: 1, pageSize: 50, withTotal: false })).items;
    const titles = new Map((await this.catalogue.list()).map((e) => [e.key, e.title]));
    const view = dashboardView(report, user, { overdueFindings, titles });
    const names = await this.suppliers.namesOf(overdueFindings.map((f) => f.supplierId));
    for (const group of view.attention.groups)
      for (const item of group.items as { supplier: string; supplierId?: string }[])
        if (item.supplierId) item.supplier = names.get(item.supplierId) ?? '';
    const loss = distribution ? lossFiguresView(distribution) : null;
    sendPage(reply, request, 'dashboard', 'Dashboard', { ...view, loss });
  }
}
