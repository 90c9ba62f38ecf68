import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSort } from '../openapi/decorators.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CERTIFICATION_SORTS,
  CertificationListQuery,
  CertificationPageView,
  CertificationsService,
  CertificationView,
  CreateCertificationInput,
  toCertificationView,
  UpdateCertificationInput,
} from '@app/certifications';
import { ALL_ROLES, Roles, type AuthenticatedRequest } from '@app/identity';
import { Clock, DomainError, pageOf } from '@app/platform';

/** What each supplier has proven: certificates and its DSPT status, with expiry and verification (api.md). */
@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1')
export class CertificationsController {
  constructor(
    private readonly certifications: CertificationsService,
    private readonly clock: Clock,
  ) {}

  /** The supplier's certifications, each `expired`/`current` today, and `dspt`: whether it receives patient data without a current DSPT of standards met or better. */
  @Get('suppliers/:id/certifications')
  @Roles(...ALL_ROLES)
  @ApiSort(CERTIFICATION_SORTS, 'Default `-expiresOn` (the latest expiry first).')
  async list(
    @Param('id', new ParseUUIDPipe()) supplierId: string,
    @Query() query: CertificationListQuery,
  ): Promise<CertificationPageView> {
    const { items, total, dspt } = await this.certifications.list(supplierId, query);
    const today = this.clock.today();
    return {
      ...pageOf(
        items.map((c) => toCertificationView(c, today)),
        total,
        query,
      ),
      dspt,
    };
  }

  /** Records a certification the supplier holds (audited). */
  @Post('suppliers/:id/certifications')
  @Roles('procurement')
  @ApiProblems(422)
  async create(
    @Param('id', new ParseUUIDPipe()) supplierId: string,
    @Body() body: CreateCertificationInput,
    @Req() request: AuthenticatedRequest,
  ): Promise<CertificationView> {
    return toCertificationView(
      await this.certifications.create(supplierId, body, { id: request.user?.id ?? null, role: request.user!.role }),
      this.clock.today(),
    );
  }

  /** One certification, `expired` and `current` as of today. */
  @Get('certifications/:id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CertificationView> {
    return toCertificationView(await this.certifications.get(id), this.clock.today());
  }

  /** Procurement edits; procurement or governance sets `verified` (who and when are recorded). */
  @Patch('certifications/:id')
  @Roles('procurement', 'governance')
  @ApiProblems(422)
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateCertificationInput,
    @Req() request: AuthenticatedRequest,
  ): Promise<CertificationView> {
    return toCertificationView(
      await this.certifications.update(id, body, { id: request.user?.id ?? null, role: request.user!.role }),
      this.clock.today(),
    );
  }

  /** The certificate checked, as a file: multipart field `file`; its type is checked by content. Replaces any file before it and clears the verification. */
  @Post('certifications/:id/evidence')
  @Roles('procurement')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiProblems(413, 415, 422)
  async attach(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<CertificationView> {
    if (!request.isMultipart())
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data.', 415);
    const file = await request.file();
    if (!file)
      throw new DomainError('REQUEST.INVALID', 'No file was sent.', 400, [{ path: 'file', message: 'is required' }]);
    return toCertificationView(
      await this.certifications.attachEvidence(id, file.filename, await file.toBuffer()),
      this.clock.today(),
    );
  }

  /** The certificate file, as it was attached. */
  @Get('certifications/:id/evidence')
  @ApiOkResponse({
    description: 'The certificate file, with its stored media type.',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @Roles(...ALL_ROLES)
  async download(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    const file = await this.certifications.evidenceFile(id);
    void reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.content);
  }
}
