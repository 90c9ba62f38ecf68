import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import {
  AdjustAnswer,
  AdjustmentBody,
  ASSESSMENT_SORTS,
  AssessmentQueries,
  CampaignBody,
  ReturnBody,
  SendAssessmentBody,
  CampaignService,
  CancelAssessment,
  CompleteAssessment,
  ReassessAssessment,
  ResendInvitation,
  ReturnForClarification,
  SendQuestionnaire,
  EvidenceService,
  ReassignAssessment,
  ReassignInput,
  type Assessment,
  type AssessmentAnswer,
} from '@app/assessments';
import { AuditTrail } from '@app/audit';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { pageOf } from '@app/platform';
import {
  AssessmentDetailView,
  AssessmentInvitationView,
  AssessmentSentView,
  AssessmentView,
  CampaignResultView,
  type AnswerView,
} from './assessment.view.js';
import { AssessmentListParams } from './assessment-list.input.js';

export const toAssessmentView = (a: Assessment): AssessmentView => ({
  id: a.id,
  supplierId: a.supplierId,
  questionnaireKey: a.questionnaireKey,
  questionnaireVersion: a.questionnaireVersion,
  recipientContactId: a.recipientContactId,
  dueDate: a.dueDate,
  status: a.status,
  escalationLevel: a.escalationLevel,
  returnedQuestions: a.returnedQuestions,
  returnMessage: a.returnMessage,
  attestation: a.attestation,
  // api.md: once scored, `score` (overall, band, sections, criticalFailures), with findings and stage.
  score: a.score,
  submittedAt: a.submittedAt?.toISOString() ?? null,
  completedAt: a.completedAt?.toISOString() ?? null,
  cancelledAt: a.cancelledAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

const toAnswerView = (a: AssessmentAnswer): AnswerView => ({
  code: a.questionCode,
  value: a.value,
  notApplicable: a.notApplicable,
  comment: a.comment,
  version: a.version,
  updatedAt: a.updatedAt.toISOString(),
  adjustment:
    a.adjustedScore === null
      ? null
      : {
          score: a.adjustedScore,
          reason: a.adjustmentReason,
          by: a.adjustedBy,
          at: a.adjustedAt?.toISOString() ?? null,
        },
});

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentQueries,
    private readonly sending: SendQuestionnaire,
    private readonly resending: ResendInvitation,
    private readonly reassessing: ReassessAssessment,
    private readonly adjusting: AdjustAnswer,
    private readonly cancelling: CancelAssessment,
    private readonly returning: ReturnForClarification,
    private readonly completing: CompleteAssessment,
    private readonly campaigns: CampaignService,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditTrail,
    private readonly reassigning: ReassignAssessment,
  ) {}

  /** Assessments, filtered by supplier, status, questionnaire and overdue. */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiPage(AssessmentView)
  @ApiSort(ASSESSMENT_SORTS, 'Default `dueDate` (the earliest due first).')
  async list(@Query() query: AssessmentListParams) {
    const { items, total } = await this.assessments.list(query);
    return pageOf(items.map(toAssessmentView), total, query);
  }

  /**
   * Sends a questionnaire; the answer carries the invitation link, this once. Without a key, the
   * supplier's default set: for a research partner holding patient data, the research questionnaire
   * is sent too, in `alsoSent` with its own link.
   * @remarks Refused with 422 `ASSESSMENT.SUPPLIER_UNKNOWN`, `ASSESSMENT.SUPPLIER_OFFBOARDED`, `ASSESSMENT.QUESTIONNAIRE_UNKNOWN`,
   * `ASSESSMENT.RECIPIENT_REQUIRED` (no primary contact and none named) or `ASSESSMENT.DUE_DATE_PAST` (the due date must be
   * after today); 409 `ASSESSMENT.ALREADY_OPEN` when the supplier has an open assessment of the same questionnaire.
   */
  @Post()
  @Roles('procurement')
  @ApiProblems(409, 422)
  async send(@Body() body: SendAssessmentBody, @Req() request: AuthenticatedRequest): Promise<AssessmentSentView> {
    const { assessment, invitationUrl, alsoSent } = await this.sending.send(body, request.user?.id ?? null);
    return {
      ...toAssessmentView(assessment),
      invitationUrl,
      alsoSent: alsoSent.map((a) => ({ ...toAssessmentView(a.assessment), invitationUrl: a.invitationUrl })),
    };
  }

  /** One questionnaire to many suppliers (a list or a filter), each to its primary contact. */
  @Post('campaigns')
  @Roles('procurement')
  @ApiProblems(422)
  async campaign(@Body() body: CampaignBody, @Req() request: AuthenticatedRequest): Promise<CampaignResultView> {
    return this.campaigns.run(body, request.user?.id ?? null);
  }

  /** One assessment with its answers, evidence files and history. */
  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AssessmentDetailView> {
    const { assessment, answers } = await this.assessments.get(id);
    const evidence = await this.evidence.list(id);
    const history = await this.audit.list({ entityType: 'assessment', entityId: id, page: 1, pageSize: 200 });
    return {
      ...toAssessmentView(assessment),
      answers: answers.map(toAnswerView),
      evidence: evidence.map((e) => ({
        id: e.id,
        question: e.questionCode,
        fileName: e.fileName,
        mediaType: e.mediaType,
        size: e.size,
        sha256: e.sha256,
        createdAt: e.createdAt.toISOString(),
      })),
      // What happened to it, oldest first, from the audit trail.
      history: history.items.reverse().map((h) => ({
        at: h.occurredAt.toISOString(),
        action: h.action,
        actorType: h.actorType,
        actorId: h.actorId,
        changes: h.changes,
      })),
    };
  }

  /** Downloads an evidence file, as an attachment with a safe, server-made name. */
  @Get(':id/evidence/:evidenceId')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    description: 'The file, as stored.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async download(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('evidenceId', new ParseUUIDPipe()) evidenceId: string,
    @Res() reply: FastifyReply,
  ) {
    const file = await this.evidence.download(id, evidenceId);
    void reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  /** A new link; the previous one stops working. */
  @Post(':id/resend')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409, 422)
  async resend(@Param('id', new ParseUUIDPipe()) id: string): Promise<AssessmentInvitationView> {
    const { assessment, invitationUrl } = await this.resending.resend(id);
    return { ...toAssessmentView(assessment), invitationUrl };
  }

  /** Sends it to another contact of the supplier: the old link is revoked, the answers are kept. */
  @Post(':id/reassign')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409, 422)
  async reassign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReassignInput,
  ): Promise<AssessmentInvitationView> {
    const { assessment, invitationUrl } = await this.reassigning.reassign(id, body);
    return { ...toAssessmentView(assessment), invitationUrl };
  }

  /** Sends the same questionnaire again (reassessment due), due in 30 days. */
  @Post(':id/reassess')
  @Roles('procurement')
  @ApiProblems(409, 422)
  async reassess(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
  ): Promise<AssessmentInvitationView> {
    const { assessment, invitationUrl } = await this.reassessing.reassess(id, request.user?.id ?? null);
    return { ...toAssessmentView(assessment), invitationUrl };
  }

  /**
   * Marks an answer "not supported by evidence" and sets the score it counts for (null clears it).
   * Procurement lowers; raising above the answer's own score is governance's (403 otherwise).
   */
  @Post(':id/adjustments')
  @Roles('procurement', 'governance')
  @HttpCode(200)
  @ApiProblems(409, 422)
  async adjust(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AdjustmentBody,
    @Req() request: AuthenticatedRequest,
  ) {
    return toAssessmentView(
      await this.adjusting.adjust(id, body.questionCode, body.score, body.reason, request.user ?? null),
    );
  }

  /** Cancels it; the link stops working. */
  @Post(':id/cancel')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409)
  async cancel(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAssessmentView(await this.cancelling.cancel(id));
  }

  /** Asks the supplier to clarify the named questions. */
  @Post(':id/return')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409, 422)
  async return(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReturnBody) {
    return toAssessmentView(await this.returning.returnForClarification(id, body.questionCodes, body.message));
  }

  /** Completes the review: the final score, findings raised, the supplier's figures recomputed. */
  @Post(':id/complete')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409, 422)
  async complete(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAssessmentView(await this.completing.complete(id));
  }
}
