import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import type { FastifyReply } from 'fastify';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import {
  CloseBody,
  ExposureExportQuery,
  INCIDENT_SORTS,
  IncidentDetailView,
  IncidentListParams,
  IncidentsService,
  IncidentView,
  OpenIncidentBody,
} from '@app/incidents';
import { InvalidInputError, OrganisationConfig, pageOf } from '@app/platform';
import { neutralise, PdfRenderer } from '@app/reports';
import { IncidentExposurePage } from './incident-pages.js';
import { stringify } from 'csv-stringify/sync';

const EXPORT_COLUMNS = [
  'asset',
  'classification',
  'categories',
  'records',
  'status',
  'pseudonymisation',
  'article6Basis',
  'article9Condition',
  'agreementType',
  'agreementRef',
  'reviewDate',
  'endDate',
  'processingLocation',
  'processingCountry',
  'owner',
] as const;

/** Incident mode: a supplier has been breached; what of ours do they hold? (api.md) */
@ApiTags('procurement', 'governance')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  private readonly page = new IncidentExposurePage();

  constructor(
    private readonly incidents: IncidentsService,
    private readonly pdf: PdfRenderer,
    private readonly organisation: OrganisationConfig,
  ) {}

  /** Opens the incident: the exposure at once, and the 72-hour follow-up started. Safe to retry with the same Idempotency-Key. */
  @Post()
  @Roles('procurement', 'governance')
  @ApiResponse({
    status: 201,
    type: IncidentView,
    description: 'The incident, newly opened, with the exposure at opening and the follow-up.',
  })
  @ApiOkResponse({ type: IncidentView, description: 'The incident this Idempotency-Key already opened.' })
  @ApiProblems(409, 422)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'retrying with the same key answers the same incident and owes nothing twice',
  })
  async open(
    @Body() body: OpenIncidentBody,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (key !== undefined && !/^[A-Za-z0-9._:-]{8,200}$/.test(key))
      throw new InvalidInputError('Invalid Idempotency-Key header.', [
        { path: 'Idempotency-Key', message: 'must be 8 to 200 letters, digits or . _ : -' },
      ]);
    const { incident, created } = await this.incidents.open(body, key ?? null, request.user?.id ?? null);
    void reply.status(created ? 201 : 200);
    return incident;
  }

  /** Incidents, newest first unless sorted otherwise, filtered by supplier and status. */
  @Get()
  @Roles('procurement', 'governance')
  @ApiPage(IncidentView)
  @ApiSort(INCIDENT_SORTS, 'Default `-createdAt` (newest first); `severity` ascends from low to critical.')
  async list(@Query() query: IncidentListParams) {
    const { items, total } = await this.incidents.list(query);
    return pageOf(items, total, query);
  }

  /** The incident: exposure when opened and now, follow-up and timeline. */
  @Get(':id')
  @Roles('procurement', 'governance')
  @ApiOkResponse({
    type: IncidentDetailView,
    description: 'The incident with its exposure then and now, and its timeline.',
  })
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.incidents.get(id);
  }

  /** The exposure now, for the incident team and the regulator: one row per link (CSV, default) or the printable pack (PDF). */
  @Get(':id/exposure')
  @Roles('procurement', 'governance')
  @ApiOkResponse({
    description: 'One row per link (CSV), or the printable pack (PDF).',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(503)
  async exposure(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ExposureExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const incident = await this.incidents.get(id);
    if (query.format === 'pdf') {
      const pdf = await this.pdf.render(this.page.render(incident, this.organisation.name));
      void reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="incident-${id}-exposure.pdf"`)
        .header('cache-control', 'no-store');
      return pdf;
    }
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="incident-${id}-exposure.csv"`)
      .header('cache-control', 'no-store');
    const rows = incident.exposureNow.links.map((l) => ({
      ...l,
      categories: l.categories.join(' '),
      owner: l.owner?.email ?? '',
    }));
    return stringify(
      rows.map((r) => EXPORT_COLUMNS.map((c) => neutralise(r[c] ?? ''))),
      { header: true, columns: [...EXPORT_COLUMNS] },
    );
  }

  /** Suspends all the supplier's active data-sharing links, recorded on each link. */
  @Post(':id/suspend-links')
  @Roles('procurement', 'governance')
  @HttpCode(200)
  @ApiProblems(409)
  async suspend(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest) {
    return this.incidents.suspendLinks(id, request.user?.id ?? null);
  }

  /** Closes the incident with a note. */
  @Post(':id/close')
  @Roles('procurement', 'governance')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentView, description: 'The incident, closed.' })
  @ApiProblems(409)
  async close(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseBody,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.incidents.close(id, body.note, request.user?.id ?? null);
  }
}
