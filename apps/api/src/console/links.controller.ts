import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AGREEMENT_TYPES,
  ARTICLE6_BASES,
  ARTICLE9_CONDITIONS,
  CONFIDENTIALITY_BASES,
  CreateLinkInput,
  DataSharingService,
  DIRECTIONS,
  LINK_STATUSES,
  PROCESSING_LOCATIONS,
  PSEUDONYMISATION,
  TRANSFER_METHODS,
  UpdateLinkInput,
  type DataSharingLink,
} from '@app/data-sharing';
import { Roles, type AuthenticatedRequest } from '@app/identity';
import { Clock } from '@app/platform';
import { SuppliersService, type Supplier } from '@app/suppliers';
import { datesFrom, formText as text, numberOrText, validatedForm, type Form } from './forms.js';
import { ConsoleErrors, formFields, formProblems, redirect, sendPage, summaryOf, type FieldSpec } from './pages.js';

type Errors = { path: string; message: string }[];
const LINK_DATES = ['startDate', 'reviewDate', 'endDate'] as const;
const LINK_TEXT = [
  'purpose',
  'direction',
  'pseudonymisation',
  'article6Basis',
  'article9Condition',
  'confidentialityBasis',
  'agreementType',
  'agreementRef',
  'transferMethod',
  'processingLocation',
  'processingCountry',
  'startDate',
  'reviewDate',
  'endDate',
  'status',
] as const;

