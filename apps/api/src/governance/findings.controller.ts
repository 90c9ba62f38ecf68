import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import { can, Roles, type AuthenticatedRequest } from '@app/identity';
import { pageOf } from '@app/platform';
import { FINDING_SORTS, FindingsService, type Finding } from '@app/risk';
import { reductionPerPound } from '@app/scoring';
import { FindingListParams, FindingPatch } from './finding.input.js';
import { FindingView } from './governance.view.js';

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
  @ApiSort(
    FINDING_SORTS,
    'Default `-severity` (most serious first, then the earliest due); `severity` ascends from low to critical, `status` follows the lifecycle (open, remediation_planned, resolved, accepted).',
  )
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
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: FindingPatch,
    @Req() request: AuthenticatedRequest,
  ) {
    return toFindingView(await this.findings.update(id, body, can(request.user, 'finding.accept')));
  }
}
