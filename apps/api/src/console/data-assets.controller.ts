import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateDataAssetInput, DATA_CATEGORIES, DataSharingService } from '@app/data-sharing';
import { ALL_ROLES, can, Roles, type AuthenticatedRequest } from '@app/identity';
import { CLASSIFICATIONS } from '@app/scoring';
import { formText as text, numberOrText, optionLabel, validatedForm, type Form } from './forms.js';
import {
  ConsoleErrors,
  field,
  formFields,
  formProblems,
  redirect,
  sendPage,
  summaryOf,
  type FieldSpec,
} from './pages.js';

type Errors = { path: string; message: string }[];

/** The data assets: listed for every role, added by procurement (checked with the API's input class). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleDataAssetsController {
  constructor(private readonly ledger: DataSharingService) {}

  @Get('assets')
  @Roles(...ALL_ROLES)
  async assets(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.assetsPage(reply, request, { classification: 'personal' }, []);
  }

  @Post('assets')
  @Roles('procurement')
  async createAsset(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      const categories = Array.isArray(body.categories) ? body.categories : body.categories ? [body.categories] : [];
      await this.ledger.createAsset(
        await validatedForm(CreateDataAssetInput, {
          name: text(body, 'name'),
          description: field(body, 'description') ?? null,
          classification: text(body, 'classification'),
          categories,
          recordCount: numberOrText(text(body, 'recordCount')),
          systemOfRecord: field(body, 'systemOfRecord') ?? null,
        }),
      );
    } catch (error) {
      const { status, errors } = formProblems(error, 'name');
      return this.assetsPage(reply, request, body, errors, status);
    }
    redirect(reply, '/console/assets');
  }

  private async assetsPage(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    values: Form,
    errors: Errors,
    status = 200,
  ) {
    const { items, total } = await this.ledger.listAssets({ page: 1, pageSize: 500 } as never);
    const chosen = new Set(
      Array.isArray(values.categories) ? values.categories : values.categories ? [values.categories] : [],
    );
    const specs: FieldSpec[] = [
      { name: 'name', label: 'Name', value: text(values, 'name') },
      {
        name: 'classification',
        label: 'Classification',
        value: text(values, 'classification'),
        options: CLASSIFICATIONS,
      },
      { name: 'recordCount', label: 'Records in the asset', value: text(values, 'recordCount'), width: 10 },
      { name: 'systemOfRecord', label: 'System of record', value: text(values, 'systemOfRecord') },
      { name: 'description', label: 'Description', value: text(values, 'description'), textarea: true },
    ];
    sendPage(
      reply,
      request,
      'assets',
      'Data assets',
      {
        total,
        assets: items.map((a) => ({
          name: a.name,
          classification: optionLabel(a.classification),
          categories: a.categories.map(optionLabel).join(', ') || '–',
          records: a.recordCount.toLocaleString('en-GB'),
          system: a.systemOfRecord ?? '–',
        })),
        canEdit: can(request.user, 'register.write'),
        errors: summaryOf(errors, [...specs, { name: 'categories', label: 'Categories of data' }]),
        fields: formFields(specs, errors),
        categories: DATA_CATEGORIES.map((value) => ({ value, label: optionLabel(value), checked: chosen.has(value) })),
      },
      errors.length > 0,
      status,
    );
  }
}
