import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CERTIFICATION_KINDS,
  CertificationsService,
  CreateCertificationInput,
  DSPT_STATUSES,
  UpdateCertificationInput,
  type Certification,
} from '@app/certifications';
import { Roles, ALL_ROLES, type AuthenticatedRequest } from '@app/identity';
import { DomainError, RuleViolationError, type FieldProblem } from '@app/platform';
import { SuppliersService, type Supplier } from '@app/suppliers';
import {
  certificationFormValues,
  certificationValues,
  CERTIFICATION_LABELS,
  withDates,
  type Form,
} from './assurance.view.js';
import { formText as text, validatedForm } from './forms.js';
import { ConsoleErrors, formFields, formProblems, redirect, sendPage, summaryOf, type FieldSpec } from './pages.js';

type Errors = { path: string; message: string }[];

const CERTIFICATE_DATES = ['issuedOn', 'expiresOn'];

/** The certificate form's dates, and the DSPT's status named with the rest (the service would only say so once the others are right). */
function certificateDates(body: Form): { values: Form; problems: FieldProblem[] } {
  const { values, problems } = withDates(body, CERTIFICATE_DATES);
  if (body.kind === 'dspt' && !text(body, 'status').trim())
    problems.push({ path: 'status', message: 'must be a valid enum value' });
  return { values, problems };
}

/** A supplier's certificates in the browser: record, edit, attach the file, verify (checked with the API's input classes). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleCertificationsController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly certifications: CertificationsService,
  ) {}

  @Get('suppliers/:id/certifications/new')
  @Roles('procurement')
  async newCertification(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    this.certificationForm(reply, request, await this.suppliers.get(id), null, { kind: 'cyber_essentials' }, []);
  }

  @Post('suppliers/:id/certifications')
  @Roles('procurement')
  async createCertification(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const { values, problems } = certificateDates(body);
    try {
      await this.certifications.create(
        id,
        await validatedForm(CreateCertificationInput, certificationValues(values, true), problems),
        { id: request.user!.id, role: request.user!.role },
      );
    } catch (error) {
      const { status, errors } = formProblems(error, 'kind');
      return this.certificationForm(reply, request, await this.suppliers.get(id), null, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${id}/assurance#certifications`);
  }

  @Get('certifications/:id')
  @Roles('procurement')
  async editCertification(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.certifications.get(id);
    this.certificationForm(reply, request, await this.suppliers.get(c.supplierId), c, certificationFormValues(c), []);
  }

  @Post('certifications/:id')
  @Roles('procurement')
  async updateCertification(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.certifications.get(id);
    const { values, problems } = certificateDates(body);
    try {
      await this.certifications.update(
        id,
        await validatedForm(UpdateCertificationInput, certificationValues(values, false), problems),
        { id: request.user!.id, role: request.user!.role },
      );
    } catch (error) {
      const { status, errors } = formProblems(error, 'kind');
      return this.certificationForm(reply, request, await this.suppliers.get(c.supplierId), c, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${c.supplierId}/assurance#certifications`);
  }

  /** Attaches the certificate file (multipart; the CSRF token rides in the action's query). */
  @Post('certifications/:id/evidence')
  @Roles('procurement')
  async attachEvidence(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.certifications.get(id);
    try {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file || !file.filename)
        throw new RuleViolationError('CERTIFICATION.EVIDENCE_MISSING', 'Choose a file.', [
          { path: 'file', message: 'Choose the certificate file' },
        ]);
      await this.certifications.attachEvidence(id, file.filename, await file.toBuffer());
    } catch (error) {
      if (!(error instanceof DomainError) || ![400, 413, 415, 422].includes(error.status)) throw error;
      const errors = error.errors.length
        ? error.errors.map((e) => ({ path: e.path, message: e.message }))
        : [{ path: 'file', message: error.message }];
      return this.certificationForm(
        reply,
        request,
        await this.suppliers.get(c.supplierId),
        c,
        certificationFormValues(c),
        errors,
        422,
      );
    }
    redirect(reply, `/console/suppliers/${c.supplierId}/assurance#certifications`);
  }

  /** The certificate file attached through the API, for a signed-in browser. */
  @Get('certifications/:id/evidence')
  @Roles(...ALL_ROLES)
  async evidenceFile(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    const file = await this.certifications.evidenceFile(id);
    void reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  /** Records that the certificate was checked against the certifying body's record: who and when. */
  @Post('certifications/:id/verify')
  @Roles('procurement', 'governance')
  async verify(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const c = await this.certifications.update(
      id,
      { verified: true },
      { id: request.user!.id, role: request.user!.role },
    );
    redirect(reply, `/console/suppliers/${c.supplierId}/assurance#certifications`);
  }

  private certificationForm(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    supplier: Supplier,
    c: Certification | null,
    values: Form,
    errors: Errors,
    status = 200,
  ) {
    const v = (name: string) => text(values, name);
    const specs: FieldSpec[] = [
      {
        name: 'kind',
        label: 'Certification',
        value: v('kind'),
        options: CERTIFICATION_KINDS.map((k) => ({ value: k, label: CERTIFICATION_LABELS[k] })),
      },
      {
        name: 'status',
        label: 'DSPT status (DSPT only)',
        errorLabel: 'the DSPT status',
        value: v('status'),
        options: DSPT_STATUSES,
        blank: 'Not the DSPT',
      },
      { name: 'reference', label: 'Certificate number or reference', value: v('reference'), width: 20 },
      {
        name: 'scope',
        label: 'Scope',
        value: v('scope'),
        textarea: true,
        hint: 'What the certificate covers, as written on it',
      },
      { name: 'issuedOn', label: 'Issued on', errorLabel: 'Issue date', value: v('issuedOn'), date: true },
      { name: 'expiresOn', label: 'Expires on', errorLabel: 'Expiry date', value: v('expiresOn'), date: true },
      {
        name: 'evidence',
        label: 'Evidence',
        value: v('evidence'),
        hint: 'Where the certificate checked is kept (a document reference or address)',
      },
    ];
    sendPage(
      reply,
      request,
      'certification-form',
      c ? `Edit certification: ${supplier.name}` : `New certification: ${supplier.name}`,
      {
        heading: c ? `Edit a certification of ${supplier.name}` : `Record a certification of ${supplier.name}`,
        action: c ? `/console/certifications/${c.id}` : `/console/suppliers/${supplier.id}/certifications`,
        supplier: { id: supplier.id, name: supplier.name },
        verifiedNote: c?.verifiedBy
          ? 'Changing what was checked clears the verification: verify the new certificate again.'
          : null,
        upload: c
          ? {
              action: `/console/certifications/${c.id}/evidence`,
              current: c.evidenceFileName,
              error:
                errors
                  .filter((e) => e.path === 'file')
                  .map((e) => e.message)
                  .join('; ') || null,
            }
          : null,
        errors: summaryOf(errors, specs),
        fields: formFields(specs, errors),
      },
      errors.length > 0,
      status,
    );
  }
}
