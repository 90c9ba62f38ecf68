import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessPathCsv, ACCESS_PATH_KINDS, ACCESS_PATH_MFA, ACCESS_PATH_STATUSES, AccessPathsService, CreateAccessPathInput, UpdateAccessPathInput, type AccessPath } from '@app/access-paths';
import { CERTIFICATION_KINDS, CertificationsService, CreateCertificationInput, DSPT_STATUSES, toCertificationView, UpdateCertificationInput, type Certification } from '@app/certifications';
import { DataSharingService } from '@app/data-sharing';
import { Roles, ALL_ROLES, type AuthenticatedRequest } from '@app/identity';
import { Clock, DomainError, RuleViolationError, type FieldProblem } from '@app/platform';
import { SuppliersService, type Supplier } from '@app/suppliers';
import { accessPathValues, assuranceView, certificationFormValues, certificationValues, CERTIFICATION_LABELS, type Form } from './assurance.view.js';
import { datesFrom, validatedForm } from './forms.js';
import { ConsoleErrors, formFields, formProblems, redirect, sendPage, summaryOf, type FieldSpec } from './pages.js';

type Errors = { path: string; message: string }[];
const text = (body: Form, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

const PATH_DATES = ['lastReviewedOn'];
const CERTIFICATE_DATES = ['issuedOn', 'expiresOn'];

/** The form with its NHS.UK date inputs read as YYYY-MM-DD (as typed, `d/m/y`, where not a real date), and their problems. */
function withDates(body: Form, names: string[]): { values: Form; problems: FieldProblem[] } {
  const { values: dates, problems } = datesFrom(body, names);
  // The DSPT's status, named with the rest (the service would only say so once the others are right).
  if (names === CERTIFICATE_DATES && body.kind === 'dspt' && !text(body, 'status').trim()) problems.push({ path: 'status', message: 'must be a valid enum value' });
  return { values: { ...body, ...Object.fromEntries(names.map((name) => [name, dates[name] ?? ''])) }, problems };
}


/**
 * A supplier's entry points and certificates in the browser: what it can reach, and what it has
 * shown. Every form is checked with the API's input classes and stored through the same services.
 */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleAssuranceController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly paths: AccessPathsService,
    private readonly csv: AccessPathCsv,
    private readonly certifications: CertificationsService,
    private readonly ledger: DataSharingService,
    private readonly clock: Clock,
  ) {}

  @Get('suppliers/:id/assurance')
  @Roles(...ALL_ROLES)
  async page(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const supplier = await this.suppliers.get(id);
    const { items: paths } = await this.paths.list(id, { page: 1, pageSize: 200 });
    const { items: certifications, dspt } = await this.certifications.list(id, { page: 1, pageSize: 200 });
    const assets = await this.assetNames(paths.flatMap((p) => p.dataAssetIds));
    const role = request.user!.role;
    sendPage(reply, request, 'assurance', `${supplier.name}: entry points and certificates`, {
      ...assuranceView(supplier, paths, certifications.map((c) => toCertificationView(c, this.clock.today())), dspt, assets),
      canEdit: role === 'procurement' || role === 'admin',
      canVerify: role === 'procurement' || role === 'governance' || role === 'admin',
    });
  }

  // ---- access paths

  /** The same file as `GET /api/v1/suppliers/:id/access-paths?format=csv`, for a signed-in browser. */
  @Get('suppliers/:id/access-paths.csv')
  @Roles(...ALL_ROLES)
  async exportPaths(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    const csv = await this.csv.export(id);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="access-paths.csv"').header('cache-control', 'no-store').send(csv);
  }

  @Get('suppliers/:id/access-paths/new')
  @Roles('procurement')
  async newPath(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.pathForm(reply, request, await this.suppliers.get(id), null, { kind: 'remote_support', mfa: 'enforced', monitored: 'true', lastReviewedOn: this.clock.today() }, []);
  }

  @Post('suppliers/:id/access-paths')
  @Roles('procurement')
  async createPath(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const { values, problems } = withDates(body, PATH_DATES);
    try {
      await this.paths.create(id, await validatedForm(CreateAccessPathInput, accessPathValues(values, true), problems));
    } catch (error) {
      const { status, errors } = formProblems(error, 'description');
      return this.pathForm(reply, request, await this.suppliers.get(id), null, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${id}/assurance#access-paths`);
  }

  @Get('access-paths/:id')
  @Roles('procurement')
  async editPath(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const path = await this.paths.get(id);
    const values: Form = {
      kind: path.kind, description: path.description, systems: path.systems.join(', '), dataAssetIds: path.dataAssetIds, mfa: path.mfa, monitored: String(path.monitored),
      deviceCount: path.deviceCount?.toString() ?? '', unsupportedDeviceCount: path.unsupportedDeviceCount?.toString() ?? '', lastReviewedOn: path.lastReviewedOn ?? '', status: path.status,
    };
    await this.pathForm(reply, request, await this.suppliers.get(path.supplierId), path, values, []);
  }

  @Post('access-paths/:id')
  @Roles('procurement')
  async updatePath(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const path = await this.paths.get(id);
    const { values, problems } = withDates(body, PATH_DATES);
    try {
      await this.paths.update(id, await validatedForm(UpdateAccessPathInput, accessPathValues(values, false), problems));
    } catch (error) {
      const { status, errors } = formProblems(error, 'description');
      return this.pathForm(reply, request, await this.suppliers.get(path.supplierId), path, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${path.supplierId}/assurance#access-paths`);
  }

  private async pathForm(reply: FastifyReply, request: AuthenticatedRequest, supplier: Supplier, path: AccessPath | null, values: Form, errors: Errors, status = 200) {
    const v = (name: string) => text(values, name);
    const specs: FieldSpec[] = [
      { name: 'kind', label: 'Kind of access', value: v('kind'), options: ACCESS_PATH_KINDS },
      { name: 'description', label: 'Description', value: v('description'), hint: 'For example: TeamViewer into the PACS reporting workstations' },
      { name: 'systems', label: 'Systems it reaches', value: v('systems'), hint: 'Separated by commas, for example: PACS, RIS' },
      { name: 'mfa', label: 'Multi-factor authentication', value: v('mfa'), options: ACCESS_PATH_MFA },
      { name: 'monitored', label: 'Monitored (its use is logged and watched)', errorLabel: 'whether it is monitored', value: v('monitored'), options: [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }] },
      { name: 'deviceCount', label: 'Devices (managed devices only)', value: v('deviceCount'), width: 5, type: 'text' },
      { name: 'unsupportedDeviceCount', label: 'Of which unsupported (out of vendor support)', errorLabel: 'Unsupported devices', value: v('unsupportedDeviceCount'), width: 5 },
      { name: 'lastReviewedOn', label: 'Last reviewed on', errorLabel: 'Date it was last reviewed', value: v('lastReviewedOn'), date: true },
      ...(path ? [{ name: 'status', label: 'Status', value: v('status'), options: ACCESS_PATH_STATUSES, hint: 'Disabled: shut for now. Removed: gone for good (it cannot be reopened).' } satisfies FieldSpec] : []),
    ];
    const chosen = new Set(Array.isArray(values.dataAssetIds) ? (values.dataAssetIds as string[]) : typeof values.dataAssetIds === 'string' ? [values.dataAssetIds] : []);
    const assets = (await this.allAssets()).map((a) => ({ ...a, checked: chosen.has(a.id) }));
    const assetError = errors.filter((e) => e.path.startsWith('dataAssetIds')).map((e) => e.message).join('; ') || null;
    sendPage(reply, request, 'access-path-form', path ? `Edit access path: ${supplier.name}` : `New access path: ${supplier.name}`, {
      heading: path ? `Edit an access path of ${supplier.name}` : `Record a way in for ${supplier.name}`,
      action: path ? `/console/access-paths/${path.id}` : `/console/suppliers/${supplier.id}/access-paths`,
      supplier: { id: supplier.id, name: supplier.name },
      errors: summaryOf(errors.map((e) => (e.path.startsWith('dataAssetIds') ? { ...e, path: 'dataAssetIds' } : e)), [...specs.slice(0, 3), { name: 'dataAssetIds', label: 'Data reachable through it' }, ...specs.slice(3)]),
      fields: formFields(specs, errors),
      assets, assetError,
    }, errors.length > 0, status);
  }

  // ---- certifications

  @Get('suppliers/:id/certifications/new')
  @Roles('procurement')
  async newCertification(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    this.certificationForm(reply, request, await this.suppliers.get(id), null, { kind: 'cyber_essentials' }, []);
  }

  @Post('suppliers/:id/certifications')
  @Roles('procurement')
  async createCertification(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const { values, problems } = withDates(body, CERTIFICATE_DATES);
    try {
      await this.certifications.create(id, await validatedForm(CreateCertificationInput, certificationValues(values, true), problems), { id: request.user!.id, role: request.user!.role });
    } catch (error) {
      const { status, errors } = formProblems(error, 'kind');
      return this.certificationForm(reply, request, await this.suppliers.get(id), null, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${id}/assurance#certifications`);
  }

  @Get('certifications/:id')
  @Roles('procurement')
  async editCertification(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const c = await this.certifications.get(id);
    this.certificationForm(reply, request, await this.suppliers.get(c.supplierId), c, certificationFormValues(c), []);
  }

  @Post('certifications/:id')
  @Roles('procurement')
  async updateCertification(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const c = await this.certifications.get(id);
    const { values, problems } = withDates(body, CERTIFICATE_DATES);
    try {
      await this.certifications.update(id, await validatedForm(UpdateCertificationInput, certificationValues(values, false), problems), { id: request.user!.id, role: request.user!.role });
    } catch (error) {
      const { status, errors } = formProblems(error, 'kind');
      return this.certificationForm(reply, request, await this.suppliers.get(c.supplierId), c, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${c.supplierId}/assurance#certifications`);
  }

  /** Attaches the certificate file (multipart; the CSRF token rides in the action's query). */
  @Post('certifications/:id/evidence')
  @Roles('procurement')
  async attachEvidence(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const c = await this.certifications.get(id);
    try {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file || !file.filename) throw new RuleViolationError('CERTIFICATION.EVIDENCE_MISSING', 'Choose a file.', [{ path: 'file', message: 'Choose the certificate file' }]);
      await this.certifications.attachEvidence(id, file.filename, await file.toBuffer());
    } catch (error) {
      if (!(error instanceof DomainError) || ![400, 413, 415, 422].includes(error.status)) throw error;
      const errors = error.errors.length ? error.errors.map((e) => ({ path: e.path, message: e.message })) : [{ path: 'file', message: error.message }];
      return this.certificationForm(reply, request, await this.suppliers.get(c.supplierId), c, certificationFormValues(c), errors, 422);
    }
    redirect(reply, `/console/suppliers/${c.supplierId}/assurance#certifications`);
  }

  /** The certificate file attached through the API, for a signed-in browser. */
  @Get('certifications/:id/evidence')
  @Roles(...ALL_ROLES)
  async evidenceFile(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply) {
    const file = await this.certifications.evidenceFile(id);
    void reply.header('content-type', file.mediaType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(file.content);
  }

  /** Records that the certificate was checked against the certifying body's record: who and when. */
  @Post('certifications/:id/verify')
  @Roles('procurement', 'governance')
  async verify(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const c = await this.certifications.update(id, { verified: true }, { id: request.user!.id, role: request.user!.role });
    redirect(reply, `/console/suppliers/${c.supplierId}/assurance#certifications`);
  }

  private certificationForm(reply: FastifyReply, request: AuthenticatedRequest, supplier: Supplier, c: Certification | null, values: Form, errors: Errors, status = 200) {
    const v = (name: string) => text(values, name);
    const specs: FieldSpec[] = [
      { name: 'kind', label: 'Certification', value: v('kind'), options: CERTIFICATION_KINDS.map((k) => ({ value: k, label: CERTIFICATION_LABELS[k] })) },
      { name: 'status', label: 'DSPT status (DSPT only)', errorLabel: 'the DSPT status', value: v('status'), options: DSPT_STATUSES, blank: 'Not the DSPT' },
      { name: 'reference', label: 'Certificate number or reference', value: v('reference'), width: 20 },
      { name: 'scope', label: 'Scope', value: v('scope'), textarea: true, hint: 'What the certificate covers, as written on it' },
      { name: 'issuedOn', label: 'Issued on', errorLabel: 'Issue date', value: v('issuedOn'), date: true },
      { name: 'expiresOn', label: 'Expires on', errorLabel: 'Expiry date', value: v('expiresOn'), date: true },
      { name: 'evidence', label: 'Evidence', value: v('evidence'), hint: 'Where the certificate checked is kept (a document reference or address)' },
    ];
    sendPage(reply, request, 'certification-form', c ? `Edit certification: ${supplier.name}` : `New certification: ${supplier.name}`, {
      heading: c ? `Edit a certification of ${supplier.name}` : `Record a certification of ${supplier.name}`,
      action: c ? `/console/certifications/${c.id}` : `/console/suppliers/${supplier.id}/certifications`,
      supplier: { id: supplier.id, name: supplier.name },
      verifiedNote: c?.verifiedBy ? 'Changing what was checked clears the verification: verify the new certificate again.' : null,
      upload: c ? { action: `/console/certifications/${c.id}/evidence`, current: c.evidenceFileName, error: errors.filter((e) => e.path === 'file').map((e) => e.message).join('; ') || null } : null,
      errors: summaryOf(errors, specs),
      fields: formFields(specs, errors),
    }, errors.length > 0, status);
  }

  private async allAssets(): Promise<{ id: string; name: string }[]> {
    const { items } = await this.ledger.listAssets({ page: 1, pageSize: 200, sort: 'name' });
    return items.map((a) => ({ id: a.id, name: a.name }));
  }

  private assetNames(ids: string[]): Promise<Map<string, string>> {
    return this.ledger.assetNamesOf(ids);
  }
}
