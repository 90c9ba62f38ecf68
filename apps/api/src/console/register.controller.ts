import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AGREEMENT_TYPES, ARTICLE6_BASES, ARTICLE9_CONDITIONS, CONFIDENTIALITY_BASES, CreateDataAssetInput, CreateLinkInput, DATA_CATEGORIES, DataSharingService, DIRECTIONS,
  LINK_STATUSES, PROCESSING_LOCATIONS, PSEUDONYMISATION, TRANSFER_METHODS, UpdateLinkInput, type DataSharingLink,
} from '@app/data-sharing';
import { ALL_ROLES, can, Public, Roles, UsersService, type AuthenticatedRequest } from '@app/identity';
import { Clock, DomainError, SkipRateLimit, templatesDir } from '@app/platform';
import { CLASSIFICATIONS, CRITICALITIES } from '@app/scoring';
import { CONTACT_ROLES, CreateSupplierInput, SUPPLIER_KINDS, SupplierCsv, SuppliersService, UpdateSupplierInput, type ImportResult, type Supplier } from '@app/suppliers';
import { datesFrom, optionLabel, plainMessage, validatedForm } from './forms.js';
import { ConsoleErrors, field, formFields, formProblems, redirect, sendPage, summaryOf, supplierFilters, type FieldSpec } from './pages.js';