/** A supplier's data-sharing links in the browser: add, edit and end (checked with the API's input classes). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleLinksController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly ledger: DataSharingService,
    private readonly clock: Clock,
  ) {}

  @Get('suppliers/:id/links/new')
  @Roles('procurement')
  async newLink(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const supplier = await this.suppliers.get(id);
    await this.linkForm(
      reply,
      request,
      supplier,
      null,
      {
        direction: 'outbound',
        pseudonymisation: 'identifiable',
        processingLocation: 'uk',
        status: 'active',
        startDate: this.clock.today(),
      },
      [],
    );
  }

  @Post('suppliers/:id/links')
  @Roles('procurement')
  async createLink(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const dates = datesFrom(body, LINK_DATES);
      await this.ledger.createLink(
        await validatedForm(
          CreateLinkInput,
          { ...linkValues(body, dates.values), supplierId: id, dataAssetId: text(body, 'dataAssetId') },
          dates.problems,
        ),
      );
    } catch (error) {
      const { status, errors } = formProblems(error, 'purpose');
      return this.linkForm(
        reply,
        request,
        await this.suppliers.get(id),
        null,
        { ...body, ...datesFrom(body, LINK_DATES).values },
        errors,
        status,
      );
    }
    redirect(reply, `/console/suppliers/${id}#links`);
  }

  @Get('links/:id')
  @Roles('procurement')
  async editLink(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const link = await this.ledger.getLink(id);
    const values: Form = {
      ...Object.fromEntries(LINK_TEXT.map((k) => [k, link[k] ?? ''])),
      recordCount: String(link.recordCount),
      dataAssetId: link.dataAssetId,
    };
    await this.linkForm(reply, request, await this.suppliers.get(link.supplierId), link, values, []);
  }

  @Post('links/:id')
  @Roles('procurement')
  async updateLink(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const link = await this.ledger.getLink(id);
    try {
      const dates = datesFrom(body, LINK_DATES);
      await this.ledger.updateLink(
        id,
        await validatedForm(UpdateLinkInput, linkValues(body, dates.values), dates.problems),
      );
    } catch (error) {
      const { status, errors } = formProblems(error, 'purpose');
      return this.linkForm(
        reply,
        request,
        await this.suppliers.get(link.supplierId),
        link,
        { ...body, ...datesFrom(body, LINK_DATES).values, dataAssetId: link.dataAssetId },
        errors,
        status,
      );
    }
    redirect(reply, `/console/suppliers/${link.supplierId}#links`);
  }

  /** Ends a link today (its end date kept if already past), as the API's PATCH with status `ended`. */
  @Post('links/:id/end')
  @Roles('procurement')
  async endLink(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const link = await this.ledger.getLink(id);
    const today = this.clock.today();
    try {
      await this.ledger.updateLink(id, {
        status: 'ended',
        endDate: link.endDate && link.endDate < today ? link.endDate : today,
      });
    } catch (error) {
      const { status, errors } = formProblems(error, 'status');
      return this.linkForm(
        reply,
        request,
        await this.suppliers.get(link.supplierId),
        link,
        {
          ...Object.fromEntries(LINK_TEXT.map((k) => [k, link[k] ?? ''])),
          recordCount: String(link.recordCount),
          dataAssetId: link.dataAssetId,
        },
        errors,
        status,
      );
    }
    redirect(reply, `/console/suppliers/${link.supplierId}#links`);
  }

  private async linkForm(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    supplier: Supplier,
    link: DataSharingLink | null,
    values: Form,
    errors: Errors,
    status = 200,
  ) {
    const assets = await this.ledger.listAssets({ page: 1, pageSize: 500 } as never);
    const v = (name: string) => text(values, name);
    const specs: FieldSpec[] = [
      ...(link
        ? []
        : [
            {
              name: 'dataAssetId',
              label: 'Data asset',
              value: v('dataAssetId'),
              options: assets.items.map((a) => ({
                value: a.id,
                label: `${a.name} (${a.classification.replace('_', ' ')}, ${a.recordCount.toLocaleString('en-GB')} records)`,
              })),
              blank: 'Choose the data asset',
            },
          ]),
      { name: 'purpose', label: 'Purpose', value: v('purpose'), textarea: true },
      {
        name: 'recordCount',
        label: 'Records shared',
        value: v('recordCount'),
        width: 10,
        hint: 'How many records of the asset the supplier holds',
      },
      { name: 'direction', label: 'Direction', value: v('direction'), options: DIRECTIONS },
      { name: 'pseudonymisation', label: 'Identifiability', value: v('pseudonymisation'), options: PSEUDONYMISATION },
      {
        name: 'agreementType',
        label: 'Agreement type',
        value: v('agreementType'),
        options: AGREEMENT_TYPES,
        blank: 'No agreement yet',
      },
      { name: 'agreementRef', label: 'Agreement reference', value: v('agreementRef'), width: 20 },
      {
        name: 'article6Basis',
        label: 'UK GDPR Article 6 basis',
        value: v('article6Basis'),
        options: ARTICLE6_BASES,
        blank: 'Not recorded',
      },
      {
        name: 'article9Condition',
        label: 'Article 9 condition (special-category data)',
        value: v('article9Condition'),
        options: ARTICLE9_CONDITIONS,
        blank: 'Not recorded',
      },
      {
        name: 'confidentialityBasis',
        label: 'Common law duty of confidentiality basis',
        value: v('confidentialityBasis'),
        options: CONFIDENTIALITY_BASES,
        blank: 'Not recorded',
      },
      {
        name: 'transferMethod',
        label: 'Transfer method',
        value: v('transferMethod'),
        options: TRANSFER_METHODS,
        blank: 'Not recorded',
      },
      {
        name: 'processingLocation',
        label: 'Processing location',
        value: v('processingLocation'),
        options: PROCESSING_LOCATIONS,
      },
      {
        name: 'processingCountry',
        label: 'Processing country (outside the UK)',
        value: v('processingCountry'),
        width: 20,
      },
      { name: 'startDate', label: 'Start date', value: v('startDate'), date: true },
      {
        name: 'reviewDate',
        label: 'Review date',
        value: v('reviewDate'),
        date: true,
        hint: 'When the sharing is next reviewed. For example, 27 3 2027',
      },
      {
        name: 'endDate',
        label: 'End date',
        value: v('endDate'),
        date: true,
        hint: 'Leave empty while the sharing continues',
      },
      { name: 'status', label: 'Status', value: v('status'), options: LINK_STATUSES },
    ];
    sendPage(
      reply,
      request,
      'link-form',
      link ? 'Edit data-sharing link' : 'New data-sharing link',
      {
        heading: link ? `Data-sharing link with ${supplier.name}` : `Share data with ${supplier.name}`,
        supplier: { id: supplier.id, name: supplier.name },
        action: link ? `/console/links/${link.id}` : `/console/suppliers/${supplier.id}/links`,
        endAction: link && link.status !== 'ended' ? `/console/links/${link.id}/end` : null,
        noAssets: !link && assets.items.length === 0,
        errors: summaryOf(errors, specs),
        fields: formFields(specs, errors),
      },
      errors.length > 0,
      status,
    );
  }
}

/** The link form as the API's input: blank optional choices and dates are "not recorded". */
function linkValues(body: Form, dates: Record<string, string | undefined>): Form {
  const values: Form = Object.fromEntries(
    LINK_TEXT.map((k) => [k, text(body, k).trim() === '' ? null : text(body, k)]),
  );
  for (const name of LINK_DATES) values[name] = dates[name] ?? null;
  values.recordCount = numberOrText(text(body, 'recordCount'));
  for (const required of ['purpose', 'direction', 'pseudonymisation', 'processingLocation', 'status'])
    if (values[required] === null) values[required] = '';
  return values;
}
