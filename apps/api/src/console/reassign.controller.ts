import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AssessmentQueries, REASSIGNABLE_STATUSES, ReassignAssessment, ReassignInput } from '@app/assessments';
import { AuditTrail } from '@app/audit';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { daysAgo, humanDate, londonTime, plural } from '@app/notifications';
import { addDays, Clock, daysBetween, validatedInput } from '@app/platform';
import { QuestionnaireCatalogue } from '@app/questionnaires';
import { SuppliersService } from '@app/suppliers';
import { ConsoleErrors, formProblems, redirect, sendPage, summaryOf } from './pages.js';

type Form = Record<string, string | undefined>;
/** A new due date offered when the current one has passed or is too close to be fair to a new person. */
const FRESH_DUE_DAYS = 14;

/**
 * "Nobody replied": who was asked, since when, how to chase them, and the form that sends the
 * questionnaire to another contact of the supplier (the old link revoked, the answers kept, the
 * new contact invited through the outbox). The overdue and escalation emails to internal owners
 * link here.
 */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/assessments')
export class ConsoleReassignController {
  constructor(
    private readonly assessments: AssessmentQueries,
    private readonly reassigning: ReassignAssessment,
    private readonly suppliers: SuppliersService,
    private readonly catalogue: QuestionnaireCatalogue,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  @Get(':id/reassign')
  @Roles('procurement')
  async page(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.render(reply, request, id, {}, []);
  }

  @Post(':id/reassign')
  @Roles('procurement')
  async reassign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const input = await validatedInput(ReassignInput, {
        recipientContactId: body.recipientContactId || undefined,
        dueDate: body.dueDate?.trim() || undefined,
      });
      await this.reassigning.reassign(id, input);
    } catch (error) {
      const { status, errors } = formProblems(error, 'recipientContactId');
      await this.render(reply, request, id, body, errors, status);
      return;
    }
    redirect(reply, `/console/assessments/${id}`);
  }

  private async render(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    id: string,
    values: Form,
    errors: { path: string; message: string }[],
    status = 200,
  ) {
    const { assessment } = await this.assessments.get(id);
    const supplier = await this.suppliers.get(assessment.supplierId);
    const version = await this.catalogue.get(assessment.questionnaireKey, assessment.questionnaireVersion);
    const today = this.clock.today();
    // Since when the current recipient has had it: its latest reassignment, else when it was sent.
    const history = await this.audit.list({ entityType: 'assessment', entityId: id, page: 1, pageSize: 200 });
    const askedAt =
      history.items
        .filter((e) => e.action === 'assessment.reassigned')
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0]?.occurredAt ?? assessment.createdAt;
    const askedOn = londonTime(askedAt).date;
    const overdue = daysBetween(assessment.dueDate, today);
    const suggested = assessment.dueDate > addDays(today, 7) ? assessment.dueDate : addDays(today, FRESH_DUE_DAYS);
    const chosen = values.recipientContactId ?? '';
    sendPage(
      reply,
      request,
      'reassign',
      `Send to someone else: ${supplier.name}`,
      {
        errors: summaryOf(errors, { recipientContactId: 'New recipient', dueDate: 'Due date' }),
        errorFor: Object.fromEntries(errors.map((e) => [e.path, e.message])),
        assessment: {
          id,
          questionnaire: version.title,
          status: assessment.status.replace('_', ' '),
          dueDate: humanDate(assessment.dueDate),
          overdue: overdue > 0 ? `${plural(overdue, 'day')} overdue` : null,
          escalationLevel: assessment.escalationLevel,
        },
        supplier: { id: supplier.id, name: supplier.name },
        asked: {
          name: assessment.recipientName,
          email: assessment.recipientEmail,
          on: humanDate(askedOn),
          ago: daysAgo(daysBetween(askedOn, today)),
        },
        open: REASSIGNABLE_STATUSES.includes(assessment.status),
        contacts: (supplier.contacts ?? [])
          .filter((c) => c.id !== assessment.recipientContactId)
          .map((c) => ({
            id: c.id,
            label: `${c.name} (${c.role.replace('_', ' ')}): ${c.email}`,
            checked: c.id === chosen,
          })),
        dueDate: values.dueDate ?? suggested,
      },
      errors.length > 0,
      status,
    );
  }
}
