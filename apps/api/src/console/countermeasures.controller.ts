import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Countermeasures } from '@app/assessments';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { ConsoleErrors, sendPage } from './pages.js';
import { actionView, pathView } from './countermeasures.view.js';

/** "What to fix first" (risk-model section 10): the open findings by the net VaR their fix removes, and each supplier's path to band B. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/countermeasures')
export class ConsoleCountermeasuresController {
  constructor(private readonly countermeasures: Countermeasures) {}

  @Get()
  @Roles('procurement', 'governance')
  async list(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const actions = await this.countermeasures.actions();
    const paths = await this.countermeasures.paths();
    sendPage(reply, request, 'countermeasures', 'What to fix first', {
      total: actions.length,
      actions: actions.slice(0, 100).map((a, i) => actionView(a, i + 1)),
      more: Math.max(0, actions.length - 100),
      paths: paths.map((p) => pathView(p, actions)),
    });
  }
}