type Errors = { path: string; message: string }[];
type Form = Record<string, unknown>;
const CONTACT_ROWS = 4;
const SUPPLIER_TEXT = ['name', 'kind', 'criticality', 'status', 'companiesHouseNumber', 'odsCode', 'ukprn', 'website', 'services', 'notes'] as const;
const LINK_DATES = ['startDate', 'reviewDate', 'endDate'] as const;
const LINK_TEXT = ['purpose', 'direction', 'pseudonymisation', 'article6Basis', 'article9Condition', 'confidentialityBasis', 'agreementType', 'agreementRef', 'transferMethod', 'processingLocation', 'processingCountry', 'startDate', 'reviewDate', 'endDate', 'status'] as const;
const CONSOLE_JS = readFileSync(join(templatesDir('console'), 'assets', 'console.js'), 'utf8');
const CONSOLE_CSS = readFileSync(join(templatesDir('console'), 'assets', 'console.css'), 'utf8');
const text = (body: Form, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
/** A whole number as typed, with or without thousands separators ("12,000"); anything else is left for the validator to name. */
const numberOrText = (value: string) => (/^(\d+|\d{1,3}(,\d{3})+)$/.test(value.trim()) ? Number(value.trim().replace(/,/g, '')) : value.trim() === '' ? undefined : value);

/**
 * The register in the browser: suppliers with their contacts (create, edit), their data-sharing
 * links (add, edit, end), the data assets, and CSV import and export. Every form is checked with
 * the API's own input classes and stored through the same services.
 */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleRegisterController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly ledger: DataSharingService,
    private readonly csv: SupplierCsv,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /** The console's script: live filters and upload progress, enhancements only. */
  @Get('assets/console.js')
  @Public()
  @SkipRateLimit()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  script() {
    return CONSOLE_JS;
  }

  /** The console's own styles beside the NHS.UK frontend (navigation, wrapping, scrolling tables). */
  @Get('assets/console.css')
  @Public()
  @SkipRateLimit()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  styles() {
    return CONSOLE_CSS;
  }

  // ---- suppliers and contacts

  @Get('suppliers/new')
  @Roles('procurement')
  async newSupplier(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.supplierForm(reply, request, null, { kind: 'supplier', criticality: 'moderate', status: 'active', 'contacts[0].role': 'primary' }, []);
  }

  @Post('suppliers')
  @Roles('procurement')
  async createSupplier(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    let created: Supplier;
    try {
      created = await this.suppliers.create(await validatedForm(CreateSupplierInput, supplierValues(body)));
    } catch (error) {
      const { status, errors } = formProblems(error, 'name');
      return this.supplierForm(reply, request, null, body, errors, status);
    }
    redirect(reply, `/console/suppliers/${created.id}`);
  }

  @Get('suppliers/:id/edit')
  @Roles('procurement')
  async editSupplier(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const supplier = await this.suppliers.get(id);
    const values: Form = { ...Object.fromEntries(SUPPLIER_TEXT.map((k) => [k, supplier[k] ?? ''])), tags: supplier.tags.join(', '), ownerId: supplier.ownerId ?? '' };
    supplier.contacts.forEach((c, i) => Object.assign(values, { [`contacts[${i}].id`]: c.id, [`contacts[${i}].name`]: c.name, [`contacts[${i}].email`]: c.email, [`contacts[${i}].phone`]: c.phone ?? '', [`contacts[${i}].role`]: c.role }));
    await this.supplierForm(reply, request, supplier, values, []);
  }

  /** Saves the details and the contacts (the list as shown replaces the stored one, as on the API). */
  @Post('suppliers/:id/edit')
  @Roles('procurement')
  async updateSupplier(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      await this.suppliers.update(id, await validatedForm(UpdateSupplierInput, supplierValues(body)));
    } catch (error) {
      const { status, errors } = formProblems(error, 'name');
      return this.supplierForm(reply, request, await this.suppliers.get(id), body, errors, status);
    }
    redirect(reply, `/console/suppliers/${id}`);
  }

  private async supplierForm(reply: FastifyReply, request: AuthenticatedRequest, supplier: Supplier | null, values: Form, errors: Errors, status = 200) {
    const v = (name: string) => text(values, name);
    // The owner: the internal person accountable for the supplier (procurement or admin, still active).
    const owners = (await this.users.list(1, 500)).items.filter((u) => u.active && (u.role === 'procurement' || u.role === 'admin' || u.id === v('ownerId')));
    const details: FieldSpec[] = [
      { name: 'name', label: 'Name', value: v('name'), autocomplete: 'organization' },
      { name: 'kind', label: 'Kind', value: v('kind'), options: SUPPLIER_KINDS },
      { name: 'criticality', label: 'Criticality of the service to the organisation', value: v('criticality'), options: CRITICALITIES },
      { name: 'status', label: 'Status', value: v('status'), options: ['onboarding', 'active'] },
      { name: 'ownerId', label: 'Owner', value: v('ownerId'), options: owners.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })), blank: 'No owner yet', hint: 'The person in the organisation accountable for this supplier: reminders and escalations go to them' },
      { name: 'companiesHouseNumber', label: 'Companies House number', value: v('companiesHouseNumber'), width: 10, hint: '8 digits, or 2 letters and 6 digits' },
      { name: 'odsCode', label: 'ODS code', value: v('odsCode'), width: 10 },
      { name: 'ukprn', label: 'UKPRN (universities)', value: v('ukprn'), width: 10 },
      { name: 'website', label: 'Website', value: v('website'), type: 'url' },
      { name: 'services', label: 'Services provided', value: v('services'), textarea: true },
      { name: 'tags', label: 'Tags', value: v('tags'), hint: 'Separated by commas, for example: pathology, cloud' },
      { name: 'notes', label: 'Notes', value: v('notes'), textarea: true },
    ];
    const contacts = Array.from({ length: Math.max(CONTACT_ROWS, (supplier?.contacts.length ?? 0) + 1) }, (_, i) => ({
      legend: `Contact ${i + 1}`,
      id: v(`contacts[${i}].id`),
      idName: `contacts[${i}].id`,
      fields: formFields([
        ...contactSpecs(i, v),
      ], errors),
    }));
    const allSpecs = [...details, ...contacts.flatMap((_, i) => contactSpecs(i, v)), { name: 'contacts', label: 'Contacts' }];
    sendPage(reply, request, 'supplier-form', supplier ? `Edit ${supplier.name}` : 'New supplier', {
      heading: supplier ? `Edit ${supplier.name}` : 'New supplier or partner',
      action: supplier ? `/console/suppliers/${supplier.id}/edit` : '/console/suppliers',
      back: supplier ? `/console/suppliers/${supplier.id}` : '/console/suppliers',
      errors: summaryOf(errors, allSpecs),
      fields: formFields(details, errors),
      contacts,
    }, errors.length > 0, status);
  }

  // ---- data-sharing links

  @Get('suppliers/:id/links/new')
  @Roles('procurement')
  async newLink(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const supplier = await this.suppliers.get(id);
    await this.linkForm(reply, request, supplier, null, { direction: 'outbound', pseudonymisation: 'identifiable', processingLocation: 'uk', status: 'active', startDate: this.clock.today() }, []);
  }

  @Post('suppliers/:id/links')
  @Roles('procurement')
  async createLink(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    try {
      const dates = datesFrom(body, LINK_DATES);
      await this.ledger.createLink(await validatedForm(CreateLinkInput, { ...linkValues(body, dates.values), supplierId: id, dataAssetId: text(body, 'dataAssetId') }, dates.problems));
    } catch (error) {
      const { status, errors } = formProblems(error, 'purpose');
      return this.linkForm(reply, request, await this.suppliers.get(id), null, { ...body, ...datesFrom(body, LINK_DATES).values }, errors, status);
    }
    redirect(reply, `/console/suppliers/${id}#links`);
  }

  @Get('links/:id')
  @Roles('procurement')
  async editLink(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const link = await this.ledger.getLink(id);
    const values: Form = { ...Object.fromEntries(LINK_TEXT.map((k) => [k, link[k] ?? ''])), recordCount: String(link.recordCount), dataAssetId: link.dataAssetId };
    await this.linkForm(reply, request, await this.suppliers.get(link.supplierId), link, values, []);
  }

  @Post('links/:id')
  @Roles('procurement')
  async updateLink(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const link = await this.ledger.getLink(id);
    try {
      const dates = datesFrom(body, LINK_DATES);
      await this.ledger.updateLink(id, await validatedForm(UpdateLinkInput, linkValues(body, dates.values), dates.problems));
    } catch (error) {
      const { status, errors } = formProblems(error, 'purpose');
      return this.linkForm(reply, request, await this.suppliers.get(link.supplierId), link, { ...body, ...datesFrom(body, LINK_DATES).values, dataAssetId: link.dataAssetId }, errors, status);
    }
    redirect(reply, `/console/suppliers/${link.supplierId}#links`);
  }

  /** Ends a link today (its end date kept if already past), as the API's PATCH with status `ended`. */
  @Post('links/:id/end')
  @Roles('procurement')
  async endLink(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const link = await this.ledger.getLink(id);
    const today = this.clock.today();
    try {
      await this.ledger.updateLink(id, { status: 'ended', endDate: link.endDate && link.endDate < today ? link.endDate : today });
    } catch (error) {
      const { status, errors } = formProblems(error, 'status');
      return this.linkForm(reply, request, await this.suppliers.get(link.supplierId), link, { ...Object.fromEntries(LINK_TEXT.map((k) => [k, link[k] ?? ''])), recordCount: String(link.recordCount), dataAssetId: link.dataAssetId }, errors, status);
    }
    redirect(reply, `/console/suppliers/${link.supplierId}#links`);
  }

  private async linkForm(reply: FastifyReply, request: AuthenticatedRequest, supplier: Supplier, link: DataSharingLink | null, values: Form, errors: Errors, status = 200) {
    const assets = await this.ledger.listAssets({ page: 1, pageSize: 500 } as never);
    const v = (name: string) => text(values, name);
    const specs: FieldSpec[] = [
      ...(link ? [] : [{ name: 'dataAssetId', label: 'Data asset', value: v('dataAssetId'), options: assets.items.map((a) => ({ value: a.id, label: `${a.name} (${a.classification.replace('_', ' ')}, ${a.recordCount.toLocaleString('en-GB')} records)` })), blank: 'Choose the data asset' }]),
      { name: 'purpose', label: 'Purpose', value: v('purpose'), textarea: true },
      { name: 'recordCount', label: 'Records shared', value: v('recordCount'), width: 10, hint: 'How many records of the asset the supplier holds' },
      { name: 'direction', label: 'Direction', value: v('direction'), options: DIRECTIONS },
      { name: 'pseudonymisation', label: 'Identifiability', value: v('pseudonymisation'), options: PSEUDONYMISATION },
      { name: 'agreementType', label: 'Agreement type', value: v('agreementType'), options: AGREEMENT_TYPES, blank: 'No agreement yet' },
      { name: 'agreementRef', label: 'Agreement reference', value: v('agreementRef'), width: 20 },
      { name: 'article6Basis', label: 'UK GDPR Article 6 basis', value: v('article6Basis'), options: ARTICLE6_BASES, blank: 'Not recorded' },
      { name: 'article9Condition', label: 'Article 9 condition (special-category data)', value: v('article9Condition'), options: ARTICLE9_CONDITIONS, blank: 'Not recorded' },
      { name: 'confidentialityBasis', label: 'Common law duty of confidentiality basis', value: v('confidentialityBasis'), options: CONFIDENTIALITY_BASES, blank: 'Not recorded' },
      { name: 'transferMethod', label: 'Transfer method', value: v('transferMethod'), options: TRANSFER_METHODS, blank: 'Not recorded' },
      { name: 'processingLocation', label: 'Processing location', value: v('processingLocation'), options: PROCESSING_LOCATIONS },
      { name: 'processingCountry', label: 'Processing country (outside the UK)', value: v('processingCountry'), width: 20 },
      { name: 'startDate', label: 'Start date', value: v('startDate'), date: true },
      { name: 'reviewDate', label: 'Review date', value: v('reviewDate'), date: true, hint: 'When the sharing is next reviewed. For example, 27 3 2027' },
      { name: 'endDate', label: 'End date', value: v('endDate'), date: true, hint: 'Leave empty while the sharing continues' },
      { name: 'status', label: 'Status', value: v('status'), options: LINK_STATUSES },
    ];
    sendPage(reply, request, 'link-form', link ? 'Edit data-sharing link' : 'New data-sharing link', {
      heading: link ? `Data-sharing link with ${supplier.name}` : `Share data with ${supplier.name}`,
      supplier: { id: supplier.id, name: supplier.name },
      action: link ? `/console/links/${link.id}` : `/console/suppliers/${supplier.id}/links`,
      endAction: link && link.status !== 'ended' ? `/console/links/${link.id}/end` : null,
      noAssets: !link && assets.items.length === 0,
      errors: summaryOf(errors, specs),
      fields: formFields(specs, errors),
    }, errors.length > 0, status);
  }

  // ---- data assets

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
      await this.ledger.createAsset(await validatedForm(CreateDataAssetInput, { name: text(body, 'name'), description: field(body, 'description') ?? null, classification: text(body, 'classification'), categories, recordCount: numberOrText(text(body, 'recordCount')), systemOfRecord: field(body, 'systemOfRecord') ?? null }));
    } catch (error) {
      const { status, errors } = formProblems(error, 'name');
      return this.assetsPage(reply, request, body, errors, status);
    }
    redirect(reply, '/console/assets');
  }

  private async assetsPage(reply: FastifyReply, request: AuthenticatedRequest, values: Form, errors: Errors, status = 200) {
    const { items, total } = await this.ledger.listAssets({ page: 1, pageSize: 500 } as never);
    const chosen = new Set(Array.isArray(values.categories) ? values.categories : values.categories ? [values.categories] : []);
    const specs: FieldSpec[] = [
      { name: 'name', label: 'Name', value: text(values, 'name') },
      { name: 'classification', label: 'Classification', value: text(values, 'classification'), options: CLASSIFICATIONS },
      { name: 'recordCount', label: 'Records in the asset', value: text(values, 'recordCount'), width: 10 },
      { name: 'systemOfRecord', label: 'System of record', value: text(values, 'systemOfRecord') },
      { name: 'description', label: 'Description', value: text(values, 'description'), textarea: true },
    ];
    sendPage(reply, request, 'assets', 'Data assets', {
      total,
      assets: items.map((a) => ({ name: a.name, classification: optionLabel(a.classification), categories: a.categories.map(optionLabel).join(', ') || '–', records: a.recordCount.toLocaleString('en-GB'), system: a.systemOfRecord ?? '–' })),
      canEdit: can(request.user, 'register.write'),
      errors: summaryOf(errors, [...specs, { name: 'categories', label: 'Categories of data' }]),
      fields: formFields(specs, errors),
      categories: DATA_CATEGORIES.map((value) => ({ value, label: optionLabel(value), checked: chosen.has(value) })),
    }, errors.length > 0, status);
  }

  // ---- CSV import and export

  @Get('suppliers/import')
  @Roles('procurement')
  importPage(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    sendPage(reply, request, 'import', 'Import suppliers', { result: null, errors: [] });
  }

  /**
   * A CSV file (multipart, at most 10 MB) through the API's importer: each row validated with the
   * API's rules, stored or refused on its own; the page lists every row's result. "Check only" runs
   * it without storing anything.
   */
  @Post('suppliers/import')
  @Roles('procurement')
  async importFile(@Req() request: FastifyRequest & AuthenticatedRequest, @Res() reply: FastifyReply) {
    if (!request.isMultipart()) throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Choose a CSV file to upload.', 415);
    let dryRun = false;
    let result: ImportResult | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field' && part.fieldname === 'checkOnly') dryRun = part.value === 'true';
        if (part.type === 'file' && part.fieldname === 'file') result = await this.csv.import(part.file, dryRun);
      }
      if (!result) throw new DomainError('CONSOLE.NO_FILE', 'Choose a CSV file to upload.', 422, [{ path: 'file', message: 'Choose a CSV file to upload' }]);
    } catch (error) {
      const { status, errors } = formProblems(error, 'file');
      return sendPage(reply, request, 'import', 'Import suppliers', { result: null, errors: summaryOf(errors, { file: 'CSV file' }) }, true, status);
    }
    sendPage(reply, request, 'import', 'Import suppliers', {
      errors: [],
      result: {
        ...result,
        lines: result.results.map((r) => ({ line: r.line, status: r.status, name: r.name ?? '', supplierId: r.status !== 'invalid' && !result!.dryRun ? (r.supplierId ?? null) : null, problems: (r.errors ?? []).map((e) => plainMessage(e.path, e.message)).join('. ') })),
      },
    });
  }

  /** The register as CSV, with the list's filters (the same export as the API's `?format=csv`). */
  @Get('suppliers/export')
  @Roles(...ALL_ROLES)
  async exportCsv(@Query() query: Record<string, string | undefined>, @Res() reply: FastifyReply) {
    const body = await this.csv.export({ ...supplierFilters(query).listQuery, page: 1, pageSize: 100 } as never);
    void reply.status(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="suppliers.csv"').header('cache-control', 'no-store').send(body);
  }
}

