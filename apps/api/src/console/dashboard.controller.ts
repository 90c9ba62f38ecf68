import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ALL_ROLES, can, Roles, type AuthenticatedRequest } from '@app/identity';
import { LossDistributionService } from '@app/risk';
import { SupplyChainReports } from '@app/reports';
import { lossFiguresView } from './countermeasures.view.js';
import { dashboardView } from './dashboard.view.js';
import { ConsoleErrors, sendPage } from './pages.js';

/** The console's first page. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleDashboardController {
  constructor(
    private readonly reports: SupplyChainReports,
    private readonly loss: LossDistributionService,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  async dashboard(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    // The loss distribution is for governance (api.md), as on its route.
    const loss = can(request.user, 'report.read') ? lossFiguresView(await this.loss.current()) : null;
    sendPage(reply, request, 'dashboard', 'Dashboard', { ...dashboardView(await this.reports.build()), loss });
  }
}
