import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, UsersService, type AuthenticatedRequest } from '@app/identity';
import { CRITICALITIES } from '@app/scoring';
import {
  CONTACT_ROLES,
  CreateSupplierInput,
  SUPPLIER_KINDS,
  SuppliersService,
  UpdateSupplierInput,
  type Supplier,
} from '@app/suppliers';
import { formText as text, validatedForm, type Form } from './forms.js';
import { ConsoleErrors, formFields, formProblems, redirect, sendPage, summaryOf, type FieldSpec } from './pages.js';

type Errors = { path: string; message: string }[];
const CONTACT_ROWS = 4;
const SUPPLIER_TEXT = [
  'name',
  'kind',
  'criticality',
  'status',
  'companiesHouseNumber',
  'odsCode',
  'ukprn',
  'website',
  'services',
  'notes',
] as const;

/** The supplier form: a new supplier, or a supplier's details and contacts edited (checked with the API's input classes). */
@ApiExcludeController()
@UseFilters(ConsoleErrors)
@Controller('console')
export class ConsoleSupplierFormController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly users: UsersService,
  ) {}

  @Get('suppliers/new')
  @Roles('procurement')
  async newSupplier(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    await this.supplierForm(
      reply,
      request,
      null,
      { kind: 'supplier', criticality: 'moderate', status: 'active', 'contacts[0].role': 'primary' },
      [],
    );
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
  async editSupplier(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    const supplier = await this.suppliers.get(id);
    const values: Form = {
      ...Object.fromEntries(SUPPLIER_TEXT.map((k) => [k, supplier[k] ?? ''])),
      tags: supplier.tags.join(', '),
      ownerId: supplier.ownerId ?? '',
    };
    supplier.contacts.forEach((c, i) =>
      Object.assign(values, {
        [`contacts[${i}].id`]: c.id,
        [`contacts[${i}].name`]: c.name,
        [`contacts[${i}].email`]: c.email,
        [`contacts[${i}].phone`]: c.phone ?? '',
        [`contacts[${i}].role`]: c.role,
      }),
    );
    await this.supplierForm(reply, request, supplier, values, []);
  }

  /** Saves the details and the contacts (the list as shown replaces the stored one, as on the API). */
  @Post('suppliers/:id/edit')
  @Roles('procurement')
  async updateSupplier(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.suppliers.update(id, await validatedForm(UpdateSupplierInput, supplierValues(body)));
    } catch (error) {
      const { status, errors } = formProblems(error, 'name');
      return this.supplierForm(reply, request, await this.suppliers.get(id), body, errors, status);
    }
    redirect(reply, `/console/suppliers/${id}`);
  }

  private async supplierForm(
    reply: FastifyReply,
    request: AuthenticatedRequest,
    supplier: Supplier | null,
    values: Form,
    errors: Errors,
    status = 200,
  ) {
    const v = (name: string) => text(values, name);
    // The owner: the internal person accountable for the supplier (procurement or admin, still active).
    const owners = (await this.users.list(1, 500)).items.filter(
      (u) => u.active && (u.role === 'procurement' || u.role === 'admin' || u.id === v('ownerId')),
    );
    const details: FieldSpec[] = [
      { name: 'name', label: 'Name', value: v('name'), autocomplete: 'organization' },
      { name: 'kind', label: 'Kind', value: v('kind'), options: SUPPLIER_KINDS },
      {
        name: 'criticality',
        label: 'Criticality of the service to the organisation',
        value: v('criticality'),
        options: CRITICALITIES,
      },
      { name: 'status', label: 'Status', value: v('status'), options: ['onboarding', 'active'] },
      {
        name: 'ownerId',
        label: 'Owner',
        value: v('ownerId'),
        options: owners.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
        blank: 'No owner yet',
        hint: 'The person in the organisation accountable for this supplier: reminders and escalations go to them',
      },
      {
        name: 'companiesHouseNumber',
        label: 'Companies House number',
        value: v('companiesHouseNumber'),
        width: 10,
        hint: '8 digits, or 2 letters and 6 digits',
      },
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
      fields: formFields([...contactSpecs(i, v)], errors),
    }));
    const allSpecs = [
      ...details,
      ...contacts.flatMap((_, i) => contactSpecs(i, v)),
      { name: 'contacts', label: 'Contacts' },
    ];
    sendPage(
      reply,
      request,
      'supplier-form',
      supplier ? `Edit ${supplier.name}` : 'New supplier',
      {
        heading: supplier ? `Edit ${supplier.name}` : 'New supplier or partner',
        action: supplier ? `/console/suppliers/${supplier.id}/edit` : '/console/suppliers',
        back: supplier ? `/console/suppliers/${supplier.id}` : '/console/suppliers',
        errors: summaryOf(errors, allSpecs),
        fields: formFields(details, errors),
        contacts,
      },
      errors.length > 0,
      status,
    );
  }
}

/** The supplier form as the API's input: every text field as typed (blank clears), tags split, contact rows filled in. */
function supplierValues(body: Form): Form {
  const values: Form = Object.fromEntries(SUPPLIER_TEXT.map((k) => [k, text(body, k)]));
  values.tags = text(body, 'tags')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const contacts = [];
  for (let i = 0; i < 20; i++) {
    const [id, name, email, phone, role] = ['id', 'name', 'email', 'phone', 'role'].map((part) =>
      text(body, `contacts[${i}].${part}`).trim(),
    );
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
    {
      name: `contacts[${i}].name`,
      label: 'Name',
      errorLabel: `Contact ${i + 1} name`,
      value: v(`contacts[${i}].name`),
      autocomplete: 'off',
    },
    {
      name: `contacts[${i}].email`,
      label: 'Email',
      errorLabel: `Contact ${i + 1} email`,
      value: v(`contacts[${i}].email`),
      type: 'email',
      autocomplete: 'off',
    },
    {
      name: `contacts[${i}].phone`,
      label: 'Phone',
      errorLabel: `Contact ${i + 1} phone`,
      value: v(`contacts[${i}].phone`),
      type: 'tel',
      width: 20,
      autocomplete: 'off',
    },
    {
      name: `contacts[${i}].role`,
      label: 'Role',
      errorLabel: `Contact ${i + 1} role`,
      value: v(`contacts[${i}].role`),
      options: CONTACT_ROLES,
      blank: 'Choose a role',
    },
  ];
}
