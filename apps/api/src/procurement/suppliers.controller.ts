import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblems, ApiSort } from '../openapi/decorators.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { OffboardSupplier } from '@app/access-paths';
import { ALL_ROLES, Roles } from '@app/identity';
import { DomainError, pageOf } from '@app/platform';
import { ImportResultView } from './procurement.view.js';
import {
  CreateSupplierInput,
  SUPPLIER_SORTS,
  SupplierCsv,
  SupplierListQuery,
  SuppliersService,
  SupplierView,
  toSupplierView,
  UpdateSupplierInput,
} from '@app/suppliers';
import { ImportQuery } from './import.input.js';

@ApiTags('procurement')
@ApiBearerAuth()
@Controller('api/v1/suppliers')
export class SuppliersController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly csv: SupplierCsv,
    private readonly offboarding: OffboardSupplier,
  ) {}

  /** The register, paged and filtered; `?format=csv` exports it. */
  @Get()
  @Roles(...ALL_ROLES)
  @ApiPage(SupplierView, 'One page of the register (JSON), or the whole filtered register as CSV with `format=csv`.', {
    'text/csv': { schema: { type: 'string' } },
  })
  @ApiSort(SUPPLIER_SORTS, 'Default `name`; `band` and `rating` sort by seriousness.')
  async list(@Query() query: SupplierListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="suppliers.csv"');
      return this.csv.export(query);
    }
    const { items, total } = await this.suppliers.list(query);
    return pageOf(items.map(toSupplierView), total, query);
  }

  /**
   * Registers a supplier, its contacts inline.
   * @remarks Refused with 422 `SUPPLIER.PRIMARY_CONTACT_REQUIRED` (an `active` supplier needs a primary contact) or
   * `SUPPLIER.OWNER_UNKNOWN`; 409 `SUPPLIER.DUPLICATE_IDENTIFIER` when another supplier has the same Companies House
   * number, ODS code or UKPRN.
   */
  @Post()
  @Roles('procurement')
  @ApiProblems(409, 422)
  async create(@Body() body: CreateSupplierInput) {
    return toSupplierView(await this.suppliers.create(body));
  }

  /** CSV onboarding: one row per supplier; a result per row with its line number (at most 10 MB and 10,000 rows: 413 beyond). */
  @Post('import')
  @Roles('procurement')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'The CSV file: a header row naming the columns (README: Importing suppliers from CSV), then one row per supplier.',
    schema: { type: 'string' },
  })
  @Header('cache-control', 'no-store')
  @ApiOkResponse({
    type: ImportResultView,
    description: 'A result per row; valid rows stored (unless dryRun), invalid rows change nothing.',
  })
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuery): Promise<ImportResultView> {
    if (!(request.body instanceof Readable)) {
      throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.', 415);
    }
    const declared = Number(request.headers['content-length']);
    return this.csv.import(request.body, query.dryRun === 'true', Number.isFinite(declared) ? declared : undefined);
  }

  /** One supplier with its contacts and current figures. */
  @Get(':id')
  @Roles(...ALL_ROLES)
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toSupplierView(await this.suppliers.get(id));
  }

  /** Changes any field; contacts, when given, replace the list. */
  @Patch(':id')
  @Roles('procurement')
  @ApiProblems(409, 422)
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateSupplierInput) {
    return toSupplierView(await this.suppliers.update(id, body));
  }

  /** Ends the relationship; nothing is deleted. */
  @Post(':id/offboard')
  @Roles('procurement')
  @HttpCode(200)
  @ApiProblems(409)
  async offboard(@Param('id', new ParseUUIDPipe()) id: string) {
    // Its links end today and its active access paths are disabled, in one transaction.
    return toSupplierView((await this.offboarding.run(id)).supplier);
  }
}
