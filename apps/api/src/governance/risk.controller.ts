import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiItems, ApiPage, ApiProblems } from '../openapi/decorators.js';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { ALL_ROLES, can, Roles, type AuthenticatedRequest } from '@app/identity';
import { Clock, NotNullIfPresent, PageQuery, pageOf } from '@app/platform';
import { DecisionBody, decisionState, DecisionsService, FINDING_STATUSES, FindingsService, SEVERITIES, type Finding, type FindingStatus, type RiskDecision, type Severity } from '@app/risk';
import { FRAMEWORKS } from '@app/questionnaires';
import { reductionPerPound } from '@app/scoring';
import { SuppliersService, toRiskView, toSupplierView, TierOverrideInput } from '@app/suppliers';
import { FindingView, RiskDecisionView } from './governance.view.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date as YYYY-MM-DD' };
const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class TierOverrideBody extends TierOverrideInput {}

export class FindingListParams extends PageQuery {
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional() @IsUUID() assessmentId?: string;
  @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @IsOptional() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @IsOptional() @IsIn(Object.keys(FRAMEWORKS)) framework?: string;
  @IsOptional() @Transform(asBoolean) @IsBoolean() overdue?: boolean;
  @IsOptional() @Transform(asBoolean) @IsBoolean() includeSuperseded?: boolean;
}

export class FindingPatch {
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() ownerId?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(DATE, DATE_MESSAGE) @IsISO8601({ strict: true }, DATE_MESSAGE) dueDate?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(3) @MaxLength(5000) plannedAction?: string | null;
  @IsOptional() @NotNullIfPresent() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(3) @MaxLength(5000) resolutionEvidence?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MinLength(10, { message: 'must say why, in at least 10 characters' }) @MaxLength(5000) acceptanceReason?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @Matches(DATE, DATE_MESSAGE) @IsISO8601({ strict: true }, DATE_MESSAGE) acceptedUntil?: string | null;
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsInt({ message: 'must be whole pounds' }) @Min(0) @Max(10_000_000_000) remediationCost?: number | null;
}

export const toFindingView = (f: Finding): FindingView => ({
  id: f.id,
  supplierId: f.supplierId,
  assessmentId: f.assessmentId,
  questionCode: f.questionCode,
  questionText: f.questionText,
  section: f.sectionTitle,
  severity: f.severity,
  status: f.status,
  answer: f.answer,
  comment: f.comment,
  ownerId: f.ownerId,
  dueDate: f.dueDate,
  plannedAction: f.plannedAction,
  resolutionEvidence: f.resolutionEvidence,
  acceptanceReason: f.acceptanceReason,
  acceptedUntil: f.acceptedUntil,
  recommendation: f.recommendation,
  mappings: f.mappings,
  remediationCost: f.remediationCost,
  riskReduction: f.riskReduction,
  reductionPerPound: reductionPerPound(f.riskReduction, f.remediationCost),
  superseded: f.supersededAt !== null,
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
});

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
  async overrideTier(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: TierOverrideBody) {
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
  async decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DecisionBody, @Req() request: AuthenticatedRequest) {
    return this.view(await this.decisions.record(id, body, request.user?.id ?? null), this.clock.today());
  }

  private view(d: RiskDecision, today: string): RiskDecisionView {
    return {
      id: d.id, supplierId: d.supplierId, decision: d.decision, rationale: d.rationale, reviewDate: d.reviewDate,
      ...(d.decision === 'transfer' ? { insurer: d.insurer, policyRef: d.policyRef, limit: d.limit, excess: d.excess, expiresOn: d.expiresOn } : {}),
      ...(d.decision === 'avoid' ? { endLinksBy: d.endLinksBy } : {}),
      ...(d.decision === 'mitigate' ? { findingIds: d.findingIds } : {}),
      state: decisionState(d, today), decidedBy: d.decidedBy, createdAt: d.createdAt.toISOString(), supersededAt: d.supersededAt?.toISOString() ?? null,
    };
  }
}

/** Remediation tracking; accepting a finding's risk is for governance. */
@ApiTags('governance', 'procurement')
@ApiBearerAuth()
@Controller('api/v1/findings')
export class FindingsController {
  constructor(private readonly findings: FindingsService) {}

  /** Findings, filtered by supplier, assessment, severity, status, framework and overdue. */
  @Get()
  @Roles('procurement', 'governance')
  @ApiPage(FindingView)
  async list(@Query() query: FindingListParams) {
    const { items, total } = await this.findings.list(query);
    return pageOf(items.map(toFindingView), total, query);
  }

  /** One finding. */
  @Get(':id')
  @Roles('procurement', 'governance')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toFindingView(await this.findings.get(id));
  }

  /** Plans, resolves or (governance only) accepts a finding. */
  @Patch(':id')
  @Roles('procurement', 'governance')
  @ApiProblems(409, 422)
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FindingPatch, @Req() request: AuthenticatedRequest) {
    return toFindingView(await this.findings.update(id, body, can(request.user, 'finding.accept')));
  }
}
