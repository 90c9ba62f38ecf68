import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AccessPathCsv,
  ACCESS_PATH_KINDS,
  ACCESS_PATH_MFA,
  ACCESS_PATH_STATUSES,
  AccessPathsService,
  CreateAccessPathInput,
  UpdateAccessPathInput,
  type AccessPath,
} from '@app/access-paths';
import { CertificationsService, toCertificationView } from '@app/certifications';
import { DataSharingService } from '@app/data-sharing';
import { Roles, ALL_ROLES, type AuthenticatedRequest } from '@app/identity';
import { Clock } from '@app/platform';
import { SuppliersService, type Supplier } from '@app/suppliers';
import { accessPathValues, assuranceView, withDates, type Form } from './assurance.view.js';
import { formText as text, validatedForm } from './forms.js';
import { ConsoleErrors, formFields, formProblems, redirect, sendPage, summaryOf, type FieldSpec } from './pages.js';

type Errors = { path: string; message: string }[];

const PATH_DATES = ['lastReviewedOn'];

/**
 * A supplier's entry points and certificates in the browser: the page that shows both, and the
 * access paths (what the supplier can reach); certificates are recorded in certifications.controller.ts.
 * Every form is checked with the API's input classes and stored through the same services.
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
  async page(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const supplier = await this.suppliers.get(id);
    const { items: paths } = await this.paths.list(id, { page: 1, pageSize: 200 });
    const { items: certifications, dspt } = await this.certifications.list(id, { page: 1, pageSize: 200 });
    const assets = await this.assetNames(paths.flatMap((p) => p.dataAssetIds));
    const role = request.user!.role;
    sendPage(reply, request, 'assurance', `${supplier.name}: entry points and certificates`, {
      ...assuranceView(
        supplier,
        paths,
        certifications.map((c) => toCertificationView(c, this.clock.today())),
        dspt,
        assets,
      ),
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
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="access-paths.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  }

  @Get('suppliers/:id/access-paths/new')
  @Roles('procurement')
  async newPath(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.pathForm(
      reply,
      request,
      await this.suppliers.get(id),
      null,
      { kind: 'remote_support', mfa: 'enforced', monitored: 'true', lastReviewedOn: this.clock.today() },
      [],
    );
  }

  @Post('suppliers/:id/access-paths')
  @Roles('procurement')
  async createPath(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
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
  async editPath(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const path = await this.paths.get(id);
    const values: Form = {
      kind: path.kind,
      description: path.description,
      systems: path.systems.join(', '),
      dataAssetIds: path.dataAssetIds,
      mfa: path.mfa,
      monitored: String(path.monitored),
      deviceCount: path.deviceCount?.toString() ?? '',
      unsupportedDeviceCount: path.unsupportedDeviceCount?.toString() ?? '',
      lastReviewedOn: path.lastReviewedOn ?? '',
      status: path.status,
    };
    await this.pathForm(reply, request, await this.suppliers.get(path.supplierId), path, values, []);
  }

  @Post('access-paths/:id')
  @Roles('procurement')
  async updatePath(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const path = await this.paths.get(id);
    const { values, problems } = withDates(body, PATH_DATES);
    try {
      await this.paths.update(
        id,
        await validatedForm(UpdateAccessPathInput, accessPathValues(values, false), problems),
      );
    } catch (error) {
      const { status, errors } = formProblems(error, 'description');
      return this.pathForm(reply, request, await this.suppliers.get(path.supplierId), path, values, errors, status);
    }
    redirect(reply, `/console/suppliers/${path.supplierId}/assurance#access-paths`);
  }

  private async pathForm(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    supplier: Supplier,
    path: AccessPath | null,
    values: Form,
    errors: Errors,
    status = 200,
  ) {
    const v = (name: string) => text(values, name);
    const specs: FieldSpec[] = [
      { name: 'kind', label: 'Kind of access', value: v('kind'), options: ACCESS_PATH_KINDS },
      {
        name: 'description',
        label: 'Description',
        value: v('description'),
        hint: 'For example: TeamViewer into the PACS reporting workstations',
      },
      {
        name: 'systems',
        label: 'Systems it reaches',
        value: v('systems'),
        hint: 'Separated by commas, for example: PACS, RIS',
      },
      { name: 'mfa', label: 'Multi-factor authentication', value: v('mfa'), options: ACCESS_PATH_MFA },
      {
        name: 'monitored',
        label: 'Monitored (its use is logged and watched)',
        errorLabel: 'whether it is monitored',
        value: v('monitored'),
        options: [
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ],
      },
      { name: 'deviceCount', label: 'Devices (managed devices only)', value: v('deviceCount'), width: 5, type: 'text' },
      {
        name: 'unsupportedDeviceCount',
        label: 'Of which unsupported (out of vendor support)',
        errorLabel: 'Unsupported devices',
        value: v('unsupportedDeviceCount'),
        width: 5,
      },
      {
        name: 'lastReviewedOn',
        label: 'Last reviewed on',
        errorLabel: 'Date it was last reviewed',
        value: v('lastReviewedOn'),
        date: true,
      },
      ...(path
        ? [
            {
              name: 'status',
              label: 'Status',
              value: v('status'),
              options: ACCESS_PATH_STATUSES,
              hint: 'Disabled: shut for now. Removed: gone for good (it cannot be reopened).',
            } satisfies FieldSpec,
          ]
        : []),
    ];
    const chosen = new Set(
      Array.isArray(values.dataAssetIds)
        ? (values.dataAssetIds as string[])
        : typeof values.dataAssetIds === 'string'
          ? [values.dataAssetIds]
          : [],
    );
    const assets = (await this.allAssets()).map((a) => ({ ...a, checked: chosen.has(a.id) }));
    const assetError =
      errors
        .filter((e) => e.path.startsWith('dataAssetIds'))
        .map((e) => e.message)
        .join('; ') || null;
    sendPage(
      reply,
      request,
      'access-path-form',
      path ? `Edit access path: ${supplier.name}` : `New access path: ${supplier.name}`,
      {
        heading: path ? `Edit an access path of ${supplier.name}` : `Record a way in for ${supplier.name}`,
        action: path ? `/console/access-paths/${path.id}` : `/console/suppliers/${supplier.id}/access-paths`,
        supplier: { id: supplier.id, name: supplier.name },
        errors: summaryOf(
          errors.map((e) => (e.path.startsWith('dataAssetIds') ? { ...e, path: 'dataAssetIds' } : e)),
          [...specs.slice(0, 3), { name: 'dataAssetIds', label: 'Data reachable through it' }, ...specs.slice(3)],
        ),
        fields: formFields(specs, errors),
        assets,
        assetError,
      },
      errors.length > 0,
      status,
    );
  }

  private async allAssets(): Promise<{ id: string; name: string }[]> {
    const { items } = await this.ledger.listAssets({ page: 1, pageSize: 200, sort: 'name' });
    return items.map((a) => ({ id: a.id, name: a.name }));
  }

  private assetNames(ids: string[]): Promise<Map<string, string>> {
    return this.ledger.assetNamesOf(ids);
  }
}
