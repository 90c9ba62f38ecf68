import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, UsersService, type AuthenticatedRequest } from '@app/identity';
import { INCIDENT_SEVERITIES, INCIDENT_SOURCES, IncidentsService, type OpenIncident } from '@app/incidents';
import { Clock, type FieldProblem, OrganisationConfig } from '@app/platform';
import { PdfRenderer } from '@app/reports';
import { SuppliersService } from '@app/suppliers';
import { IncidentExposurePage } from '../procurement/incident-pages.js';
import { londonToIso } from './dates.js';
import { datesFrom, formFields, refuse, summaryOf, type FieldSpec } from './forms.js';
import { incidentListView, incidentView } from './incidents.view.js';
import { ConsoleErrors, formProblems, redirect, sendPage } from './pages.js';

type Form = Record<string, string | undefined>;

/** Incident mode in the browser: the list, opening one, its exposure, suspending links, the timeline, the follow-up and closing. */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console/incidents')
export class ConsoleIncidentsController {
  private readonly exposurePage = new IncidentExposurePage();

  constructor(
    private readonly incidents: IncidentsService,
    private readonly suppliers: SuppliersService,
    private readonly users: UsersService,
    private readonly pdf: PdfRenderer,
    private readonly organisation: OrganisationConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('procurement', 'governance')
  async list(@Query() query: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const status = query.status === 'open' || query.status === 'closed' ? query.status : undefined;
    const { items, total } = await this.incidents.list({ status, page: 1, pageSize: 100 });
    sendPage(reply, request, 'incidents', 'Incidents', incidentListView(items, total, status));
  }

  @Get('new')
  @Roles('procurement', 'governance')
  async newIncident(@Query() query: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.form(
      reply,
      request,
      {
        supplierId: query.supplierId ?? '',
        detectedAt: this.clock.today(),
        detectedTime: '',
        source: 'supplier_notice',
        severity: 'high',
        key: randomUUID(),
      },
      [],
    );
  }

  /** Opens the incident: the exposure at once, the 72-hour follow-up sent. The form's key makes a double submit open it once. */
  @Post()
  @Roles('procurement', 'governance')
  async open(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const { values, problems } = datesFrom(body, ['detectedAt']);
    let id: string;
    try {
      const time = (body.detectedTime ?? '').trim() || '00:00';
      if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(time))
        problems.push({ path: 'detectedTime', message: 'Enter the time as hours and minutes, like 14:30' });
      if (!values.detectedAt && !problems.some((p) => p.path === 'detectedAt'))
        problems.push({ path: 'detectedAt', message: 'Enter the date it was detected' });
      if (!body.supplierId) problems.push({ path: 'supplierId', message: 'Select the supplier' });
      if ((body.summary ?? '').trim().length < 5)
        problems.push({ path: 'summary', message: 'Say what happened, in at least 5 characters' });
      if (!INCIDENT_SOURCES.includes(body.source as never))
        problems.push({ path: 'source', message: 'Select how you heard of it' });
      if (!INCIDENT_SEVERITIES.includes(body.severity as never))
        problems.push({ path: 'severity', message: 'Select the severity' });
      refuse(problems);
      const detectedAt = londonToIso(values.detectedAt!, time);
      const input: OpenIncident = {
        supplierId: body.supplierId!,
        summary: body.summary!.trim(),
        detectedAt,
        source: body.source as OpenIncident['source'],
        severity: body.severity as OpenIncident['severity'],
      };
      ({
        incident: { id },
      } = await this.incidents.open(input, body.key ? `console:${body.key}` : null, request.user!.id));
    } catch (error) {
      const { status, errors } = formProblems(error, 'summary');
      return this.form(reply, request, { ...body, detectedAt: values.detectedAt ?? '' }, errors, status);
    }
    redirect(reply, `/console/incidents/${id}`);
  }

  @Get(':id')
  @Roles('procurement', 'governance')
  async incident(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.page(reply, request, id, []);
  }

  /** The exposure as a printable page, or its PDF (the same pack as the API's). */
  @Get(':id/exposure')
  @Roles('procurement', 'governance')
  async exposure(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: Form, @Res() reply: FastifyReply) {
    const html = this.exposurePage.render(await this.incidents.get(id), this.organisation.name);
    void reply.header('cache-control', 'no-store');
    if (query.format === 'pdf') {
      void reply
        .status(200)
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="incident-${id}-exposure.pdf"`)
        .send(await this.pdf.render(html));
      return;
    }
    void reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'",
      )
      .send(html);
  }

  @Post(':id/suspend-links')
  @Roles('procurement', 'governance')
  async suspend(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.incidents.suspendLinks(id, request.user!.id);
    redirect(reply, `/console/incidents/${id}#timeline`);
  }

  @Post(':id/close')
  @Roles('procurement', 'governance')
  async close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      refuse(
        (body.note ?? '').trim().length < 5
          ? [{ path: 'note', message: 'Say how it ended, in at least 5 characters' }]
          : [],
      );
      await this.incidents.close(id, body.note!.trim(), request.user!.id);
    } catch (error) {
      const { status, errors } = formProblems(error, 'note');
      return this.page(reply, request, id, errors, body.note ?? '', status);
    }
    redirect(reply, `/console/incidents/${id}`);
  }

  private async page(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    id: string,
    errors: FieldProblem[],
    note = '',
    status = 200,
  ) {
    const incident = await this.incidents.get(id);
    const actors = await this.users.namesOf(
      incident.timeline.map((t) => t.actorId).filter((a): a is string => a !== null),
    );
    const specs: FieldSpec[] = [
      {
        name: 'note',
        label: 'How it ended',
        value: note,
        textarea: true,
        hint: 'For example: the supplier confirmed no data of ours was taken; links restored.',
      },
    ];
    sendPage(
      reply,
      request,
      'incident',
      `Incident: ${incident.supplierName}`,
      {
        ...incidentView(incident, actors),
        errors: summaryOf(errors, specs, 'close'),
        closeFields: formFields(specs, errors, 'close'),
      },
      errors.length > 0,
      status,
    );
  }

  private async form(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    values: Form,
    errors: FieldProblem[],
    status = 200,
  ) {
    const { items } = await this.suppliers.list({ page: 1, pageSize: 100, sort: 'name' } as never);
    const v = (name: string) => values[name] ?? '';
    const specs: FieldSpec[] = [
      {
        name: 'supplierId',
        label: 'Supplier',
        value: v('supplierId'),
        options: items.filter((s) => s.status !== 'offboarded').map((s) => ({ value: s.id, label: s.name })),
        blank: 'Choose the supplier',
      },
      { name: 'summary', label: 'What happened', value: v('summary'), textarea: true },
      { name: 'detectedAt', label: 'Date it was detected', value: v('detectedAt'), date: true },
      {
        name: 'detectedTime',
        label: 'Time it was detected (UK time, optional)',
        errorLabel: 'Time it was detected',
        value: v('detectedTime'),
        width: 5,
        hint: 'Hours and minutes, for example 14:30',
      },
      { name: 'source', label: 'How you heard of it', value: v('source'), options: INCIDENT_SOURCES },
      { name: 'severity', label: 'Severity', value: v('severity'), options: INCIDENT_SEVERITIES },
    ];
    sendPage(
      reply,
      request,
      'incident-form',
      'Open an incident',
      { key: v('key') || randomUUID(), errors: summaryOf(errors, specs), fields: formFields(specs, errors) },
      errors.length > 0,
      status,
    );
  }
}
