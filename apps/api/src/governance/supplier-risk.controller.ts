import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiItems, ApiProblems } from '../openapi/decorators.js';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { Clock } from '@app/platform';
import { DecisionBody, decisionState, DecisionsService, type RiskDecision } from '@app/risk';
import { SuppliersService, toRiskView, toSupplierView, TierOverrideInput } from '@app/suppliers';
import { RiskDecisionView } from './governance.view.js';

/** The current figures of a supplier, with their explanation (risk-model.md section 8). */
@ApiTags('governance')
@ApiBearerAuth()
@Controller('api/v1/suppliers/:id')
export class SupplierRiskController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly decisions: DecisionsService,
    private readonly clock: Clock,
  ) {}

  /** Tier, band, likelihood, single-loss estimate, value at risk and rating, with their inputs. */
  @Get('risk')
  @Roles(...ALL_ROLES)
  async risk(@Param('id', new ParseUUIDPipe()) id: string) {
    return toRiskView(await this.suppliers.get(id));
  }

  /** risk-model section 6: a governance user may override the tier, with a reason (audited). */
  @Post('tier-override')
  @Roles('governance')
  @HttpCode(200)
  @ApiProblems(422)
  async overrideTier(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: TierOverrideInput) {
    return toSupplierView(await this.suppliers.overrideTier(id, body.tier, body.reason));
  }

  /** Every decision, newest first, each current, expired or superseded. */
  @Get('risk-decisions')
  @Roles('governance')
  @ApiItems(RiskDecisionView)
  async listDecisions(@Param('id', new ParseUUIDPipe()) id: string) {
    const today = this.clock.today();
    return { items: (await this.decisions.list(id)).map((d) => this.view(d, today)) };
  }

  /** Accept, mitigate, transfer (insure) or avoid; replaces the current decision. */
  @Post('risk-decisions')
  @Roles('governance')
  @ApiProblems(422)
  async decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecisionBody,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.view(await this.decisions.record(id, body, request.user?.id ?? null), this.clock.today());
  }

  private view(d: RiskDecision, today: string): RiskDecisionView {
    return {
      id: d.id,
      supplierId: d.supplierId,
      decision: d.decision,
      rationale: d.rationale,
      reviewDate: d.reviewDate,
      ...(d.decision === 'transfer'
        ? { insurer: d.insurer, policyRef: d.policyRef, limit: d.limit, excess: d.excess, expiresOn: d.expiresOn }
        : {}),
      ...(d.decision === 'avoid' ? { endLinksBy: d.endLinksBy } : {}),
      ...(d.decision === 'mitigate' ? { findingIds: d.findingIds } : {}),
      state: decisionState(d, today),
      decidedBy: d.decidedBy,
      createdAt: d.createdAt.toISOString(),
      supersededAt: d.supersededAt?.toISOString() ?? null,
    };
  }
}
