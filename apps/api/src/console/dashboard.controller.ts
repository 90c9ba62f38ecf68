import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { SupplyChainReports } from '@app/reports';
import { dashboardView } from './dashboard.view.js';
import { ConsoleErrors, sendPage } from './pages.js';

/** The console's first page. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleDashboardController {
  constructor(private readonly reports: SupplyChainReports) {}

  @Get()
  @Roles(...ALL_ROLES)
  async dashboard(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    sendPage(reply, request, 'dashboard', 'Dashboard', dashboardView(await this.reports.build()));
  }
}
