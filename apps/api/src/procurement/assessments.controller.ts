import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { AssessmentsService, ASSESSMENT_STATUSES, type Assessment, type AssessmentAnswer, type AssessmentStatus } from '@app/assessments';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { PageQuery, pageOf } from '@app/platform';

class SendAssessmentBody {
  @IsUUID() supplierId: string;
  @IsOptional() @Matches(/^[a-z0-9-]{3,64}$/, { message: 'must be a questionnaire key' }) questionnaireKey?: string;
  @IsOptional() @IsInt() @Min(1) questionnaireVersion?: number;
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'must be a date as YYYY-MM-DD' }) dueDate: string;
  @IsOptional() @IsUUID() recipientContactId?: string;
}

class ReturnBody {
  @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) questionCodes: string[];
  @IsString() @MinLength(3) @MaxLength(5000) message: string;
}

class AssessmentListParams extends PageQuery {
  @IsOptional() @IsUUID() supplierId?: string;
  @IsOptional() @IsIn(ASSESSMENT_STATUSES) status?: AssessmentStatus;
  @IsOptional() @Matches(/^[a-z0-9-]{3,64}$/) questionnaireKey?: string;
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() overdue?: boolean;
}

export const toAssessmentView = (a: Assessment) => ({
  id: a.id,
  supplierId: a.supplierId,
  questionnaireKey: a.questionnaireKey,
  questionnaireVersion: a.questionnaireVersion,
  recipientContactId: a.recipientContactId,
  dueDate: a.dueDate,
  status: a.status,
  returnedQuestions: a.returnedQuestions,
  returnMessage: a.returnMessage,
  attestation: a.attestation,
  submittedAt: a.submittedAt?.toISOString() ?? null,
  completedAt: a.completedAt?.toISOString() ?? null,
  cancelledAt: a.cancelledAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

const toAnswerView = (a: AssessmentAnswer) => ({ code: a.questionCode, value: a.value, notApplicable: a.notApplicable, comment: a.comment, version: a.version, updatedAt: a.updatedAt.toISOString() });

@ApiTags('assessments')
@ApiBearerAuth()
@Controller('api/v1/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  async list(@Query() query: AssessmentListParams) {
    const { items, total } = await this.assessments.list(query);
    return pageOf(items.map(toAssessmentView), total, query);
  }

  /** Sends a questionnaire; the answer carries the invitation link, this once. */
  @Post()
  @Roles('procurement')
  async send(@Body() body: SendAssessmentBody, @Req() request: AuthenticatedRequest) {
    const { assessment, invitationUrl } = await this.assessments.send(body, request.user?.id ?? null);
    return { ...toAssessmentView(assessment), invitationUrl };
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    const { assessment, answers } = await this.assessments.get(id);
    return { ...toAssessmentView(assessment), answers: answers.map(toAnswerView) };
  }

  /** A new link; the previous one stops working. */
  @Post(':id/resend')
  @Roles('procurement')
  @HttpCode(200)
  async resend(@Param('id', new ParseUUIDPipe()) id: string) {
    const { assessment, invitationUrl } = await this.assessments.resend(id);
    return { ...toAssessmentView(assessment), invitationUrl };
  }

  @Post(':id/cancel')
  @Roles('procurement')
  @HttpCode(200)
  async cancel(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAssessmentView(await this.assessments.cancel(id));
  }

  /** Asks the supplier to clarify the named questions. */
  @Post(':id/return')
  @Roles('procurement')
  @HttpCode(200)
  async return(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReturnBody) {
    return toAssessmentView(await this.assessments.returnForClarification(id, body.questionCodes, body.message));
  }

  @Post(':id/complete')
  @Roles('procurement')
  @HttpCode(200)
  async complete(@Param('id', new ParseUUIDPipe()) id: string) {
    return toAssessmentView(await this.assessments.complete(id));
  }
}