/** The supplier form as the API's input: every text field as typed (blank clears), tags split, contact rows filled in. */
function supplierValues(body: Form): Form {
  const values: Form = Object.fromEntries(SUPPLIER_TEXT.map((k) => [k, text(body, k)]));
  values.tags = text(body, 'tags').split(',').map((t) => t.trim()).filter(Boolean);
  const contacts = [];
  for (let i = 0; i < 20; i++) {
    const [id, name, email, phone, role] = ['id', 'name', 'email', 'phone', 'role'].map((part) => text(body, `contacts[${i}].${part}`).trim());
    if (!name && !email && !phone) continue;
    contacts.push({ ...(id ? { id } : {}), name, email, phone: phone || null, role });
  }
  values.contacts = contacts;
  values.ownerId = text(body, 'ownerId').trim() || null;
  return values;
}

/** The fields of contact row i; errors name the row ("Contact 2 email"). */
function contactSpecs(i: number, v: (name: string) => string): FieldSpec[] {
  return [
    { name: `contacts[${i}].name`, label: 'Name', errorLabel: `Contact ${i + 1} name`, value: v(`contacts[${i}].name`), autocomplete: 'off' },
    { name: `contacts[${i}].email`, label: 'Email', errorLabel: `Contact ${i + 1} email`, value: v(`contacts[${i}].email`), type: 'email', autocomplete: 'off' },
    { name: `contacts[${i}].phone`, label: 'Phone', errorLabel: `Contact ${i + 1} phone`, value: v(`contacts[${i}].phone`), type: 'tel', width: 20, autocomplete: 'off' },
    { name: `contacts[${i}].role`, label: 'Role', errorLabel: `Contact ${i + 1} role`, value: v(`contacts[${i}].role`), options: CONTACT_ROLES, blank: 'Choose a role' },
  ];
}

/** The link form as the API's input: blank optional choices and dates are "not recorded". */
function linkValues(body: Form, dates: Record<string, string | undefined>): Form {
  const values: Form = Object.fromEntries(LINK_TEXT.map((k) => [k, text(body, k).trim() === '' ? null : text(body, k)]));
  for (const name of LINK_DATES) values[name] = dates[name] ?? null;
  values.recordCount = numberOrText(text(body, 'recordCount'));
  for (const required of ['purpose', 'direction', 'pseudonymisation', 'processingLocation', 'status']) if (values[required] === null) values[required] = '';
  return values;
}
